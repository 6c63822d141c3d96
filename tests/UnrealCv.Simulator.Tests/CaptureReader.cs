using System;
using StbImageSharp;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>Decodes the simulator's captures for tests: PNG pixels and NPY float arrays.</summary>
    internal static class CaptureReader
    {
        public static ImageResult Png(byte[] png) => ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);

        public static (byte R, byte G, byte B) Pixel(ImageResult image, int x, int y)
        {
            int i = (y * image.Width + x) * 4;
            return (image.Data[i], image.Data[i + 1], image.Data[i + 2]);
        }

        public static float[] Npy(byte[] npy)
        {
            int headerLength = npy[8] | npy[9] << 8;
            var values = new float[(npy.Length - 10 - headerLength) / 4];
            Buffer.BlockCopy(npy, 10 + headerLength, values, 0, values.Length * 4);
            return values;
        }
    }
}
