using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using UnrealCv.Launch;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>How the launcher hands arguments to a program, on Windows and Linux, and what it says when a program is for the other system.</summary>
    public class LaunchCommandLineTests
    {
        [Theory]
        [InlineData(@"-cvport9001", @"-cvport9001")]
        [InlineData(@"C:\Games\Game.exe", @"C:\Games\Game.exe")] // backslashes without a quote after them are literal
        [InlineData(@"C:\My Games\Game.exe", "\"C:\\My Games\\Game.exe\"")]
        [InlineData(@"C:\My Games\", "\"C:\\My Games\\\\\"")] // a trailing backslash, doubled so it cannot escape the closing quote
        [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
        [InlineData("a\\\"b", "\"a\\\\\\\"b\"")] // one backslash then a quote: three backslashes and the quote
        [InlineData("", "\"\"")]
        public void Quote_follows_the_windows_rules(string argument, string expected)
        {
            Assert.Equal(expected, CommandLine.Quote(argument));
        }

        [Fact]
        public void Arguments_reach_a_real_program_unchanged()
        {
            if (OperatingSystem.IsWindows()) return; // printf is the Unix program; on Windows the C runtime splits by the same rules
            string[] arguments =
            {
                "plain", @"C:\My Games\Game.exe", @"C:\My Games\", "say \"hi\"", "a\\\"b", "", "-ini:Engine:[Core]:X=1", "tab\there", @"\\server\share\",
            };
            var info = new ProcessStartInfo("printf", CommandLine.Join(new[] { "[%s]" }.Concat(arguments)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
            };
            using Process printf = Process.Start(info)!;
            string output = printf.StandardOutput.ReadToEnd();
            Assert.True(printf.WaitForExit(10_000), "printf did not finish in 10 s");
            Assert.Equal(string.Concat(arguments.Select(a => "[" + a + "]")), output);
        }

        [Fact]
        public void A_program_for_the_other_system_is_named_as_such()
        {
            string folder = Directory.CreateTempSubdirectory("unrealcv-format-").FullName;
            try
            {
                string elf = Path.Combine(folder, "Game.sh");
                File.WriteAllBytes(elf, new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 });
                string pe = Path.Combine(folder, "Game.exe");
                File.WriteAllBytes(pe, new byte[] { (byte)'M', (byte)'Z', 0x90, 0 });
                string script = Path.Combine(folder, "Game");
                File.WriteAllText(script, "#!/bin/sh\n");

                Assert.Equal("It is a Linux program (ELF): run the game's Windows build here, or this one on Linux.", ProgramFormat.ForeignTo(elf, onWindows: true));
                Assert.Null(ProgramFormat.ForeignTo(elf, onWindows: false));
                Assert.Equal("It is a Windows program (PE): run the game's Linux build here (package it for Linux), or this one on Windows.", ProgramFormat.ForeignTo(pe, onWindows: false));
                Assert.Null(ProgramFormat.ForeignTo(pe, onWindows: true));
                Assert.Null(ProgramFormat.ForeignTo(script, onWindows: false));
                Assert.Null(ProgramFormat.ForeignTo(Path.Combine(folder, "missing"), onWindows: false));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void Taskkill_ends_the_whole_tree_by_force()
        {
            Assert.Equal("/PID 4242 /T /F", WindowsTreeKill.Arguments(4242));
        }
    }
}
