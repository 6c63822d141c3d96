using System;
using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>
    /// A rotation in degrees, in the plugin's order <b>pitch yaw roll</b>, as <c>vget /object/[str]/rotation</c>
    /// and <c>vget /camera/[uint]/rotation</c> print it.
    /// </summary>
    public sealed class UnrealCvRotator : IEquatable<UnrealCvRotator>, Common.ICommandArgument
    {
        public UnrealCvRotator(double pitch, double yaw, double roll)
        {
            Pitch = pitch;
            Yaw = yaw;
            Roll = roll;
        }

        public double Pitch { get; }
        public double Yaw { get; }
        public double Roll { get; }

        /// <summary>The three numbers as a <c>vset</c> command takes them: <c>pitch yaw roll</c>, invariant culture.</summary>
        public string ToCommandText() => ReplyText.Join(Pitch, Yaw, Roll);

        /// <summary>UE's FRotator::ToString layout: <c>P=-90.000 Y=0.000 R=0.000</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "P={0:F3} Y={1:F3} R={2:F3}", Pitch, Yaw, Roll);

        public bool Equals(UnrealCvRotator? other) => other != null && Pitch.Equals(other.Pitch) && Yaw.Equals(other.Yaw) && Roll.Equals(other.Roll);
        public override bool Equals(object? obj) => Equals(obj as UnrealCvRotator);
        public override int GetHashCode() => ReplyText.Hash(Pitch.GetHashCode(), Yaw.GetHashCode(), Roll.GetHashCode());
    }
}
