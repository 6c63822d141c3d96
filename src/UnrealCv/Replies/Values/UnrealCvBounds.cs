using System;

namespace UnrealCv.Replies
{
    /// <summary>An object's world-space axis-aligned bounds, from <c>vget /object/[str]/bounds</c> (<c>minx miny minz maxx maxy maxz</c>, <c>%.2f</c>).</summary>
    public sealed class UnrealCvBounds : IEquatable<UnrealCvBounds>
    {
        public UnrealCvBounds(UnrealCvVector min, UnrealCvVector max)
        {
            Min = min ?? throw new ArgumentNullException(nameof(min));
            Max = max ?? throw new ArgumentNullException(nameof(max));
        }

        public UnrealCvVector Min { get; }
        public UnrealCvVector Max { get; }

        /// <summary>The middle of the box.</summary>
        public UnrealCvVector Center => new UnrealCvVector((Min.X + Max.X) / 2, (Min.Y + Max.Y) / 2, (Min.Z + Max.Z) / 2);

        /// <summary>The edge lengths along X, Y and Z.</summary>
        public UnrealCvVector Size => new UnrealCvVector(Max.X - Min.X, Max.Y - Min.Y, Max.Z - Min.Z);

        public override string ToString() => $"Min=({Min}) Max=({Max})";

        public bool Equals(UnrealCvBounds? other) => other != null && Min.Equals(other.Min) && Max.Equals(other.Max);
        public override bool Equals(object? obj) => Equals(obj as UnrealCvBounds);
        public override int GetHashCode() => ReplyText.Hash(Min.GetHashCode(), Max.GetHashCode(), 0);
    }
}
