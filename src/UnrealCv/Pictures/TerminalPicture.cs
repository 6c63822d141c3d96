using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace UnrealCv.Pictures
{
    /// <summary>
    /// A raster as lines of text, one character per column and two pixel rows: with 24-bit ANSI colours, the upper
    /// half block '▀' in the upper pixel's colour (foreground) over the lower pixel's (background); as plain text, a
    /// character from a brightness ramp. Terminal cells are about twice as tall as wide, so pixels stay square.
    /// </summary>
    internal static class TerminalPicture
    {
        /// <summary>Dark to bright.</summary>
        internal const string Ramp = " .:-=+*#%@";

        private const char UpperHalf = '\u2580';

        /// <summary>
        /// The raster scaled (box average) to <paramref name="columns"/> pixels across, keeping its aspect, and drawn.
        /// Transparent pixels show as black.
        /// </summary>
        public static List<string> Render(Raster raster, int columns, bool ansi)
        {
            int width = Math.Max(1, columns);
            int height = Math.Max(1, (int)Math.Round((double)raster.Height * width / raster.Width, MidpointRounding.AwayFromZero));
            int[] pixels = Scale(raster, width, height);
            var lines = new List<string>((height + 1) / 2);
            var line = new StringBuilder();
            for (int y = 0; y < height; y += 2)
            {
                line.Clear();
                int foreground = -1, background = -1;
                for (int x = 0; x < width; x++)
                {
                    int top = pixels[y * width + x];
                    int? bottom = y + 1 < height ? pixels[(y + 1) * width + x] : (int?)null;
                    if (!ansi)
                    {
                        line.Append(Ramp[Level(top, bottom ?? top)]);
                        continue;
                    }
                    if (top != foreground) line.Append(Sgr(38, top));
                    foreground = top;
                    if (bottom == null)
                    {
                        if (background != -2) line.Append("\u001b[49m"); // an odd last row: the terminal's own background below
                        background = -2;
                    }
                    else
                    {
                        if (bottom.Value != background) line.Append(Sgr(48, bottom.Value));
                        background = bottom.Value;
                    }
                    line.Append(UpperHalf);
                }
                if (ansi) line.Append("\u001b[0m");
                lines.Add(line.ToString());
            }
            return lines;
        }

        private static string Sgr(int layer, int rgb) => string.Format(CultureInfo.InvariantCulture,
            "\u001b[{0};2;{1};{2};{3}m", layer, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);

        /// <summary>The ramp index for the mean Rec. 709 luma of two pixels.</summary>
        private static int Level(int a, int b)
        {
            double luma = (Luma(a) + Luma(b)) / 2;
            return Math.Min(Ramp.Length - 1, (int)(luma / 256 * Ramp.Length));
        }

        private static double Luma(int rgb) => 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);

        /// <summary>Each target pixel the mean of the source pixels it covers, alpha applied over black, as 0xRRGGBB.</summary>
        private static int[] Scale(Raster raster, int width, int height)
        {
            var result = new int[width * height];
            byte[] rgba = raster.Rgba;
            for (int ty = 0; ty < height; ty++)
            {
                int y0 = (int)((long)ty * raster.Height / height), y1 = Math.Max(y0 + 1, (int)((long)(ty + 1) * raster.Height / height));
                for (int tx = 0; tx < width; tx++)
                {
                    int x0 = (int)((long)tx * raster.Width / width), x1 = Math.Max(x0 + 1, (int)((long)(tx + 1) * raster.Width / width));
                    long r = 0, g = 0, b = 0, n = 0;
                    for (int y = y0; y < y1; y++)
                    {
                        for (int x = x0; x < x1; x++)
                        {
                            int i = 4 * (y * raster.Width + x);
                            int a = rgba[i + 3];
                            r += rgba[i] * a;
                            g += rgba[i + 1] * a;
                            b += rgba[i + 2] * a;
                            n++;
                        }
                    }
                    long d = n * 255;
                    result[ty * width + tx] = (int)(((r + d / 2) / d) << 16 | ((g + d / 2) / d) << 8 | ((b + d / 2) / d));
                }
            }
            return result;
        }
    }
}
