using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace UnrealCv.Replies
{
    /// <summary>
    /// A float32 array from an NPY reply (<c>vget /camera/[uint]/depth npy</c>: shape (H, W), depth in cm;
    /// any other npy reply: (H, W) or (H, W, C)), parsed from NPY format 1.0 as the plugin's cnpy writes it.
    /// </summary>
    public sealed class UnrealCvDepthArray
    {
        private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };
        private static readonly Regex DescrPattern = new Regex(@"'descr'\s*:\s*'([^']*)'", RegexOptions.CultureInvariant);
        private static readonly Regex FortranPattern = new Regex(@"'fortran_order'\s*:\s*(\w+)", RegexOptions.CultureInvariant);
        private static readonly Regex ShapePattern = new Regex(@"'shape'\s*:\s*\(([^)]*)\)", RegexOptions.CultureInvariant);

        private readonly int[] _shape;
        private float[]? _range; // { min, max }, computed on first use

        private UnrealCvDepthArray(int[] shape, float[] data, int dataOffset, byte[] bytes)
        {
            _shape = shape;
            Data = data;
            DataOffset = dataOffset;
            Bytes = bytes;
        }

        /// <summary>The array's shape: (H, W) or (H, W, C). A copy.</summary>
        public int[] Shape => (int[])_shape.Clone();

        public int Height => _shape[0];
        public int Width => _shape[1];

        /// <summary>Values per pixel: 1 for an (H, W) array.</summary>
        public int Channels => _shape.Length == 3 ? _shape[2] : 1;

        /// <summary>The values in C order (row by row, channels innermost), copied once from the reply. Not copied again on each read.</summary>
        public float[] Data { get; }

        /// <summary>Where the values start in <see cref="Bytes"/>: 10 + the header length (80 for a 480x640 depth reply).</summary>
        public int DataOffset { get; }

        /// <summary>The reply exactly as received (a standard .npy file).</summary>
        public byte[] Bytes { get; }

        /// <summary>The value at row <paramref name="y"/> (0 = top), column <paramref name="x"/>, for an (H, W) array.</summary>
        public float this[int y, int x]
        {
            get
            {
                if (_shape.Length != 2)
                    throw new InvalidOperationException($"The array has shape {ShapeText(_shape)}: give a channel too, [y, x, c].");
                return Data[Index(y, x)];
            }
        }

        /// <summary>The value at row <paramref name="y"/>, column <paramref name="x"/>, channel <paramref name="c"/>.</summary>
        public float this[int y, int x, int c]
        {
            get
            {
                if (c < 0 || c >= Channels) throw new ArgumentOutOfRangeException(nameof(c), c, $"c must be in [0, {Channels - 1}].");
                return Data[Index(y, x) * Channels + c];
            }
        }

        /// <summary>The same as the indexer, for callers that cannot use indexers with two arguments.</summary>
        public float GetValue(int y, int x) => this[y, x];

        /// <summary>The smallest value that is not NaN (NaN when there is none). Computed once.</summary>
        public float Min
        {
            get { return Range()[0]; }
        }

        /// <summary>The largest value that is not NaN (NaN when there is none). Computed once.</summary>
        public float Max
        {
            get { return Range()[1]; }
        }

        /// <summary>Writes the reply as received: it is already a standard .npy file. Pass a full path (see <see cref="UnrealCvImage.Save(string)"/>).</summary>
        public void Save(string path) => Save(path, overwrite: true);

        /// <summary>As <see cref="Save(string)"/>; without <paramref name="overwrite"/>, an existing file is an IOException and stays as it is.</summary>
        internal void Save(string path, bool overwrite)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            using (var file = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
                file.Write(Bytes, 0, Bytes.Length);
        }

        /// <summary><c>float32 (480, 640) [12.5 .. 65504]</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "float32 {0} [{1} .. {2}]", ShapeText(_shape), Min, Max);

        private int Index(int y, int x)
        {
            if (y < 0 || y >= Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"y must be in [0, {Height - 1}].");
            if (x < 0 || x >= Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"x must be in [0, {Width - 1}].");
            return y * Width + x;
        }

        private float[] Range()
        {
            float[]? range = System.Threading.Volatile.Read(ref _range);
            if (range != null) return range;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            bool any = false;
            foreach (float v in Data)
            {
                if (float.IsNaN(v)) continue;
                any = true;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            range = any ? new[] { min, max } : new[] { float.NaN, float.NaN };
            System.Threading.Volatile.Write(ref _range, range);
            return range;
        }

        private static string ShapeText(int[] shape) => "(" + string.Join(", ", Array.ConvertAll(shape, d => d.ToString(CultureInfo.InvariantCulture))) + ")";

        /// <summary>
        /// Parses an NPY reply: magic <c>\x93NUMPY</c>, version 1.0 (uint16 little-endian header length; 2.0 and 3.0,
        /// with a uint32 length, are read too), then the header dict, then the raw values.
        /// </summary>
        /// <exception cref="FormatException">Not NPY, not little-endian float32, Fortran order, a shape other than
        /// (H, W) or (H, W, C), or a length that does not match the shape.</exception>
        internal static UnrealCvDepthArray FromReply(string command, byte[] bytes)
        {
            bool magic = bytes.Length >= 10;
            for (int i = 0; magic && i < Magic.Length; i++) magic = bytes[i] == Magic[i];
            if (!magic)
                throw new FormatException($"The reply to '{command}' is not an NPY array: it does not start with \\x93NUMPY ({bytes.Length} bytes).");
            int major = bytes[6], minor = bytes[7];
            int headerLength, headerStart;
            if (major == 1)
            {
                headerLength = bytes[8] | (bytes[9] << 8);
                headerStart = 10;
            }
            else if ((major == 2 || major == 3) && bytes.Length >= 12)
            {
                headerLength = ReplyText.ReadInt32LittleEndian(bytes, 8);
                headerStart = 12;
            }
            else
            {
                throw new FormatException($"The NPY reply to '{command}' has format version {major}.{minor}; version 1.0 is expected.");
            }
            if (headerLength < 0 || headerStart + (long)headerLength > bytes.Length)
                throw new FormatException($"The NPY reply to '{command}' declares a {headerLength}-byte header but is only {bytes.Length} bytes.");
            // The header is ASCII (version 3.0 allows UTF-8, which ASCII text also is).
            string header = Encoding.UTF8.GetString(bytes, headerStart, headerLength);

            Match descr = DescrPattern.Match(header);
            if (!descr.Success)
                throw new FormatException($"The NPY header of the reply to '{command}' has no 'descr': {header.Trim()}");
            if (descr.Groups[1].Value != "<f4")
                throw new FormatException($"The NPY reply to '{command}' has dtype '{descr.Groups[1].Value}'; only little-endian float32 ('<f4') is supported.");
            Match fortran = FortranPattern.Match(header);
            if (!fortran.Success)
                throw new FormatException($"The NPY header of the reply to '{command}' has no 'fortran_order': {header.Trim()}");
            if (fortran.Groups[1].Value != "False")
                throw new FormatException($"The NPY reply to '{command}' is in Fortran (column-major) order; only C order is supported.");
            Match shapeMatch = ShapePattern.Match(header);
            if (!shapeMatch.Success)
                throw new FormatException($"The NPY header of the reply to '{command}' has no 'shape': {header.Trim()}");
            int[] shape = ParseShape(command, shapeMatch.Groups[1].Value);

            long count = 1;
            foreach (int d in shape) count *= d;
            int dataOffset = headerStart + headerLength;
            long expected = dataOffset + count * 4;
            if (bytes.Length != expected)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                    "The NPY reply to '{0}' is {1} bytes, but shape {2} of float32 after a {3}-byte prefix needs {4}.",
                    command, bytes.Length, ShapeText(shape), dataOffset, expected));

            var data = new float[count];
            Buffer.BlockCopy(bytes, dataOffset, data, 0, (int)(count * 4));
            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < data.Length; i++)
                {
                    byte[] b = BitConverter.GetBytes(data[i]);
                    Array.Reverse(b);
                    data[i] = BitConverter.ToSingle(b, 0);
                }
            }
            return new UnrealCvDepthArray(shape, data, dataOffset, bytes);
        }

        private static int[] ParseShape(string command, string text)
        {
            string[] parts = text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            var dims = new System.Collections.Generic.List<int>();
            foreach (string part in parts)
            {
                string p = part.Trim();
                if (p.Length == 0) continue;
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                    throw new FormatException($"The NPY reply to '{command}' has a shape that is not a tuple of sizes: ({text}).");
                dims.Add(d);
            }
            if (dims.Count != 2 && dims.Count != 3)
                throw new FormatException($"The NPY reply to '{command}' has shape ({text}); (H, W) or (H, W, C) is expected.");
            return dims.ToArray();
        }
    }
}
