using System;
using System.IO;
using System.Runtime.InteropServices;
using UnrealCv.Common;

namespace UnrealCv.Launch
{
    /// <summary>
    /// The simulator program the module ships in &lt;ModuleBase&gt;/UnrealCvSimulator. A nupkg is a zip, and installing
    /// it (Save-PSResource, Install-PSResource) drops the Unix execute bit, so the module gives its own program the bit
    /// back before starting it. Only that one file: any other path is the user's, and a real binary gets no such help.
    /// </summary>
    internal static class ShippedSimulator
    {
        public static string Path => System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(typeof(ShippedSimulator).Assembly.Location) ?? ".", "UnrealCvSimulator", FileName);

        /// <summary>The program's name as build.ps1 publishes it for this system.</summary>
        private static string FileName =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "UnrealCvSimulator.exe" : "UnrealCvSimulator";

        public static void RestoreExecuteBit(string path)
        {
            string full;
            try { full = System.IO.Path.GetFullPath(path); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException) { return; }
            if (!FileNames.Comparer.Equals(full, Path) || !File.Exists(full) || NativeFile.IsExecutable(full)) return;
            NativeFile.TryMakeExecutable(full);
        }
    }
}
