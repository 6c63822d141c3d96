using System;
using System.Globalization;
using System.Text;

namespace UnrealCv.Simulator.Encoders
{
    /// <summary>
    /// NPY format 1.0 exactly as the plugin's cnpy writes it: magic, version 1.0, uint16 header length,
    /// then the dict text padded with spaces so that 10 + length is a multiple of 16 and ending in a
    /// newline (a full 16 bytes of padding when it is already aligned), then little-endian float32 data.
    /// </summary>
    internal static class NpyWriter
    {
        /// <summary>A float32 array of shape (height, width) (depth) or (height, width, channels).</summary>
        public static byte[] Encode(float[] data, int width, int height, int channels = 1)
        {
            string shape = channels == 1
                ? string.Format(CultureInfo.InvariantCulture, "({0}, {1})", height, width)
                : string.Format(CultureInfo.InvariantCulture, "({0}, {1}, {2})", height, width, channels);
            byte[] header = Header("<f4", shape);
            var npy = new byte[header.Length + data.Length * 4];
            Buffer.BlockCopy(header, 0, npy, 0, header.Length);
            if (BitConverter.IsLittleEndian)
                Buffer.BlockCopy(data, 0, npy, header.Length, data.Length * 4);
            else
                for (int i = 0; i < data.Length; i++)
                {
                    byte[] b = BitConverter.GetBytes(data[i]);
                    Array.Reverse(b);
                    Buffer.BlockCopy(b, 0, npy, header.Length + i * 4, 4);
                }
            return npy;
        }

        /// <summary>The preamble and header: 10 bytes plus the padded dict.</summary>
        internal static byte[] Header(string descr, string shape)
        {
            var dict = new StringBuilder("{'descr': '").Append(descr).Append("', 'fortran_order': False, 'shape': ").Append(shape).Append(", }");
            int padding = 16 - (10 + dict.Length) % 16;
            dict.Append(' ', padding - 1).Append('\n');
            var header = new byte[10 + dict.Length];
            header[0] = 0x93;
            Encoding.ASCII.GetBytes("NUMPY", 0, 5, header, 1);
            header[6] = 1;
            header[7] = 0;
            header[8] = (byte)dict.Length;
            header[9] = (byte)(dict.Length >> 8);
            Encoding.ASCII.GetBytes(dict.ToString(), 0, dict.Length, header, 10);
            return header;
        }
    }
}
