using System;
using System.Globalization;
using System.IO;

namespace UnrealCv.Replies
{
    /// <summary>
    /// A colour capture as the plugin sends it: <c>vget /camera/[uint]/(lit|normal|object_mask|seg) png|bmp</c>
    /// or <c>vget /screenshot png|bmp</c>. The size is read from the headers; the bytes are kept as received.
    /// </summary>
    public sealed class UnrealCvImage
    {
        /// <summary>BITMAPFILEHEADER (14) + BITMAPINFOHEADER (40).</summary>
        internal const int BmpHeaderSize = 54;

        /// <summary>The plugin's BMP prefix: the two headers, then the int32 element count of the serialised pixel TArray.</summary>
        internal const int BmpPixelOffset = 58;

        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        private UnrealCvImage(string format, int width, int height, bool topDown, byte[] bytes)
        {
            Format = format;
            Width = width;
            Height = height;
            IsTopDown = topDown;
            Bytes = bytes;
        }

        /// <summary><c>png</c> or <c>bmp</c>.</summary>
        public string Format { get; }

        public int Width { get; }
        public int Height { get; }

        /// <summary>BMP only: rows are stored top row first (negative biHeight, as the plugin writes). Always true for PNG.</summary>
        public bool IsTopDown { get; }

        /// <summary>
        /// The reply exactly as received (the same array as the response's Bytes, not a copy). For BMP this
        /// includes the plugin's extra 4-byte count after the headers; use <see cref="Save(string)"/> for a standard file.
        /// </summary>
        public byte[] Bytes { get; }

        /// <summary>
        /// Writes the image as a standard file. A PNG is written as received. A BMP is written without the
        /// plugin's extra 4-byte element count: the plugin serialises its pixel TArray with UE's <c>&lt;&lt;</c>,
        /// which writes the count before the pixels, so the reply is 58 + 4·W·H bytes although its header
        /// says the pixels start at offset 54 (bfOffBits) and the file is 54 + 4·W·H bytes long (bfSize).
        /// A strict viewer would read the count as the first pixel and shift the whole image by one pixel.
        /// Dropping those 4 bytes makes the file agree with its own header. The reserved header fields, which the
        /// plugin leaves uninitialised, are written as zeros.
        /// </summary>
        /// <param name="path">The file to create or overwrite. A relative path is resolved against the process's
        /// current directory, which in PowerShell is not the current location: pass a full path.</param>
        public void Save(string path) => Save(path, overwrite: true);

        /// <summary>As <see cref="Save(string)"/>; without <paramref name="overwrite"/>, an existing file is an IOException and stays as it is.</summary>
        internal void Save(string path, bool overwrite)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            using (var file = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (Format == "bmp")
                {
                    var header = new byte[BmpHeaderSize];
                    Buffer.BlockCopy(Bytes, 0, header, 0, BmpHeaderSize);
                    for (int i = 6; i < 10; i++) header[i] = 0; // bfReserved1, bfReserved2
                    file.Write(header, 0, header.Length);
                    file.Write(Bytes, BmpPixelOffset, Bytes.Length - BmpPixelOffset);
                }
                else
                {
                    file.Write(Bytes, 0, Bytes.Length);
                }
            }
        }

        /// <summary>
        /// The colour of pixel (<paramref name="x"/>, <paramref name="y"/>), (0, 0) being the top-left corner.
        /// BMP only: a PNG reply is compressed.
        /// </summary>
        /// <exception cref="NotSupportedException">The image is a PNG.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The pixel is outside the image.</exception>
        public UnrealCvColor GetPixel(int x, int y)
        {
            if (Format != "bmp")
                throw new NotSupportedException(
                    "GetPixel reads raw pixels, and a png reply is compressed: decode the PNG with an image library, or request bmp (for example 'vget /camera/0/lit bmp') to read pixels directly.");
            if (x < 0 || x >= Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"x must be in [0, {Width - 1}] for a {Width}x{Height} image.");
            if (y < 0 || y >= Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"y must be in [0, {Height - 1}] for a {Width}x{Height} image.");
            int offset = BmpOffsetOf(x, y);
            // Stored B, G, R, A.
            return new UnrealCvColor(Bytes[offset + 2], Bytes[offset + 1], Bytes[offset], Bytes[offset + 3]);
        }

