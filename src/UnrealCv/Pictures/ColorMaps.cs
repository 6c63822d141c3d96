using System;

namespace UnrealCv.Pictures
{
    /// <summary>
    /// The colour maps a depth picture can use, each a function of t in [0, 1] (0 at -Near, 1 at -Far).
    /// Gray: level round(255·t), black to white. Viridis: a perceptually uniform map, dark purple to yellow, as
    /// linear interpolation between nine evenly spaced colours of the published viridis map.
    /// </summary>
    internal static class ColorMaps
    {
        public const string Gray = "Gray";
        public const string Viridis = "Viridis";

        /// <summary>The names -ColorMap accepts (ValidateSet needs a constant array).</summary>
        public static readonly string[] Names = { Gray, Viridis };

        // viridis at t = 0, 1/8, …, 1 (0xRRGGBB).
        private static readonly int[] ViridisStops =
        {
            0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725,
        };

        /// <summary>A function from t in [0, 1] to packed 0xRRGGBB, for a name of <see cref="Names"/> (any case).</summary>
        public static Func<double, int> Get(string name)
        {
            if (string.Equals(name, Gray, StringComparison.OrdinalIgnoreCase)) return GrayAt;
            if (string.Equals(name, Viridis, StringComparison.OrdinalIgnoreCase)) return ViridisAt;
            throw new ArgumentException($"'{name}' is not a colour map; the maps are {string.Join(", ", Names)}.", nameof(name));
        }

        private static int GrayAt(double t)
        {
            int level = (int)Math.Round(255 * Clamp(t), MidpointRounding.AwayFromZero);
            return (level << 16) | (level << 8) | level;
        }

        private static int ViridisAt(double t)
        {
            double position = Clamp(t) * (ViridisStops.Length - 1);
            int low = Math.Min((int)position, ViridisStops.Length - 2);
            double f = position - low;
            int a = ViridisStops[low], b = ViridisStops[low + 1];
            return (Mix(a >> 16, b >> 16, f) << 16) | (Mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f) << 8) | Mix(a & 0xFF, b & 0xFF, f);
        }

        private static int Mix(int a, int b, double f) => (int)Math.Round(a + (b - a) * f, MidpointRounding.AwayFromZero);

        private static double Clamp(double t) => t < 0 ? 0 : t > 1 ? 1 : t;
    }
}
