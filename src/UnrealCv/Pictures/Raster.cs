using System;
using System.IO;
using UnrealCv.Replies;
using Decoder = StbImageSharp;
using Encoder = StbImageWriteSharp;

namespace UnrealCv.Pictures
{
    /// <summary>Decoded pixels, 8-bit R, G, B, A per pixel, top row first: what pictures are made of and shown from.</summary>
    internal sealed class Raster
    {
        public Raster(int width, int height, byte[] rgba)
        {
            if (width <= 0 || height <= 0 || rgba.Length != 4L * width * height)
                throw new ArgumentException($"{rgba.Length} bytes are not a {width}x{height} RGBA raster.", nameof(rgba));
            Width = width;
            Height = height;
            Rgba = rgba;
        }

        public int Width { get; }
        public int Height { get; }
        public byte[] Rgba { get; }

        /// <summary>
        /// The pixels of a capture. The plugin's BMP is read as it is laid out (its extra 4-byte count would shift a
        /// general decoder's image by one pixel); a PNG is decoded by StbImageSharp.
        /// </summary>
        public static Raster From(UnrealCvImage image)
        {
            if (image.Format != "bmp") return Decode(image.Bytes, "the PNG capture");
            var rgba = new byte[4 * image.Width * image.Height];
            for (int y = 0; y < image.Height; y++)
            {
                int source = image.BmpOffsetOf(0, y), target = y * image.Width * 4;
                for (int x = 0; x < image.Width; x++, source += 4, target += 4)
                {
                    rgba[target] = image.Bytes[source + 2];
                    rgba[target + 1] = image.Bytes[source + 1];
                    rgba[target + 2] = image.Bytes[source];
                    rgba[target + 3] = image.Bytes[source + 3];
                }
            }
            return new Raster(image.Width, image.Height, rgba);
        }

        /// <summary>Decodes an image file's bytes (PNG, standard BMP, JPEG, …).</summary>
        /// <exception cref="FormatException">Not an image StbImageSharp can read.</exception>
        public static Raster Decode(byte[] bytes, string what)
        {
            Decoder.ImageResult result;
            try
            {
                result = Decoder.ImageResult.FromMemory(bytes, Decoder.ColorComponents.RedGreenBlueAlpha);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                throw new FormatException($"Could not decode {what}: {e.Message}", e);
            }
            return new Raster(result.Width, result.Height, result.Data);
        }

        /// <summary>Encodes the pixels as an RGBA PNG with StbImageWriteSharp.</summary>
        public byte[] ToPng()
        {
            using (var stream = new MemoryStream())
            {
                new Encoder.ImageWriter().WritePng(Rgba, Width, Height, Encoder.ColorComponents.RedGreenBlueAlpha, stream);
                return stream.ToArray();
            }
        }
    }
}
