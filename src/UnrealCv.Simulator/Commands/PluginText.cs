using System;
using System.Globalization;
using UnrealCv.Simulator.Scene;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>
    /// The plugin's number parsing (FCString::Atoi/Atof) and printing (printf formats), always in the
    /// invariant culture so a German or French machine still prints <c>100.000</c>.
    /// </summary>
    internal static class PluginText
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        /// <summary>Atoi on a <c>[uint]</c> capture: digits only, empty is 0; saturates instead of overflowing.</summary>
        public static int Atoi(string digits)
        {
            long value = 0;
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') break;
                value = value * 10 + (c - '0');
                if (value > int.MaxValue) return int.MaxValue;
            }
            return (int)value;
        }

        /// <summary>Atof on a <c>[float]</c> capture, rounded to float as the plugin stores it.</summary>
        public static double Atof(string text) =>
            double.TryParse(text, NumberStyles.Float, Invariant, out double value) ? (float)value : 0;

        /// <summary>FStrFormatter's <c>%.3f %.3f %.3f</c> for a vector.</summary>
        public static string Triple(Vector3 v) => Triple(v.X, v.Y, v.Z);

        /// <summary>FStrFormatter's <c>%.3f %.3f %.3f</c> for a rotator: pitch yaw roll.</summary>
        public static string Triple(Rotator r) => Triple(r.Pitch, r.Yaw, r.Roll);

        private static string Triple(double a, double b, double c) =>
            Fixed(a, 3) + " " + Fixed(b, 3) + " " + Fixed(c, 3);

        /// <summary>printf <c>%.Nf</c> of a float value (the plugin's vectors are float).</summary>
        public static string Fixed(double value, int decimals) => ((double)(float)value).ToString("F" + decimals.ToString(Invariant), Invariant);

        /// <summary>printf <c>%f</c>.</summary>
        public static string F(double value) => Fixed(value, 6);

        /// <summary>
        /// A rotation as it reads back from a scene component: set through a quaternion, so each axis comes
        /// back in (-180, 180].
        /// </summary>
        public static Rotator Normalize(Rotator r) => new Rotator(NormalizeAxis(r.Pitch), NormalizeAxis(r.Yaw), NormalizeAxis(r.Roll));

        private static double NormalizeAxis(double angle)
        {
            angle %= 360;
            if (angle > 180) angle -= 360;
            else if (angle <= -180) angle += 360;
            return angle;
        }

        /// <summary>The vector parsed from three <c>[float]</c> captures starting at <paramref name="first"/>.</summary>
        public static Vector3 Vector(string[] args, int first) => new Vector3(Atof(args[first]), Atof(args[first + 1]), Atof(args[first + 2]));

        public static Rotator Rotator(string[] args, int first) => new Rotator(Atof(args[first]), Atof(args[first + 1]), Atof(args[first + 2]));

        public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
