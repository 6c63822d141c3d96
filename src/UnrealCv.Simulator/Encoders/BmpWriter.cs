namespace UnrealCv.Simulator.Encoders
{
    /// <summary>
    /// The plugin's ConvertToBmp: a 14-byte file header, a 40-byte BITMAPINFOHEADER, then the pixel array
    /// serialised as a UE TArray, whose int32 element count comes first. Total 58 + 4·W·H bytes; bfSize
    /// and bfOffBits ignore the count (54 + 4·W·H and 54); biHeight = -H (top-down); pixels B,G,R,A.
    /// Clients decode it by taking the last 4·W·H bytes.
    /// </summary>
    internal static class BmpWriter
    {
        public const int HeaderSize = 58;

        public static byte[] Encode(byte[] rgba, int width, int height)
        {
            int pixelBytes = width * height * 4;
            var bmp = new byte[HeaderSize + pixelBytes];
            bmp[0] = (byte)'B';
            bmp[1] = (byte)'M';
            WriteInt32(bmp, 2, 54 + pixelBytes); // bfSize
            // bfReserved1/2 (offsets 6, 8) are uninitialised in the plugin; zeros here.
            WriteInt32(bmp, 10, 54);             // bfOffBits
            WriteInt32(bmp, 14, 40);             // biSize
            WriteInt32(bmp, 18, width);
            WriteInt32(bmp, 22, -height);        // top-down rows
            bmp[26] = 1;                         // biPlanes
            bmp[28] = 32;                        // biBitCount
            // biCompression (30) and biSizeImage (34) are 0.
            WriteInt32(bmp, 38, 1024);           // biXPelsPerMeter
            WriteInt32(bmp, 42, 1024);           // biYPelsPerMeter
            // biClrUsed (46) and biClrImportant (50) are 0.
            WriteInt32(bmp, 54, pixelBytes);     // TArray<uint8> element count
            for (int src = 0, dst = HeaderSize; src < pixelBytes; src += 4, dst += 4)
            {
                bmp[dst] = rgba[src + 2];
                bmp[dst + 1] = rgba[src + 1];
                bmp[dst + 2] = rgba[src];
                bmp[dst + 3] = rgba[src + 3];
            }
            return bmp;
        }

        private static void WriteInt32(byte[] buffer, int offset, int value) =>
            UnrealCv.Wire.Frame.WriteUInt32(buffer, offset, unchecked((uint)value));
    }
}
