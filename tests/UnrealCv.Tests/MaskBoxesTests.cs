using System.Collections.Generic;
using System.Linq;
using UnrealCv.Pictures;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>Boxes from object masks: extents, pixel counts, the colour tolerance, the background.</summary>
    public class MaskBoxesTests
    {
        private static readonly (byte R, byte G, byte B)[] Colors = { (0, 0, 0), (255, 0, 0), (0, 0, 255), (8, 8, 8) };

        private static Raster Mask(int width, int height, Dictionary<(int X, int Y), (byte R, byte G, byte B)> pixels)
        {
            var rgba = new byte[4 * width * height];
            foreach (var p in pixels)
            {
                int o = 4 * (p.Key.Y * width + p.Key.X);
                (rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]) = (p.Value.R, p.Value.G, p.Value.B, 255);
            }
            return new Raster(width, height, rgba);
        }

        [Fact]
        public void A_box_spans_every_pixel_of_its_colour_and_counts_them()
        {
            var pixels = new Dictionary<(int, int), (byte, byte, byte)>
            {
                [(2, 1)] = (255, 0, 0), [(5, 3)] = (255, 0, 0), [(3, 6)] = (255, 0, 0), // red: x 2..5, y 1..6
                [(9, 9)] = (0, 0, 255), // blue: one pixel
            };
            List<MaskBoxes.Box> boxes = MaskBoxes.Find(Mask(10, 10, pixels), Colors, tolerance: 3);
            Assert.Equal(new[] { 1, 2 }, boxes.Select(b => b.Index));
            var red = boxes[0];
            Assert.Equal((2, 1, 5, 6, 3), (red.MinX, red.MinY, red.MaxX, red.MaxY, red.Pixels));
            var blue = boxes[1];
            Assert.Equal((9, 9, 9, 9, 1), (blue.MinX, blue.MinY, blue.MaxX, blue.MaxY, blue.Pixels));
        }

        [Fact]
        public void A_pixel_counts_within_the_tolerance_per_channel_and_not_beyond()
        {
            var pixels = new Dictionary<(int, int), (byte, byte, byte)>
            {
                [(0, 0)] = (252, 3, 0),  // 3 off in two channels: red
                [(7, 7)] = (251, 0, 0),  // 4 off: nobody's
            };
            var box = Assert.Single(MaskBoxes.Find(Mask(8, 8, pixels), Colors, tolerance: 3));
            Assert.Equal((1, 0, 0, 1), (box.Index, box.MaxX, box.MaxY, box.Pixels));
            var exact = MaskBoxes.Find(Mask(8, 8, pixels), Colors, tolerance: 0);
            Assert.Empty(exact);
            var wide = Assert.Single(MaskBoxes.Find(Mask(8, 8, pixels), Colors, tolerance: 4));
            Assert.Equal((7, 7, 2), (wide.MaxX, wide.MaxY, wide.Pixels));
        }

        [Fact]
        public void The_background_and_an_object_coloured_black_get_no_box()
        {
            var pixels = new Dictionary<(int, int), (byte, byte, byte)> { [(1, 1)] = (2, 2, 2), [(2, 2)] = (8, 8, 8) };
            // (2,2,2) is background within the tolerance; (8,8,8) is the dark grey object's.
            var box = Assert.Single(MaskBoxes.Find(Mask(4, 4, pixels), Colors, tolerance: 3));
            Assert.Equal((3, 2, 2, 1), (box.Index, box.MinX, box.MinY, box.Pixels));
        }
    }
}
