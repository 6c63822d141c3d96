using System.IO;
using StbImageWriteSharp;

// The namespace is Encoders, not Encoding: a namespace UnrealCv.Simulator.Encoding would hide
// System.Text.Encoding from every file under UnrealCv.Simulator.
namespace UnrealCv.Simulator.Encoders
{
    /// <summary>PNG, 8-bit RGBA (colour type 6), like UE's ImageWrapper output for a BGRA capture.</summary>
    internal static class PngWriter
    {
        public static byte[] Encode(byte[] rgba, int width, int height)
        {
            using var stream = new MemoryStream();
            new ImageWriter().WritePng(rgba, width, height, ColorComponents.RedGreenBlueAlpha, stream);
            return stream.ToArray();
        }
    }
}