        /// <summary>Where pixel (x, y), (0, 0) the top-left corner, starts in a BMP reply's bytes (B, G, R, A).</summary>
        internal int BmpOffsetOf(int x, int y) => BmpPixelOffset + ((IsTopDown ? y : Height - 1 - y) * Width + x) * 4;

        /// <summary><c>bmp 640x480 (1228858 bytes)</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1}x{2} ({3} bytes)", Format, Width, Height, Bytes.Length);

        /// <summary>
        /// Reads the size of a png or bmp reply to <paramref name="command"/>, keeping the array.
        /// </summary>
        /// <exception cref="FormatException">The bytes are not a PNG or not the plugin's BMP layout.</exception>
        internal static UnrealCvImage FromReply(string command, string format, byte[] bytes)
        {
            switch (format)
            {
                case "png": return FromPng(command, bytes);
                case "bmp": return FromBmp(command, bytes);
                default: throw new ArgumentException($"'{format}' is not an image format.", nameof(format));
            }
        }

        private static UnrealCvImage FromPng(string command, byte[] bytes)
        {
            // Signature (8), then the IHDR chunk: length (4), type (4), width (4, big-endian), height (4, big-endian)…
            bool signed = bytes.Length >= PngSignature.Length;
            for (int i = 0; signed && i < PngSignature.Length; i++) signed = bytes[i] == PngSignature[i];
            if (!signed)
                throw new FormatException($"The reply to '{command}' is not a PNG: it does not start with the PNG signature ({bytes.Length} bytes).");
            if (bytes.Length < 24 || bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R')
                throw new FormatException($"The PNG reply to '{command}' has no IHDR chunk after its signature ({bytes.Length} bytes).");
            int width = ReplyText.ReadInt32BigEndian(bytes, 16), height = ReplyText.ReadInt32BigEndian(bytes, 20);
            if (width <= 0 || height <= 0)
                throw new FormatException($"The PNG reply to '{command}' declares an invalid size {width}x{height}.");
            return new UnrealCvImage("png", width, height, true, bytes);
        }

        private static UnrealCvImage FromBmp(string command, byte[] bytes)
        {
            if (bytes.Length < BmpPixelOffset || bytes[0] != 'B' || bytes[1] != 'M')
                throw new FormatException($"The reply to '{command}' is not a BMP: it does not start with 'BM' and a {BmpPixelOffset}-byte prefix ({bytes.Length} bytes).");
            int width = ReplyText.ReadInt32LittleEndian(bytes, 18), signedHeight = ReplyText.ReadInt32LittleEndian(bytes, 22);
            int bitCount = bytes[28] | (bytes[29] << 8);
            if (bitCount != 32)
                throw new FormatException($"The BMP reply to '{command}' has {bitCount} bits per pixel; the plugin writes 32 (B, G, R, A).");
            if (width <= 0 || signedHeight == 0 || signedHeight == int.MinValue)
                throw new FormatException($"The BMP reply to '{command}' declares an invalid size {width}x{signedHeight}.");
            int height = Math.Abs(signedHeight);
            long expected = BmpPixelOffset + 4L * width * height;
            if (bytes.Length != expected)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                    "The BMP reply to '{0}' is {1} bytes, but a {2}x{3} image from the plugin is {4} bytes (54 header bytes, a 4-byte count, then 4 bytes per pixel).",
                    command, bytes.Length, width, height, expected));
            return new UnrealCvImage("bmp", width, height, signedHeight < 0, bytes);
        }
    }
}
