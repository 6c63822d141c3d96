using System;
using System.IO;
using System.Text;
using StbImageSharp;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Captures: formats byte for byte (PNG decodes, BMP with its extra count, NPY v1.0) and contents
    /// that follow the scene. Camera 1 looks straight down from 800 cm at the floor (top face at z = 0);
    /// image up is world +X and image right is world +Y. RedBox (100 cm cube at 100, -150, 50) has its
    /// top face at depth 700, seen around pixel (251, 194).
    /// </summary>
    public sealed class ImageTests : IDisposable
    {
        private const int W = 640, H = 480;
        private readonly SimulatorHarness _harness = new SimulatorHarness();
        private readonly RawClient _client;

        public ImageTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        private ImageResult Png(string command)
        {
            byte[] png = _client.RequestBytes(command);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal(6, png[25]); // IHDR colour type 6: RGBA
            Assert.Equal(8, png[24]); // 8 bits per channel
            return ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        }

        private static (byte R, byte G, byte B, byte A) Pixel(ImageResult image, int x, int y)
        {
            int i = (y * image.Width + x) * 4;
            return (image.Data[i], image.Data[i + 1], image.Data[i + 2], image.Data[i + 3]);
        }

        private (byte, byte, byte, byte) AnnotationColor(string actor)
        {
            string[] parts = Ask($"vget /object/{actor}/color").Trim('(', ')').Split(',');
            byte Part(int i) => byte.Parse(parts[i].Substring(2));
            return (Part(0), Part(1), Part(2), 255);
        }

        private float[] Depth(string command)
        {
            byte[] npy = _client.RequestBytes(command);
            int headerLength = npy[8] | npy[9] << 8;
            var values = new float[(npy.Length - 10 - headerLength) / 4];
            Buffer.BlockCopy(npy, 10 + headerLength, values, 0, values.Length * 4);
            return values;
        }

        [Fact]
        public void Png_is_RGBA_at_the_camera_film_size()
        {
            ImageResult lit = Png("vget /camera/0/lit png");
            Assert.Equal(W, lit.Width);
            Assert.Equal(H, lit.Height);
            Assert.Equal((150, 190, 235, 255), Pixel(lit, 320, 5)); // sky above the horizon
            Assert.NotEqual((150, 190, 235, 255), Pixel(lit, 320, 470)); // floor below
            Assert.Equal("ok", Ask("vset /camera/0/size 64 48"));
            ImageResult small = Png("vget /camera/0/lit PNG");
            Assert.Equal((64, 48), (small.Width, small.Height));
        }

        [Fact]
        public void Object_mask_uses_each_objects_color_and_seg_is_an_alias()
        {
            ImageResult mask = Png("vget /camera/1/object_mask png");
            Assert.Equal(AnnotationColor("RedBox"), Pixel(mask, 251, 194));
            Assert.Equal(AnnotationColor("Floor"), Pixel(mask, 320, 240));
            Assert.Equal(mask.Data, Png("vget /camera/1/seg png").Data);

            Assert.Equal("ok", Ask("vset /object/RedBox/color 1 2 3"));
            Assert.Equal((1, 2, 3, 255), Pixel(Png("vget /camera/1/object_mask png"), 251, 194));
        }

        [Fact]
        public void Object_mask_background_is_black()
        {
            Assert.Equal("ok", Ask("vset /camera/0/rotation 30 0 0")); // look up at the sky
            _harness.WaitForNextFrame(); // camera 0 follows its controller on the next frame
            Assert.Equal((0, 0, 0, 255), Pixel(Png("vget /camera/0/object_mask png"), 320, 100));
        }

        [Fact]
        public void Moving_or_hiding_an_object_changes_the_next_image()
        {
            Assert.Equal(AnnotationColor("RedBox"), Pixel(Png("vget /camera/1/object_mask png"), 251, 194));
            Assert.Equal("ok", Ask("vset /object/RedBox/location -3000 -3000 50"));
            Assert.Equal(AnnotationColor("Floor"), Pixel(Png("vget /camera/1/object_mask png"), 251, 194));
            Assert.Equal("ok", Ask("vset /object/RedBox/location 100 -150 50"));
            Assert.Equal("ok", Ask("vset /object/RedBox/hide"));
            Assert.Equal(AnnotationColor("Floor"), Pixel(Png("vget /camera/1/object_mask png"), 251, 194));
            Assert.Equal("ok", Ask("vset /object/RedBox/show"));
            Assert.Equal(AnnotationColor("RedBox"), Pixel(Png("vget /camera/1/object_mask png"), 251, 194));
        }

        [Fact]
        public void Moving_the_camera_changes_the_next_image()
        {
            ImageResult before = Png("vget /camera/1/lit png");
            Assert.Equal("ok", Ask("vset /camera/1/location 50 0 800"));
            Assert.NotEqual(before.Data, Png("vget /camera/1/lit png").Data);
        }

        [Fact]
        public void Bmp_has_the_extra_count_top_down_BGRA_rows_and_the_same_pixels_as_png()
        {
            byte[] bmp = _client.RequestBytes("vget /camera/1/object_mask bmp");
            Assert.Equal(58 + 4 * W * H, bmp.Length);
            Assert.Equal((byte)'B', bmp[0]);
            Assert.Equal((byte)'M', bmp[1]);
            Assert.Equal(54 + 4 * W * H, BitConverter.ToInt32(bmp, 2)); // bfSize ignores the count
            Assert.Equal(0, BitConverter.ToInt32(bmp, 6));
            Assert.Equal(54, BitConverter.ToInt32(bmp, 10));
            Assert.Equal(40, BitConverter.ToInt32(bmp, 14));
            Assert.Equal(W, BitConverter.ToInt32(bmp, 18));
            Assert.Equal(-H, BitConverter.ToInt32(bmp, 22));
            Assert.Equal(1, BitConverter.ToInt16(bmp, 26));
            Assert.Equal(32, BitConverter.ToInt16(bmp, 28));
            Assert.Equal(0, BitConverter.ToInt32(bmp, 30));
            Assert.Equal(0, BitConverter.ToInt32(bmp, 34));
            Assert.Equal(1024, BitConverter.ToInt32(bmp, 38));
            Assert.Equal(1024, BitConverter.ToInt32(bmp, 42));
            Assert.Equal(0, BitConverter.ToInt32(bmp, 46));
            Assert.Equal(0, BitConverter.ToInt32(bmp, 50));
            Assert.Equal(4 * W * H, BitConverter.ToInt32(bmp, 54));

            ImageResult png = Png("vget /camera/1/object_mask png");
            for (int i = 0; i < W * H; i += 997)
            {
                int p = 58 + i * 4;
                Assert.Equal((png.Data[i * 4 + 2], png.Data[i * 4 + 1], png.Data[i * 4], png.Data[i * 4 + 3]), (bmp[p], bmp[p + 1], bmp[p + 2], bmp[p + 3]));
            }
            var (r, g, b, _) = AnnotationColor("RedBox");
            int red = 58 + (194 * W + 251) * 4;
            Assert.Equal((b, g, r, (byte)255), (bmp[red], bmp[red + 1], bmp[red + 2], bmp[red + 3]));
        }

        [Fact]
        public void Npy_has_the_cnpy_header_and_planar_depth_in_centimetres()
        {
            byte[] npy = _client.RequestBytes("vget /camera/1/depth npy");
            byte[] expectedHeader = Encoding.ASCII.GetBytes("\u0093NUMPY\u0001\u0000F\u0000{'descr': '<f4', 'fortran_order': False, 'shape': (480, 640), }      \n");
            expectedHeader[0] = 0x93;
            Assert.Equal(80, expectedHeader.Length);
            Assert.Equal(expectedHeader, npy[..80]);
            Assert.Equal(80 + 4 * W * H, npy.Length);

            float[] depth = Depth("vget /camera/1/depth npy");
            Assert.Equal(800f, depth[240 * W + 320]);  // floor straight below
            Assert.Equal(800f, depth[470 * W + 10]);   // planar depth: the same at the image edge
            Assert.Equal(700f, depth[194 * W + 251]);  // the top of RedBox, 100 cm above the floor
        }

        [Fact]
        public void Npy_sky_is_the_largest_half_float()
        {
            Assert.Equal("ok", Ask("vset /camera/0/rotation 45 0 0"));
            _harness.WaitForNextFrame();
            Assert.Equal(65504f, Depth("vget /camera/0/depth npy")[100 * W + 320]);
        }

        [Fact]
        public void Orthographic_keeps_depth_and_moves_objects_in_the_image()
        {
            Assert.Equal("ok", Ask("vset /camera/1/projection_type orthographic"));
            Assert.Equal("ok", Ask("vset /camera/1/ortho_width 1000"));
            ImageResult mask = Png("vget /camera/1/object_mask png");
            // 1000 cm across 640 px: RedBox's centre (x 100, y -150) is at column 223, row 178.
            Assert.Equal(AnnotationColor("RedBox"), Pixel(mask, 223, 178));
            Assert.Equal(800f, Depth("vget /camera/1/depth npy")[240 * W + 320]);
        }

        [Fact]
        public void Normal_encodes_the_world_normal()
        {
            ImageResult normal = Png("vget /camera/1/normal png");
            Assert.Equal((128, 128, 255, 255), Pixel(normal, 320, 240)); // floor: +Z
        }

        [Fact]
        public void File_mode_writes_the_file_and_replies_the_name_as_given()
        {
            Assert.Equal("out/mask.PNG", Ask("vget /camera/1/object_mask out/mask.PNG"));
            byte[] png = File.ReadAllBytes(Path.Combine(_harness.Directory, "out", "mask.PNG"));
            Assert.Equal(AnnotationColor("RedBox"), Pixel(ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha), 251, 194));

            Assert.Equal("d.npy", Ask("vget /camera/1/depth d.npy"));
            Assert.Equal(80 + 4 * W * H, new FileInfo(Path.Combine(_harness.Directory, "d.npy")).Length);

            Assert.Equal("l.bmp", Ask("vget /camera/0/lit l.bmp"));
            Assert.Equal(58 + 4 * W * H, new FileInfo(Path.Combine(_harness.Directory, "l.bmp")).Length);
        }

        [Fact]
        public void Screenshot_is_the_viewport_in_the_current_view_mode()
        {
            ImageResult lit = Png("vget /screenshot png");
            Assert.Equal((W, H), (lit.Width, lit.Height));
            Assert.Equal(lit.Data, Png("vget /camera/0/lit png").Data);
            Assert.Equal("ok", Ask("vset /viewmode object_mask"));
            Assert.Equal(Png("vget /camera/0/object_mask png").Data, Png("vget /screenshot png").Data);
            Assert.Equal(58 + 4 * W * H, _client.RequestBytes("vget /screenshot bmp").Length);
        }
    }
}
