using System;
using System.IO;

namespace UnrealCv.Simulator.Encoders
{
    internal enum ImageFormat
    {
        Invalid,
        Png,
        Bmp,
        Npy,
        Exr,
    }

    /// <summary>What a capture's format argument asks for: a format, and whether it names a file.</summary>
    internal readonly struct FilenameType
    {
        public FilenameType(ImageFormat format, bool isFile)
        {
            Format = format;
            IsFile = isFile;
        }

        public ImageFormat Format { get; }
        public bool IsFile { get; }
    }

    /// <summary>
    /// The plugin's ParseFilenameType: a token without a dot is a binary format (png, bmp, npy); a token
    /// with a dot is a file whose extension picks the format (exr parses but no capture handles it).
    /// UE compares FStrings case-insensitively, so <c>PNG</c> works like <c>png</c>.
    /// </summary>
    internal static class FilenameTypes
    {
        public static FilenameType Parse(string filename)
        {
            bool isFile = filename.IndexOf('.') >= 0;
            string format = isFile ? Path.GetExtension(filename).TrimStart('.') : filename;
            ImageFormat parsed = Match(format);
            if (!isFile && parsed == ImageFormat.Exr) parsed = ImageFormat.Invalid;
            return new FilenameType(parsed, isFile);
        }

        private static ImageFormat Match(string extension)
        {
            foreach (ImageFormat format in new[] { ImageFormat.Png, ImageFormat.Bmp, ImageFormat.Npy, ImageFormat.Exr })
                if (string.Equals(extension, format.ToString(), StringComparison.OrdinalIgnoreCase)) return format;
            return ImageFormat.Invalid;
        }
    }
}
