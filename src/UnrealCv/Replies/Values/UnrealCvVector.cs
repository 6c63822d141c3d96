using System;
using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>
    /// A location or scale in UE units (cm), as <c>vget /object/[str]/location</c>, <c>…/scale</c> and
    /// <c>vget /camera/[uint]/location</c> print it (<c>%.3f %.3f %.3f</c>).
    /// </summary>
    public sealed class UnrealCvVector : IEquatable<UnrealCvVector>, Common.ICommandArgument
    {
        public UnrealCvVector(double x, double y, double z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public double X { get; }
        public double Y { get; }
        public double Z { get; }

        /// <summary>The three numbers as a <c>vset</c> command takes them: <c>x y z</c>, invariant culture, round-trippable.</summary>
        public string ToCommandText() => ReplyText.Join(X, Y, Z);

        /// <summary>UE's FVector::ToString layout: <c>X=100.000 Y=-100.000 Z=100.000</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "X={0:F3} Y={1:F3} Z={2:F3}", X, Y, Z);

        public bool Equals(UnrealCvVector? other) => other != null && X.Equals(other.X) && Y.Equals(other.Y) && Z.Equals(other.Z);
        public override bool Equals(object? obj) => Equals(obj as UnrealCvVector);
        public override int GetHashCode() => ReplyText.Hash(X.GetHashCode(), Y.GetHashCode(), Z.GetHashCode());
    }
}
