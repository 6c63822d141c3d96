using System;
using System.Runtime.InteropServices;

namespace UnrealCv.Common
{
    internal static class FileNames
    {
        /// <summary>How the file system compares names: case-sensitive on Linux, not on Windows and (by default) macOS.</summary>
        public static StringComparer Comparer { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        /// <summary>The same, for StartsWith and friends.</summary>
        public static StringComparison Comparison { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
    }
}
