using System;
using System.Collections.Generic;

namespace UnrealCv.Pictures
{
    /// <summary>
    /// The 2D boxes of labelled objects in an object mask, in one pass over its pixels. A pixel belongs to the object
    /// whose colour is nearest, if every channel is within the tolerance: the plugin renders a colour given as c/255
    /// into an 8-bit target, and post-processing (exposure, as the plugin's own source warns) can move it a little;
    /// the official client allows 3 per channel. Labelling colours are at least 8 apart (FColorGenerator's 32 levels
    /// per channel), so a tolerance under 4 never makes a pixel ambiguous. Black is the background: an object coloured
    /// black cannot be told from it and gets no box.
    /// </summary>
    internal static class MaskBoxes
    {
        public readonly struct Box
        {
            public Box(int index, int minX, int minY, int maxX, int maxY, int pixels)
            {
                Index = index;
                MinX = minX;
                MinY = minY;
                MaxX = maxX;
                MaxY = maxY;
                Pixels = pixels;
            }

            /// <summary>The object's index in the colours given.</summary>
            public int Index { get; }
            public int MinX { get; }
            public int MinY { get; }
            public int MaxX { get; }
            public int MaxY { get; }
            public int Pixels { get; }
        }

        /// <summary>The boxes of the objects seen, in the order of <paramref name="colors"/> (R, G, B each).</summary>
        public static List<Box> Find(Raster mask, IReadOnlyList<(byte R, byte G, byte B)> colors, int tolerance)
        {
            if (tolerance < 0 || tolerance > 127) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance is 0 to 127 per channel.");
            int n = colors.Count;
            var minX = new int[n]; var minY = new int[n]; var maxX = new int[n]; var maxY = new int[n]; var count = new int[n];
            for (int i = 0; i < n; i++) { minX[i] = int.MaxValue; minY[i] = int.MaxValue; maxX[i] = -1; maxY[i] = -1; }
            // A mask has few distinct colours: each is matched once.
            var owner = new Dictionary<int, int>();
            byte[] rgba = mask.Rgba;
            for (int y = 0, p = 0; y < mask.Height; y++)
            {
                for (int x = 0; x < mask.Width; x++, p += 4)
                {
                    int key = (rgba[p] << 16) | (rgba[p + 1] << 8) | rgba[p + 2];
                    if (!owner.TryGetValue(key, out int index)) owner[key] = index = Nearest(rgba[p], rgba[p + 1], rgba[p + 2], colors, tolerance);
                    if (index < 0) continue;
                    count[index]++;
                    if (x < minX[index]) minX[index] = x;
                    if (x > maxX[index]) maxX[index] = x;
                    if (y < minY[index]) minY[index] = y;
                    maxY[index] = y; // rows come in order
                }
            }
            var boxes = new List<Box>();
            for (int i = 0; i < n; i++)
                if (count[i] > 0) boxes.Add(new Box(i, minX[i], minY[i], maxX[i], maxY[i], count[i]));
            return boxes;
        }

        private static int Nearest(byte r, byte g, byte b, IReadOnlyList<(byte R, byte G, byte B)> colors, int tolerance)
        {
            if (r <= tolerance && g <= tolerance && b <= tolerance) return -1; // the background
            int best = -1, bestDistance = int.MaxValue;
            for (int i = 0; i < colors.Count; i++)
            {
                var c = colors[i];
                if (c.R == 0 && c.G == 0 && c.B == 0) continue;
                int distance = Math.Max(Math.Abs(c.R - r), Math.Max(Math.Abs(c.G - g), Math.Abs(c.B - b)));
                if (distance <= tolerance && distance < bestDistance)
                {
                    best = i;
                    bestDistance = distance;
                }
            }
            return best;
        }
    }
}
