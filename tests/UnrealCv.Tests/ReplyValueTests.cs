using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using UnrealCv.Replies;
using UnrealCv.Simulator.Encoders;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>Typed reply values: every shape, its edges, and replies that do not parse.</summary>
    public class ReplyValueTests
    {
        private static ParsedReply Parse(string command, string text) => ReplyParser.Parse(command, text, null);
        private static ParsedReply ParseBytes(string command, byte[] bytes) => ReplyParser.Parse(command, null, bytes);

        private static T Value<T>(ParsedReply reply)
        {
            Assert.Null(reply.Error);
            return Assert.IsType<T>(reply.Value);
        }

        // ---- vectors and rotators ------------------------------------------------------------------------

        [Theory]
        [InlineData("vget /object/RedBox/location")]
        [InlineData("vget /object/RedBox/location   ")]
        [InlineData("vget /object/RedBox/scale")]
        [InlineData("vget /camera/0/location")]
        [InlineData("vget /camera/12/location ")]
        [InlineData("vget /camera//location")] // [uint] is \d*: the plugin reads an empty id as 0
        [InlineData("vget /object/Level/Sub.Name_1/location")] // [str] is [^ ]*, slashes included
        public void Vector_commands_parse_three_numbers(string command)
        {
            var v = Value<UnrealCvVector>(Parse(command, "100.000 -100.500 0.250"));
            Assert.Equal(100.0, v.X);
            Assert.Equal(-100.5, v.Y);
            Assert.Equal(0.25, v.Z);
        }

        [Fact]
        public void Vector_tolerates_extra_blanks_in_the_reply()
        {
            var v = Value<UnrealCvVector>(Parse("vget /object/a/location", "  -1.000  -2.000 -3.000 \n"));
            Assert.Equal(new UnrealCvVector(-1, -2, -3), v);
        }

        [Fact]
        public void Vector_reads_printf_non_finite_values()
        {
            var v = Value<UnrealCvVector>(Parse("vget /object/a/location", "nan inf -inf"));
            Assert.True(double.IsNaN(v.X));
            Assert.Equal(double.PositiveInfinity, v.Y);
            Assert.Equal(double.NegativeInfinity, v.Z);
        }

        [Theory]
        [InlineData("1.000 2.000")]
        [InlineData("1.000 2.000 3.000 4.000")]
        [InlineData("1.000 abc 3.000")]
        [InlineData("")]
        [InlineData("1,000 2,000 3,000")]
        public void Vector_that_does_not_parse_falls_back_to_the_text_with_a_reason(string text)
        {
            ParsedReply reply = Parse("vget /object/RedBox/location", text);
            Assert.Equal(text, reply.Value);
            Assert.NotNull(reply.Error);
            Assert.Contains("vget /object/RedBox/location", reply.Error);
            Assert.Contains("3 numbers", reply.Error);
        }

        [Fact]
        public void Numbers_are_read_and_printed_in_the_invariant_culture()
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                var v = Value<UnrealCvVector>(Parse("vget /object/a/location", "1.500 -2.250 3.000"));
                Assert.Equal(1.5, v.X);
                Assert.Equal(-2.25, v.Y);
                Assert.Equal("X=1.500 Y=-2.250 Z=3.000", v.ToString());
                Assert.Equal("1.5 -2.25 3", v.ToCommandText());
                Assert.Equal(90.0, Value<double>(Parse("vget /camera/0/fov", "90.000000")));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void Argument_text_never_uses_an_exponent_the_plugin_would_not_match()
        {
            Assert.Equal("0.00001 1 -2", new UnrealCvVector(1e-5, 1, -2).ToCommandText());
        }

        [Theory]
        [InlineData("vget /object/GreenBox/rotation")]
        [InlineData("vget /camera/1/rotation  ")]
        public void Rotator_commands_parse_pitch_yaw_roll(string command)
        {
            var r = Value<UnrealCvRotator>(Parse(command, "-90.000 30.000 -180.000"));
            Assert.Equal(-90.0, r.Pitch);
            Assert.Equal(30.0, r.Yaw);
            Assert.Equal(-180.0, r.Roll);
            Assert.Equal("P=-90.000 Y=30.000 R=-180.000", r.ToString());
            Assert.Equal("-90 30 -180", r.ToCommandText());
        }

        [Fact]
        public void Rotator_that_does_not_parse_falls_back()
        {
            ParsedReply reply = Parse("vget /camera/0/rotation", "ok");
            Assert.Equal("ok", reply.Value);
            Assert.Contains("pitch yaw roll", reply.Error);
        }

        // ---- names ---------------------------------------------------------------------------------------

        [Fact]
        public void Object_list_drops_the_trailing_space()
        {
            string[] names = Value<string[]>(Parse("vget /objects", "WorldSettings RedBox GreenBox "));
            Assert.Equal(new[] { "WorldSettings", "RedBox", "GreenBox" }, names);
        }

        [Fact]
        public void Camera_list_with_a_trailing_space_in_the_command()
        {
            string[] names = Value<string[]>(Parse("vget /cameras  ", "PawnSensor FusionCameraSensor "));
            Assert.Equal(new[] { "PawnSensor", "FusionCameraSensor" }, names);
        }

        [Fact]
        public void Empty_list_is_an_empty_array()
        {
            Assert.Empty(Value<string[]>(Parse("vget /cameras", "")));
        }

        // ---- colour --------------------------------------------------------------------------------------

        [Fact]
        public void Color_parses_FColor_text()
        {
            var c = Value<UnrealCvColor>(Parse("vget /object/RedBox/color", "(R=255,G=128,B=64,A=255)"));
            Assert.Equal((byte)255, c.R);
            Assert.Equal((byte)128, c.G);
            Assert.Equal((byte)64, c.B);
            Assert.Equal((byte)255, c.A);
            Assert.Equal("(R=255,G=128,B=64,A=255)", c.ToString());
            Assert.Equal("255 128 64", c.ToCommandText());
            Assert.Equal(new UnrealCvColor(255, 128, 64), c);
        }

        [Theory]
        [InlineData("(R=256,G=0,B=0,A=255)")]
        [InlineData("(R=1,G=2,B=3)")]
        [InlineData("red")]
        public void Color_that_does_not_parse_falls_back(string text)
        {
            ParsedReply reply = Parse("vget /object/RedBox/color", text);
            Assert.Equal(text, reply.Value);
            Assert.Contains("vget /object/RedBox/color", reply.Error);
        }

        // ---- status --------------------------------------------------------------------------------------

        private const string StableStatus =
            "Is Listening\nClient Connected\n9000\nConfiguration\nConfig file: /abs/path/Binaries/Linux/unrealcv.ini\n" +
            "Port: 9000\nWidth: 640\nHeight: 480\nFOV: 90.000000\nEnableInput: true\nEnableRightEye: false\n";

        [Fact]
        public void Status_parses_the_stable_layout()
        {
            var s = Value<UnrealCvStatus>(Parse("vget /unrealcv/status", StableStatus));
            Assert.True(s.IsListening);
            Assert.True(s.ClientConnected);
            Assert.Equal(9000, s.Port);
            Assert.Equal(9000, s.ConfigPort);
            Assert.Equal("/abs/path/Binaries/Linux/unrealcv.ini", s.ConfigFile);
            Assert.Equal(640, s.Width);
            Assert.Equal(480, s.Height);
            Assert.Equal(90.0, s.Fov);
            Assert.True(s.EnableInput);
            Assert.False(s.EnableRightEye);
            Assert.Equal("Listening on port 9000, client connected, 640x480, FOV 90, config /abs/path/Binaries/Linux/unrealcv.ini", s.ToString());
        }

        [Fact]
        public void Status_parses_the_HEAD_layout_and_a_windows_path()
        {
            const string head = "Not Listening\r\nNo Client Connected\r\n9001\r\nConfiguration\r\nConfig file: C:\\Game\\Binaries\\Win64\\unrealcv.ini\r\n" +
                "Port: 9002\r\nWidth: 1280\r\nHeight: 720\r\nFOV: 75.5\r\nEnableInput: false\r\nEnableRightEye: true";
            var s = Value<UnrealCvStatus>(Parse("vget /unrealcv/status ", head));
            Assert.False(s.IsListening);
            Assert.False(s.ClientConnected);
            Assert.Equal(9001, s.Port);
            Assert.Equal(9002, s.ConfigPort);
            Assert.Equal("C:\\Game\\Binaries\\Win64\\unrealcv.ini", s.ConfigFile);
            Assert.Equal(1280, s.Width);
            Assert.Equal(720, s.Height);
            Assert.Equal(75.5, s.Fov);
            Assert.False(s.EnableInput);
            Assert.True(s.EnableRightEye);
        }

        [Theory]
        [InlineData("Maybe Listening\nClient Connected\n9000\n", "Is Listening")]
        [InlineData("Is Listening\nClient Connected\nport\n", "port")]
        [InlineData("Is Listening\nClient Connected\n9000\nConfiguration\nPort: 9000\n", "Config file")]
        [InlineData("ok", "status")]
        public void Status_that_does_not_parse_falls_back(string text, string mentioned)
        {
            ParsedReply reply = Parse("vget /unrealcv/status", text);
            Assert.Equal(text, reply.Value);
            Assert.NotNull(reply.Error);
            Assert.Contains(mentioned, reply.Error);
        }

        [Fact]
        public void Status_missing_a_setting_names_it()
        {
            string text = StableStatus.Replace("EnableRightEye: false\n", "");
            Assert.Contains("EnableRightEye", Parse("vget /unrealcv/status", text).Error);
        }

        // ---- bounds, bool, fov, size ---------------------------------------------------------------------

        [Fact]
        public void Bounds_parse_min_then_max()
        {
            var b = Value<UnrealCvBounds>(Parse("vget /object/RedBox/bounds", "50.00 -200.00 0.00 150.00 -100.00 100.00"));
            Assert.Equal(new UnrealCvVector(50, -200, 0), b.Min);
            Assert.Equal(new UnrealCvVector(150, -100, 100), b.Max);
            Assert.Equal(new UnrealCvVector(100, -150, 50), b.Center);
            Assert.Equal(new UnrealCvVector(100, 100, 100), b.Size);
        }

        [Fact]
        public void Bounds_with_five_numbers_fall_back()
        {
            ParsedReply reply = Parse("vget /object/RedBox/bounds", "1 2 3 4 5");
            Assert.Equal("1 2 3 4 5", reply.Value);
            Assert.Contains("6 numbers", reply.Error);
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("false", false)]
        [InlineData("false\n", false)]
        public void Is_paused_is_a_bool(string text, bool expected)
        {
            Assert.Equal(expected, Value<bool>(Parse("vget /action/game/is_paused", text)));
        }

        [Fact]
        public void Is_paused_other_text_falls_back()
        {
            ParsedReply reply = Parse("vget /action/game/is_paused", "True!");
            Assert.Equal("True!", reply.Value);
            Assert.Contains("neither true nor false", reply.Error);
        }

        [Fact]
        public void Fov_is_a_double_and_size_a_width_and_height()
        {
            Assert.Equal(90.0, Value<double>(Parse("vget /camera/0/fov", "90.000000")));
            Assert.Equal(-1.5, Value<double>(Parse("vget /camera/1/fov ", "-1.500000")));
            var size = Value<UnrealCvSize>(Parse("vget /camera/1/size", "640 480"));
            Assert.Equal(640, size.Width);
            Assert.Equal(480, size.Height);
            Assert.Equal("640x480", size.ToString());
        }

        [Fact]
        public void Size_that_is_not_two_integers_falls_back()
        {
            ParsedReply reply = Parse("vget /camera/1/size", "640.5 480");
            Assert.Equal("640.5 480", reply.Value);
            Assert.Contains("width", reply.Error);
            Assert.Contains("2 numbers", Parse("vget /camera/1/size", "640").Error);
        }

        // ---- text that stays text ------------------------------------------------------------------------

        [Theory]
        [InlineData("vget /object/RedBox/location", "error Can not find object")]
        [InlineData("vget /unrealcv/version", "1.0.1")]
        [InlineData("vget /object/Red Box/location", "error Can not find a handler for URI 'vget /object/Red Box/location'")]
        [InlineData("vrun vget /objects", "ok")] // a vrun: the plugin searches patterns anywhere, we do not guess
        [InlineData("vset /object/RedBox/location 1 2 3", "ok")]
        [InlineData("vget /object/RedBox/location extra", "error Can not find a handler")]
        [InlineData("vget /camera/x/location", "error Can not find a handler")]
        [InlineData("vget /camera/0/lit shot.png", "shot.png")]
        public void Errors_and_unknown_commands_keep_the_text_without_error(string command, string text)
        {
            ParsedReply reply = Parse(command, text);
            Assert.Equal(text, reply.Value);
            Assert.Null(reply.Error);
        }

        [Fact]
        public void Ok_to_a_capture_command_is_reported()
        {
            ParsedReply reply = Parse("vget /camera/0/lit bmp", "ok");
            Assert.Equal("ok", reply.Value);
            Assert.Contains("capture is empty", reply.Error);
        }

        [Fact]
        public void Unknown_binary_reply_is_the_bytes()
        {
            var bytes = new byte[] { 1, 2, 3 };
            ParsedReply reply = ParseBytes("vget /custom/thing png", bytes);
            Assert.Same(bytes, reply.Value);
            Assert.Null(reply.Error);
        }

        // ---- images --------------------------------------------------------------------------------------

        /// <summary>An RGBA image whose pixel (x, y) is (10x, 20y, x+y, 255).</summary>
        private static byte[] Gradient(int width, int height)
        {
            var rgba = new byte[width * height * 4];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int i = (y * width + x) * 4;
                    rgba[i] = (byte)(10 * x);
                    rgba[i + 1] = (byte)(20 * y);
                    rgba[i + 2] = (byte)(x + y);
                    rgba[i + 3] = 255;
                }
            return rgba;
        }

        [Theory]
        [InlineData("vget /camera/0/lit png")]
        [InlineData("vget /camera/1/normal png  ")]
        [InlineData("vget /camera/1/object_mask png")]
        [InlineData("vget /camera/1/seg png")]
        [InlineData("vget /screenshot png")]
        public void Png_size_comes_from_IHDR(string command)
        {
            byte[] png = PngWriter.Encode(Gradient(64, 48), 64, 48);
            var image = Value<UnrealCvImage>(ParseBytes(command, png));
            Assert.Equal("png", image.Format);
            Assert.Equal(64, image.Width);
            Assert.Equal(48, image.Height);
            Assert.Same(png, image.Bytes);
            Assert.Equal($"png 64x48 ({png.Length} bytes)", image.ToString());
        }

        [Fact]
        public void Png_GetPixel_says_how_to_read_pixels()
        {
            byte[] png = PngWriter.Encode(Gradient(4, 3), 4, 3);
            var image = Value<UnrealCvImage>(ParseBytes("vget /camera/0/lit png", png));
            var e = Assert.Throws<NotSupportedException>(() => image.GetPixel(0, 0));
            Assert.Contains("decode the PNG with an image library, or request bmp", e.Message);
        }

        [Fact]
        public void Png_Save_writes_the_bytes_as_received()
        {
            byte[] png = PngWriter.Encode(Gradient(4, 3), 4, 3);
            var image = Value<UnrealCvImage>(ParseBytes("vget /screenshot png", png));
            string path = Path.Combine(Path.GetTempPath(), $"unrealcv-{Guid.NewGuid():N}.png");
            try
            {
                image.Save(path);
                Assert.Equal(png, File.ReadAllBytes(path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Png_without_signature_is_a_format_error_naming_the_command()
        {
            byte[] notPng = Encoding.ASCII.GetBytes("GIF89a and more bytes after that");
            var e = Assert.Throws<FormatException>(() => UnrealCvImage.FromReply("vget /camera/0/lit png", "png", notPng));
            Assert.Contains("'vget /camera/0/lit png'", e.Message);
            Assert.Contains("PNG signature", e.Message);

            ParsedReply reply = ParseBytes("vget /camera/0/lit png", notPng);
            Assert.Same(notPng, reply.Value);
            Assert.Equal(e.Message, reply.Error);
        }

        [Fact]
        public void Bmp_pixels_are_read_from_after_the_58_byte_prefix()
        {
            byte[] bmp = BmpWriter.Encode(Gradient(5, 3), 5, 3);
            Assert.Equal(58 + 4 * 5 * 3, bmp.Length);
            var image = Value<UnrealCvImage>(ParseBytes("vget /camera/1/object_mask bmp", bmp));
            Assert.Equal("bmp", image.Format);
            Assert.Equal(5, image.Width);
            Assert.Equal(3, image.Height);
            Assert.True(image.IsTopDown);
            Assert.Same(bmp, image.Bytes);
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 5; x++)
                    Assert.Equal(new UnrealCvColor((byte)(10 * x), (byte)(20 * y), (byte)(x + y), 255), image.GetPixel(x, y));
            Assert.Equal("bmp 5x3 (118 bytes)", image.ToString());
        }

        [Fact]
        public void Bmp_bottom_up_rows_are_flipped()
        {
            byte[] bmp = BmpWriter.Encode(Gradient(2, 2), 2, 2);
            bmp[22] = 2; bmp[23] = 0; bmp[24] = 0; bmp[25] = 0; // biHeight = +2: bottom row first
            var image = Value<UnrealCvImage>(ParseBytes("vget /camera/0/lit bmp", bmp));
            Assert.False(image.IsTopDown);
            Assert.Equal(2, image.Height);
            Assert.Equal(new UnrealCvColor(10, 20, 2), image.GetPixel(1, 0)); // stored in the second row
            Assert.Equal(new UnrealCvColor(10, 0, 1), image.GetPixel(1, 1));
        }

        [Fact]
        public void Bmp_GetPixel_outside_the_image_throws()
        {
            var image = Value<UnrealCvImage>(ParseBytes("vget /camera/0/lit bmp", BmpWriter.Encode(Gradient(2, 2), 2, 2)));
            Assert.Throws<ArgumentOutOfRangeException>(() => image.GetPixel(2, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => image.GetPixel(0, -1));
        }

        [Fact]
        public void Bmp_Save_drops_the_element_count_and_makes_a_standard_file()
        {
            const int w = 6, h = 4;
            byte[] bmp = BmpWriter.Encode(Gradient(w, h), w, h);
            bmp[6] = 0xCD; bmp[7] = 0xCD; bmp[8] = 0xCD; bmp[9] = 0xCD; // the plugin leaves bfReserved uninitialised
            var image = Value<UnrealCvImage>(ParseBytes("vget /camera/0/lit bmp", bmp));
            string path = Path.Combine(Path.GetTempPath(), $"unrealcv-{Guid.NewGuid():N}.bmp");
            try
            {
                image.Save(path);
                byte[] file = File.ReadAllBytes(path);
                Assert.Equal(54 + 4 * w * h, file.Length);
                Assert.Equal(file.Length, BitConverter.ToInt32(file, 2));       // bfSize
                Assert.Equal(0, BitConverter.ToInt32(file, 6));                 // bfReserved1/2
                Assert.Equal(54, BitConverter.ToInt32(file, 10));               // bfOffBits
                Assert.Equal(-h, BitConverter.ToInt32(file, 22));               // still top-down
                Assert.Equal(bmp[..2], file[..2]);
                Assert.Equal(bmp[10..54], file[10..54]);
                Assert.Equal(bmp[58..], file[54..]);                            // pixels right after the headers
                Assert.Equal(new byte[] { 2 + 3, 20 * 3, 10 * 2, 255 }, file[(54 + (3 * w + 2) * 4)..(54 + (3 * w + 2) * 4 + 4)]); // (2, 3) as B, G, R, A
            }
            finally
            {
                File.Delete(path);
            }
            Assert.Equal((byte)0xCD, bmp[6]); // the reply itself is untouched
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(1)]
        [InlineData(-4)]
        public void Bmp_of_the_wrong_length_is_a_format_error_naming_the_command(int delta)
        {
            byte[] good = BmpWriter.Encode(Gradient(3, 3), 3, 3);
            var bad = new byte[good.Length + delta];
            Buffer.BlockCopy(good, 0, bad, 0, Math.Min(good.Length, bad.Length));
            var e = Assert.Throws<FormatException>(() => UnrealCvImage.FromReply("vget /camera/0/lit bmp", "bmp", bad));
            Assert.Contains("'vget /camera/0/lit bmp'", e.Message);
            Assert.Contains($"{bad.Length} bytes", e.Message);
            Assert.Contains("94 bytes", e.Message); // 58 + 4*3*3

            ParsedReply reply = ParseBytes("vget /camera/0/lit bmp", bad);
            Assert.Same(bad, reply.Value);
            Assert.Equal(e.Message, reply.Error);
        }

        [Fact]
        public void Bmp_without_BM_is_a_format_error()
        {
            var e = Assert.Throws<FormatException>(() => UnrealCvImage.FromReply("vget /screenshot bmp", "bmp", new byte[100]));
            Assert.Contains("'vget /screenshot bmp'", e.Message);
            Assert.Contains("not a BMP", e.Message);
        }

        [Fact]
        public void Png_bytes_for_a_bmp_command_are_a_format_error()
        {
            byte[] png = PngWriter.Encode(Gradient(2, 2), 2, 2);
            ParsedReply reply = ParseBytes("vget /camera/0/lit bmp", png);
            Assert.Same(png, reply.Value);
            Assert.Contains("not a BMP", reply.Error);
        }

        // ---- NPY -----------------------------------------------------------------------------------------

        /// <summary>An NPY v1.0 file built by hand as cnpy writes it, independent of the simulator's writer.</summary>
        private static byte[] Npy(string descr, string fortran, string shape, float[] values, int? dataBytes = null)
        {
            string dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
            int padding = 16 - (10 + dict.Length) % 16;
            dict += new string(' ', padding - 1) + "\n";
            var bytes = new byte[10 + dict.Length + (dataBytes ?? values.Length * 4)];
            bytes[0] = 0x93;
            Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
            bytes[6] = 1;
            bytes[7] = 0;
            bytes[8] = (byte)dict.Length;
            bytes[9] = (byte)(dict.Length >> 8);
            Encoding.ASCII.GetBytes(dict).CopyTo(bytes, 10);
            Buffer.BlockCopy(values, 0, bytes, 10 + dict.Length, Math.Min(values.Length * 4, bytes.Length - 10 - dict.Length));
            return bytes;
        }

        [Fact]
        public void Depth_480x640_has_an_80_byte_prefix()
        {
            const int h = 480, w = 640;
            var values = new float[h * w];
            for (int i = 0; i < values.Length; i++) values[i] = 100 + i % w + (i / w) * 0.5f;
            values[123] = float.NaN;
            byte[] npy = Npy("<f4", "False", "(480, 640)", values);
            Assert.Equal(70, npy[8] | (npy[9] << 8));
            Assert.Equal(80 + 4 * h * w, npy.Length);

            var depth = Value<UnrealCvDepthArray>(ParseBytes("vget /camera/0/depth npy", npy));
            Assert.Equal(new[] { 480, 640 }, depth.Shape);
            Assert.Equal(480, depth.Height);
            Assert.Equal(640, depth.Width);
            Assert.Equal(1, depth.Channels);
            Assert.Equal(80, depth.DataOffset);
            Assert.Equal(h * w, depth.Data.Length);
            Assert.Equal(100 + 7 + 2 * 0.5f, depth[2, 7]);
            Assert.Equal(100 + 639 + 479 * 0.5f, depth.GetValue(479, 639));
            Assert.Equal(100f, depth.Min);                  // NaN ignored
            Assert.Equal(100 + 639 + 479 * 0.5f, depth.Max);
            Assert.Same(npy, depth.Bytes);
            Assert.Same(depth.Data, depth.Data);            // copied once, not per read
            Assert.StartsWith("float32 (480, 640) [100 .. ", depth.ToString());
            Assert.Throws<ArgumentOutOfRangeException>(() => depth[480, 0]);
        }

        [Fact]
        public void Shape_is_a_copy()
        {
            var depth = Value<UnrealCvDepthArray>(ParseBytes("vget /camera/0/depth npy", Npy("<f4", "False", "(1, 2)", new[] { 1f, 2f })));
            depth.Shape[0] = 99;
            Assert.Equal(1, depth.Height);
        }

        [Fact]
        public void Simulator_depth_and_three_channel_arrays_parse()
        {
            var values = new float[3 * 2 * 3];
            for (int i = 0; i < values.Length; i++) values[i] = i;
            byte[] npy = NpyWriter.Encode(values, 2, 3, 3);
            var array = Value<UnrealCvDepthArray>(ParseBytes("vget /camera/0/custom_flow npy ", npy)); // any npy reply
            Assert.Equal(new[] { 3, 2, 3 }, array.Shape);
            Assert.Equal(3, array.Channels);
            Assert.Equal(values[(2 * 2 + 1) * 3 + 2], array[2, 1, 2]);
            Assert.Throws<InvalidOperationException>(() => array[0, 0]);

            byte[] depth = NpyWriter.Encode(new[] { 800f, 700f, 650.5f, 65504f }, 2, 2);
            var d = Value<UnrealCvDepthArray>(ParseBytes("vget /camera/1/depth npy", depth));
            Assert.Equal(650.5f, d[1, 0]);
            Assert.Equal(650.5f, d.Min);
            Assert.Equal(65504f, d.Max);
        }

        [Fact]
        public void Npy_Save_writes_the_reply()
        {
            byte[] npy = Npy("<f4", "False", "(1, 2)", new[] { 1f, 2f });
            var depth = Value<UnrealCvDepthArray>(ParseBytes("vget /camera/0/depth npy", npy));
            string path = Path.Combine(Path.GetTempPath(), $"unrealcv-{Guid.NewGuid():N}.npy");
            try
            {
                depth.Save(path);
                Assert.Equal(npy, File.ReadAllBytes(path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("<f8", "False", "(2, 2)", null, "'<f8'")]
        [InlineData(">f4", "False", "(2, 2)", null, "'>f4'")]
        [InlineData("<f4", "True", "(2, 2)", null, "Fortran")]
        [InlineData("<f4", "False", "(4,)", null, "(H, W)")]
        [InlineData("<f4", "False", "(1, 1, 2, 2)", null, "(H, W)")]
        [InlineData("<f4", "False", "(2, 2)", 12, "needs")]
        [InlineData("<f4", "False", "(2, 2)", 20, "needs")]
        public void Unsupported_npy_is_a_format_error_naming_the_command(string descr, string fortran, string shape, int? dataBytes, string mentioned)
        {
            byte[] npy = Npy(descr, fortran, shape, new float[4], dataBytes);
            var e = Assert.Throws<FormatException>(() => UnrealCvDepthArray.FromReply("vget /camera/0/depth npy", npy));
            Assert.Contains("'vget /camera/0/depth npy'", e.Message);
            Assert.Contains(mentioned, e.Message);

            ParsedReply reply = ParseBytes("vget /camera/0/depth npy", npy);
            Assert.Same(npy, reply.Value);
            Assert.Equal(e.Message, reply.Error);
        }

        [Fact]
        public void Npy_without_magic_or_with_a_short_header_is_a_format_error()
        {
            var e = Assert.Throws<FormatException>(() => UnrealCvDepthArray.FromReply("vget /camera/0/depth npy", Encoding.ASCII.GetBytes("PNG not npy at all")));
            Assert.Contains("\\x93NUMPY", e.Message);
            byte[] truncated = Npy("<f4", "False", "(2, 2)", new float[4])[..40];
            Assert.Contains("header", Assert.Throws<FormatException>(() => UnrealCvDepthArray.FromReply("vget /camera/0/depth npy", truncated)).Message);
            byte[] v9 = Npy("<f4", "False", "(2, 2)", new float[4]);
            v9[6] = 9;
            Assert.Contains("version 9.0", Assert.Throws<FormatException>(() => UnrealCvDepthArray.FromReply("vget /camera/0/depth npy", v9)).Message);
        }

        // ---- the response and the shape ------------------------------------------------------------------

        [Fact]
        public void Response_parses_once_and_exposes_the_error()
        {
            // The session is not used by Value; the constructor only stores it.
            var good = new UnrealCvResponse(null!, 1, "vget /object/RedBox/location ", "1.000 2.000 3.000", null, TimeSpan.Zero);
            var v = Assert.IsType<UnrealCvVector>(good.Value);
            Assert.Same(v, good.Value);
            Assert.Null(good.ParseError);
            Assert.Equal(new UnrealCvVector(1, 2, 3), v);

            var bad = new UnrealCvResponse(null!, 2, "vget /object/RedBox/location", "1.000 2.000", null, TimeSpan.Zero);
            Assert.Equal("1.000 2.000", bad.Value);
            Assert.Contains("3 numbers", bad.ParseError);

            var error = new UnrealCvResponse(null!, 3, "vget /object/Nope/location", "error Can not find object", null, TimeSpan.Zero);
            Assert.Equal("error Can not find object", error.Value);
            Assert.Null(error.ParseError);

            byte[] bmp = BmpWriter.Encode(Gradient(2, 2), 2, 2);
            var image = new UnrealCvResponse(null!, 4, "vget /camera/0/lit bmp", null, bmp, TimeSpan.Zero);
            Assert.Same(bmp, Assert.IsType<UnrealCvImage>(image.Value).Bytes);
        }

        [Fact]
        public void Response_value_is_the_same_from_several_threads()
        {
            var response = new UnrealCvResponse(null!, 1, "vget /objects", "A B C ", null, TimeSpan.Zero);
            var seen = new object?[8];
            var threads = new Thread[seen.Length];
            for (int i = 0; i < threads.Length; i++)
            {
                int k = i;
                threads[i] = new Thread(() => seen[k] = response.Value);
            }
            foreach (Thread t in threads) t.Start();
            foreach (Thread t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(10)), "a reader thread hung");
            foreach (object? s in seen) Assert.Same(response.Value, s);
            Assert.Equal(new[] { "A", "B", "C" }, (string[])response.Value!);
        }

        [Theory]
        [InlineData("vget /camera/0/lit png", true, false, "png")]
        [InlineData("vget /camera/0/object_mask bmp ", true, false, "bmp")]
        [InlineData("vget /camera/0/depth npy", true, true, "npy")]
        [InlineData("vget /screenshot png", true, false, "png")]
        [InlineData("vget /camera/0/lit PNG", true, false, "png")]
        [InlineData("vget /camera/0/depth Npy", true, true, "npy")]
        [InlineData("vget /camera/0/lit shot.png", false, false, null)]
        [InlineData("vget /camera/0/depth depth.npy", false, false, null)]
        [InlineData("vget /camera/0/location", false, false, null)]
        [InlineData("vset /camera/0/lit png", false, false, null)]
        public void Shape_tells_images_and_arrays(string command, bool imageOrArray, bool array, string? format)
        {
            ReplyShape shape = ReplyShape.Of(command);
            Assert.Equal(array, shape.Format == "npy");
            Assert.Equal(format, shape.Format);
            Assert.Equal(imageOrArray, shape.IsBinary);
        }

        // ---- the one error rule ----------------------------------------------------------------------------

        [Theory]
        [InlineData("error Can not find object", true, "Can not find object")]
        [InlineData("error ", true, "")]                 // FExecStatus formats "%s %s": an empty message keeps its space
        [InlineData("error  two spaces", true, " two spaces")]
        [InlineData("error", false, null)]               // no space: a command's own text, e.g. vget /unrealcv/echo error
        [InlineData("errors 3", false, null)]
        [InlineData("Error Can not find object", false, null)]
        [InlineData(" error x", false, null)]
        [InlineData("ok", false, null)]
        [InlineData("", false, null)]
        [InlineData(null, false, null)]
        public void One_rule_tells_an_error_reply_in_text_bytes_and_responses(string? text, bool isError, string? message)
        {
            Assert.Equal(isError, ErrorReply.Is(text));
            Assert.Equal(message, ErrorReply.MessageOf(text));
            if (text != null) Assert.Equal(isError, ErrorReply.Is(Encoding.UTF8.GetBytes(text)));

            var response = new UnrealCvResponse(null!, 1, "vget /unrealcv/echo x", text, null, TimeSpan.Zero);
            Assert.Equal(isError, response.IsError);
            Assert.Equal(message, response.ErrorMessage);
            Assert.Equal(isError ? "UnrealCvServerError" : null, response.Failure);

            // The parser keeps an error reply's text, whatever shape its command has.
            if (!isError) return;
            ParsedReply parsed = ReplyParser.Parse("vget /camera/0/location", text, null);
            Assert.Equal(text, parsed.Value);
            Assert.Null(parsed.Error);
        }

        [Theory]
        [InlineData("ok", true)]
        [InlineData("error Invalid sensor id", true)]
        [InlineData("error ", true)]
        [InlineData("error", false)]
        [InlineData("okay", false)]
        [InlineData("\u0089PNG", false)]
        public void A_binary_command_falls_back_to_text_only_for_ok_and_error_replies(string body, bool text)
        {
            Assert.Equal(text, ReplyShape.IsTextFallback(Encoding.UTF8.GetBytes(body)));
        }

        [Fact]
        public void A_request_that_got_no_reply_is_a_failed_response_with_no_value()
        {
            var failed = UnrealCvResponse.Failed(null!, 7, "vget /camera/0/location", TimeSpan.FromSeconds(1), "UnrealCvTimeout", "no reply within 1 s");
            Assert.True(failed.IsError);
            Assert.Equal("UnrealCvTimeout", failed.Failure);
            Assert.Equal("no reply within 1 s", failed.ErrorMessage);
            Assert.Null(failed.Text);
            Assert.Null(failed.Bytes);
            Assert.False(failed.IsBinary);
            Assert.Null(failed.Value);
            Assert.Null(failed.ParseError);
            Assert.Equal("<UnrealCvTimeout: no reply within 1 s>", failed.ToString());
        }

        [Theory]
        [InlineData("vget /unrealcv/status", "Text", "Status")]
        [InlineData("vget /objects ", "Text", "Names")]
        [InlineData("vget /cameras", "Text", "Names")]
        [InlineData("vget /action/game/is_paused", "Text", "Bool")]
        [InlineData("vget /object/RedBox/location", "Text", "Vector")]
        [InlineData("vget /object/RedBox/scale  ", "Text", "Vector")]
        [InlineData("vget /object/RedBox/rotation", "Text", "Rotator")]
        [InlineData("vget /object/RedBox/bounds", "Text", "Bounds")]
        [InlineData("vget /object/RedBox/color", "Text", "Color")]
        [InlineData("vget /camera/0/location", "Text", "Vector")]
        [InlineData("vget /camera/1/rotation", "Text", "Rotator")]
        [InlineData("vget /camera/0/fov", "Text", "Number")]
        [InlineData("vget /camera/0/size", "Text", "Size")]
        [InlineData("vget /camera/0/lit png", "Png", "Image")]
        [InlineData("vget /camera/0/seg BMP", "Bmp", "Image")]
        [InlineData("vget /screenshot png", "Png", "Image")]
        [InlineData("vget /camera/0/depth npy", "Npy", "DepthArray")]
        [InlineData("vget /camera/0/depth png", "Png", "Raw")]
        [InlineData("vget /camera/0/lit shot.png", "Text", "Raw")]
        [InlineData("vget /unrealcv/echo x", "Text", "Raw")]
        [InlineData("vset /camera/0/location 1 2 3", "Text", "Raw")]
        [InlineData("vrun vget /objects", "Text", "Raw")]
        [InlineData("VGET /objects", "Text", "Raw")]
        public void Shape_is_decided_once_from_the_command(string command, string body, string value)
        {
            ReplyShape shape = ReplyShape.Of(command);
            Assert.Equal(body, shape.Body.ToString());
            Assert.Equal(value, shape.Value.ToString());
            Assert.Equal(body == "Text" ? null : body.ToLowerInvariant(), shape.Format);
        }

        [Fact]
        public void The_parser_goes_by_the_shape_the_request_was_sent_with()
        {
            // The same text parses by the shape it was sent with, not by re-reading the command.
            ParsedReply asVector = ReplyParser.Parse(new ReplyShape(ReplyBody.Text, ReplyValue.Vector), "vget /unrealcv/echo 1 2 3", "1 2 3", null);
            Assert.Equal(new UnrealCvVector(1, 2, 3), asVector.Value);
            ParsedReply raw = ReplyParser.Parse(ReplyShape.Text, "vget /camera/0/location", "1 2 3", null);
            Assert.Equal("1 2 3", raw.Value);
        }

        [Fact]
        public void Deciding_a_shape_allocates_nothing()
        {
            string[] commands = { "vget /unrealcv/echo x", "vget /camera/0/location", "vget /camera/0/lit png", "vget /object/A/color", "vset /x" };
            foreach (string c in commands) ReplyShape.Of(c); // warm the regex caches
            // The fewest bytes of five rounds: the runtime may allocate on this thread once, while it optimises the
            // methods (seen: 3,760 bytes in one round of a CI run); a per-call allocation shows in every round.
            long fewest = long.MaxValue;
            int kinds = 0;
            for (int round = 0; round < 5; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                kinds = 0;
                for (int i = 0; i < 100; i++)
                    foreach (string c in commands) kinds += (int)ReplyShape.Of(c).Value;
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, fewest);
            Assert.Equal(100 * ((int)ReplyValue.Vector + (int)ReplyValue.Image + (int)ReplyValue.Color), kinds);
        }
    }
}
