using System;
using UnrealCv.Pictures;
using UnrealCv.Replies;
using UnrealCv.Simulator.Encoders;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>Depth pictures and terminal drawings: the documented mappings, their edges, and the plugin's BMP.</summary>
    public class PictureTests
    {
        private static UnrealCvDepthArray Depth(int width, int height, params float[] values) =>
            (UnrealCvDepthArray)ReplyParser.Parse("vget /camera/0/depth npy", null, NpyWriter.Encode(values, width, height)).Value!;

        private static int Rgb(Raster raster, int pixel) =>
            (raster.Rgba[4 * pixel] << 16) | (raster.Rgba[4 * pixel + 1] << 8) | raster.Rgba[4 * pixel + 2];

        [Fact]
        public void Gray_is_round_255_t_from_the_smallest_to_the_largest_finite_depth()
        {
            var raster = DepthPicture.Map(Depth(5, 1, 100, 200, 150, 101, float.PositiveInfinity), null, null, ColorMaps.Gray);
            // Range 100..200 (infinity is not finite; it clamps to white).
            Assert.Equal(new[] { 0x000000, 0xFFFFFF, 0x808080, 0x030303, 0xFFFFFF }, new[] { Rgb(raster, 0), Rgb(raster, 1), Rgb(raster, 2), Rgb(raster, 3), Rgb(raster, 4) });
            for (int i = 0; i < 5; i++) Assert.Equal(255, raster.Rgba[4 * i + 3]);
        }

        [Fact]
        public void Nan_is_transparent_and_near_larger_than_far_reverses()
        {
            var raster = DepthPicture.Map(Depth(3, 1, 0, float.NaN, 50), 100, 0, ColorMaps.Gray);
            Assert.Equal(0xFFFFFF, Rgb(raster, 0)); // depth 0 at Far = 0: t = 1
            Assert.Equal(0, raster.Rgba[4 * 1 + 3]);
            Assert.Equal(0x808080, Rgb(raster, 2));
        }

        [Fact]
        public void A_flat_array_maps_to_the_first_colour()
        {
            var raster = DepthPicture.Map(Depth(2, 1, 7, 7), null, null, ColorMaps.Viridis);
            Assert.Equal(0x440154, Rgb(raster, 0));
            Assert.Equal(0x440154, Rgb(raster, 1));
        }

        [Fact]
        public void Viridis_runs_from_its_published_ends_and_grows_brighter()
        {
            Func<double, int> viridis = ColorMaps.Get("viridis");
            Assert.Equal(0x440154, viridis(0));
            Assert.Equal(0x21908C, viridis(0.5));
            Assert.Equal(0xFDE725, viridis(1));
            Assert.Equal(0xFDE725, viridis(2)); // clamped
            double last = -1;
            for (int i = 0; i <= 100; i++)
            {
                int c = viridis(i / 100.0);
                double luma = 0.2126 * (c >> 16) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * (c & 0xFF);
                Assert.True(luma > last, $"luma at {i / 100.0} is {luma}, not above {last}");
                last = luma;
            }
        }

        [Fact]
        public void Arrays_with_channels_are_refused()
        {
            var array = (UnrealCvDepthArray)ReplyParser.Parse("vget /camera/0/flow npy", null, NpyWriter.Encode(new float[6], 1, 2, 3)).Value!;
            Assert.Throws<ArgumentException>(() => DepthPicture.Map(array, null, null, ColorMaps.Gray));
        }

        [Fact]
        public void The_plugins_bmp_is_read_without_the_shift_of_its_extra_count()
        {
            byte[] rgba = { 1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255 };
            var image = (UnrealCvImage)ReplyParser.Parse("vget /camera/0/lit bmp", null, BmpWriter.Encode(rgba, 2, 2)).Value!;
            Assert.Equal(rgba, Raster.From(image).Rgba);
        }

        [Fact]
        public void A_depth_picture_encodes_to_a_png_that_decodes_back()
        {
            var raster = DepthPicture.Map(Depth(2, 2, 0, 1, 2, 3), null, null, ColorMaps.Gray);
            var decoded = Raster.Decode(raster.ToPng(), "the picture");
            Assert.Equal(raster.Rgba, decoded.Rgba);
        }

        [Fact]
        public void Text_lines_have_one_character_per_column_and_two_pixel_rows()
        {
            var raster = new Raster(3, 4, new byte[4 * 12]);
            for (int i = 0; i < 12; i++) raster.Rgba[4 * i + 3] = 255;
            Assert.Equal(new[] { "   ", "   " }, TerminalPicture.Render(raster, 3, ansi: false));
            Assert.Single(TerminalPicture.Render(raster, 1, ansi: false)); // 1 column: 1x1 after scaling
        }
    }
}
