using System;
using System.IO;

namespace UnrealCv.Launch
{
    /// <summary>
    /// Why a program could not start, when the reason is that it was built for the other system: the first bytes of
    /// an ELF file (Linux) or a PE file ("MZ", Windows). Researchers copy a packaged game from one kind of machine to
    /// the other often enough that "Exec format error" deserves a sentence that says so.
    /// </summary>
    internal static class ProgramFormat
    {
        /// <summary>Advice when <paramref name="path"/> is a program for the other system than this one; else null.</summary>
        public static string? ForeignTo(string path, bool onWindows)
        {
            byte[] head = new byte[4];
            int read;
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                read = file.Read(head, 0, head.Length);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
            bool elf = read == 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F';
            bool pe = read >= 2 && head[0] == (byte)'M' && head[1] == (byte)'Z';
            if (onWindows && elf) return "It is a Linux program (ELF): run the game's Windows build here, or this one on Linux.";
            if (!onWindows && pe) return "It is a Windows program (PE): run the game's Linux build here (package it for Linux), or this one on Windows.";
            return null;
        }
    }
}
