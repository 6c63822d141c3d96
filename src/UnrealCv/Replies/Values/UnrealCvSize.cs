using System;
using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>A camera's film size in pixels, from <c>vget /camera/[uint]/size</c> (<c>640 480</c>).</summary>
    public sealed class UnrealCvSize : IEquatable<UnrealCvSize>
    {
        public UnrealCvSize(int width, int height)
        {
            Width = width;
            Height = height;
        }

        public int Width { get; }
        public int Height { get; }

        /// <summary><c>640x480</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}x{1}", Width, Height);

        public bool Equals(UnrealCvSize? other) => other != null && Width == other.Width && Height == other.Height;
        public override bool Equals(object? obj) => Equals(obj as UnrealCvSize);
        public override int GetHashCode() => ReplyText.Hash(Width, Height, 0);
    }
}
