using System;
using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>
    /// An 8-bit colour: an object's labelling colour (<c>vget /object/[str]/color</c>, FColor::ToString
    /// <c>(R=255,G=128,B=64,A=255)</c>) or one pixel of a BMP capture.
    /// </summary>
    public sealed class UnrealCvColor : IEquatable<UnrealCvColor>, Common.ICommandArgument
    {
        public UnrealCvColor(byte r, byte g, byte b, byte a = 255)
        {
            R = r;
            G = g;
            B = b;
            A = a;
        }

        public byte R { get; }
        public byte G { get; }
        public byte B { get; }
        public byte A { get; }

        /// <summary>The three numbers <c>vset /object/[str]/color r g b</c> takes (the plugin forces alpha to 255).</summary>
        public string ToCommandText() => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", R, G, B);

        /// <summary>FColor::ToString, the form the plugin prints: <c>(R=255,G=128,B=64,A=255)</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "(R={0},G={1},B={2},A={3})", R, G, B, A);

        public bool Equals(UnrealCvColor? other) => other != null && R == other.R && G == other.G && B == other.B && A == other.A;
        public override bool Equals(object? obj) => Equals(obj as UnrealCvColor);
        public override int GetHashCode() => (R << 24) | (G << 16) | (B << 8) | A;
    }
}
