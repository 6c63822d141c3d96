using System;
using UnrealCv.Replies;

namespace UnrealCv.Pictures
{
    /// <summary>
    /// A depth array as a picture: t = (depth − near) / (far − near), clamped to [0, 1], through a colour map; near
    /// and far default to the array's smallest and largest finite values. NaN pixels are transparent black.
    /// Giving near larger than far reverses the map.
    /// </summary>
    internal static class DepthPicture
    {
        public static Raster Map(UnrealCvDepthArray depth, double? near, double? far, string colorMap)
        {
            if (depth.Channels != 1)
                throw new ArgumentException($"Only a depth array of shape (H, W) can be mapped to colours; this one has {depth.Channels} values per pixel.");
            Func<double, int> map = ColorMaps.Get(colorMap);
            (double min, double max) = FiniteRange(depth.Data);
            double from = near ?? min, to = far ?? max;
            double span = to - from;
            float[] data = depth.Data;
            var rgba = new byte[4 * data.Length];
            for (int i = 0; i < data.Length; i++)
            {
                float d = data[i];
                if (float.IsNaN(d)) continue; // transparent
                double t = span == 0 || double.IsNaN(span) ? 0 : (d - from) / span;
                int color = map(double.IsNaN(t) ? 0 : t);
                rgba[4 * i] = (byte)(color >> 16);
                rgba[4 * i + 1] = (byte)(color >> 8);
                rgba[4 * i + 2] = (byte)color;
                rgba[4 * i + 3] = 255;
            }
            return new Raster(depth.Width, depth.Height, rgba);
        }

        /// <summary>The smallest and largest values that are neither NaN nor infinite (0, 0 when there are none).</summary>
        private static (double Min, double Max) FiniteRange(float[] data)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float v in data)
            {
                if (float.IsNaN(v) || float.IsInfinity(v)) continue;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            return min > max ? (0, 0) : (min, max);
        }
    }
}
