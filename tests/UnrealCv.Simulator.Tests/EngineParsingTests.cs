using UnrealCv.Simulator.Configuration;
using Xunit;
using UnrealCv.Simulator.Engine;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The emulation of the engine's FCString and FParse, case by case, against what UE 4.27 and the C library return.</summary>
    public sealed class EngineParsingTests
    {
        private const SimulatorProfile Linux = SimulatorProfile.Linux;
        private const SimulatorProfile Windows = SimulatorProfile.Windows;

        [Theory]
        [InlineData(" -cvport 9000", "cvport", 2)]
        [InlineData("cvport9000", "cvport", 0)]          // the start of the line counts as a lead-in
        [InlineData(" -CVPORT=1", "cvport", 2)]          // case is ignored
        [InlineData(" -UnrealCVPort 9001", "cvport", -1)] // 'L' before it is a letter: no match
        [InlineData(" -UnrealCV_cvport 1", "cvport", 11)] // '_' is not a letter or digit
        [InlineData(" /Game/cvport7/Map", "cvport", 7)]
        [InlineData(" -xcvport 1 -cvport 2", "cvport", 13)] // the first match with a lead-in wins
        [InlineData(" 9cvport", "cvport", -1)]            // a digit before it is no lead-in either
        [InlineData(" -cvpor", "cvport", -1)]
        [InlineData(" \"-cvport 1\" -cvport 2", "cvport", 3)] // without quote skipping, quoted text is searched too
        public void Strifind_finds_the_first_match_after_a_non_alphanumeric(string text, string find, int expected) =>
            Assert.Equal(expected, EngineText.Strifind(text, find));

        [Fact]
        public void Strifind_skipping_quotes_passes_over_quoted_text()
        {
            Assert.Equal(14, EngineText.Strifind(" \"-cvport 1\" -cvport 2", "cvport", 0, skipQuoted: true));
            Assert.Equal(-1, EngineText.Strifind(" \"-cvport 1", "cvport", 0, skipQuoted: true)); // an open quote runs to the end
        }

        [Theory]
        [InlineData("9000", 9000)]
        [InlineData("  9000", 9000)]
        [InlineData("\t\n\v\f\r42", 42)]
        [InlineData("+7", 7)]
        [InlineData("-5", -5)]
        [InlineData("=9000", 0)]
        [InlineData("", 0)]
        [InlineData("abc", 0)]
        [InlineData("12abc", 12)]
        [InlineData("1.9", 1)]
        [InlineData("0x10", 0)]
        [InlineData("- 5", 0)]
        [InlineData("--5", 0)]
        [InlineData("2147483647", 2147483647)]
        [InlineData("4294967296", 0)]            // strtol's 64-bit long, cut to 32 bits
        [InlineData("4294967297", 1)]
        [InlineData("2147483648", -2147483648)]
        [InlineData("99999999999999999999", -1)] // saturated at LONG_MAX, whose low 32 bits are all ones
        [InlineData("-99999999999999999999", 0)] // LONG_MIN
        public void Atoi_on_Linux_is_strtol_cut_to_32_bits(string text, int expected) => Assert.Equal(expected, EngineText.Atoi(text, Linux));

        [Theory]
        [InlineData("4294967296", int.MaxValue)]
        [InlineData("2147483648", int.MaxValue)]
        [InlineData("-2147483649", int.MinValue)]
        [InlineData("-99999999999999999999", int.MinValue)]
        [InlineData(" 65536", 65536)]
        public void Atoi_on_Windows_saturates(string text, int expected) => Assert.Equal(expected, EngineText.Atoi(text, Windows));

        [Fact]
        public void Atoi_reads_from_the_given_index() => Assert.Equal(9000, EngineText.Atoi(" -cvport 9000", 8, Linux));

        [Theory]
        [InlineData("60.5", 60.5f)]
        [InlineData(" 60.5", 60.5f)]
        [InlineData("=60", 0f)]
        [InlineData("", 0f)]
        [InlineData("x", 0f)]
        [InlineData("1e2", 100f)]
        [InlineData("1E+2", 100f)]
        [InlineData("2.5e-1", 0.25f)]
        [InlineData("1e", 1f)]
        [InlineData("1e+", 1f)]
        [InlineData(".5", 0.5f)]
        [InlineData("5.", 5f)]
        [InlineData(".", 0f)]
        [InlineData("-.5", -0.5f)]
        [InlineData("+3", 3f)]
        [InlineData("12abc", 12f)]
        [InlineData("1,5", 1f)]        // the C locale: ',' is no decimal separator
        [InlineData("0x10", 16f)]
        [InlineData("0x1p3", 8f)]
        [InlineData("0x.8", 0.5f)]
        [InlineData("0x", 0f)]
        [InlineData("0xg", 0f)]
        [InlineData("0.1", 0.1f)]
        [InlineData("1e-50", 0f)]       // below float's range once rounded
        public void Atof_is_C_atof_rounded_to_float(string text, float expected) => Assert.Equal(expected, EngineText.Atof(text));

        [Theory]
        [InlineData("inf")]
        [InlineData("INFINITY")]
        [InlineData("1e39")]            // past float's range
        [InlineData("1e999999999999")]
        public void Atof_large_or_infinite_is_positive_infinity(string text) => Assert.Equal(float.PositiveInfinity, EngineText.Atof(text));

        [Fact]
        public void Atof_nan_and_negative_infinity()
        {
            Assert.True(float.IsNaN(EngineText.Atof("nan")));
            Assert.True(float.IsNaN(EngineText.Atof(" NaN(123)")));
            Assert.Equal(float.NegativeInfinity, EngineText.Atof("-inf"));
            Assert.Equal(0f, EngineText.Atof("in"));
        }

        [Theory]
        [InlineData("True", true)]
        [InlineData("true", true)]
        [InlineData("YES", true)]
        [InlineData("on", true)]
        [InlineData("1", true)]
        [InlineData("-1", true)]
        [InlineData("42abc", true)]
        [InlineData("False", false)]
        [InlineData("no", false)]
        [InlineData("OFF", false)]
        [InlineData("0", false)]
        [InlineData("", false)]
        [InlineData("=true", false)]
        [InlineData("=1", false)]
        [InlineData("truex", false)]
        [InlineData("y", false)]
        [InlineData(" true", false)]
        public void ToBool_words_then_Atoi(string text, bool expected) => Assert.Equal(expected, EngineText.ToBool(text, Linux));

        [Fact]
        public void ToBool_a_number_that_overflows_depends_on_the_platforms_Atoi()
        {
            Assert.False(EngineText.ToBool("4294967296", Linux));
            Assert.True(EngineText.ToBool("4294967296", Windows));
        }

        [Theory]
        [InlineData(" -cvport 9000", true, 9000)]
        [InlineData(" -cvport9000", true, 9000)]
        [InlineData(" -cvport=9000", true, 0)]
        [InlineData(" -cvport", true, 0)]
        [InlineData(" -cvport -UnrealCVWidth 5", true, 0)]
        [InlineData(" -UnrealCVPort 9001", false, 0)]
        [InlineData(" -UnrealCVPort=9001", false, 0)]
        [InlineData(" -cvport 9000 -cvport 9100", true, 9000)]
        [InlineData(" Map -cvport  \"9000\"", true, 0)]
        [InlineData("", false, 0)]
        public void Value_int_is_Atoi_right_after_the_name(string line, bool found, int expected)
        {
            Assert.Equal(found, EngineParse.Value(line, "cvport", Linux, out int value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData(" -UnrealCVFOV 60.5", true, 60.5f)]
        [InlineData(" -UnrealCVFOV60", true, 60f)]
        [InlineData(" -UnrealCVFOV=60", true, 0f)]
        [InlineData(" -unrealcvfov 1e1", true, 10f)]
        [InlineData(" -FOV 60", false, 0f)]
        public void Value_float_is_Atof_right_after_the_name(string line, bool found, float expected)
        {
            Assert.Equal(found, EngineParse.Value(line, "UnrealCVFOV", out float value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData(" -cvls /Game/Maps", true, "/Game/Maps")]
        [InlineData(" -cvls=/Game", true, "=/Game")]
        [InlineData(" -cvls", true, "")]
        [InlineData(" -cvls \"/Game/My Maps\" -x", true, "\"/Game/My")] // a space first: the quote is not seen
        [InlineData(" -cvls\"/Game/My Maps\" -x", true, "/Game/My Maps")]
        [InlineData(" -cvls a,b", true, "a")]
        [InlineData(" -cvls a)b", true, "a")]
        [InlineData(" \"-cvls a\" -cvls b", true, "b")]
        [InlineData(" \"-cvls a\"", false, "")]
        [InlineData(" -xcvls a", false, "")]
        public void Value_string_skips_quoted_text_and_stops_at_white_space(string line, bool found, string expected)
        {
            Assert.Equal(found, EngineParse.Value(line, "cvls", out string value));
            Assert.Equal(expected, value);
        }

        [Fact]
        public void Value_string_into_a_buffer_keeps_at_most_its_length_less_one()
        {
            Assert.True(EngineParse.Value(" -X 0123456789abcdefXYZ", "X", out string value, 16));
            Assert.Equal("0123456789abcde", value);
            Assert.True(EngineParse.Value(" -X 0123456789abcdef", "-X", out value, 4));
            Assert.Equal("012", value); // truncated to 3, then cut at the first space (none left)
        }

        [Theory]
        [InlineData(" -UnrealCVEnableInput=true", true, false)]
        [InlineData(" -UnrealCVEnableInput=1", true, false)]
        [InlineData(" -UnrealCVEnableInput true", true, true)]
        [InlineData(" -UnrealCVEnableInputtrue", true, true)]
        [InlineData(" -UnrealCVEnableInputOn", true, true)]
        [InlineData(" -UnrealCVEnableInput 1", true, true)]
        [InlineData(" -UnrealCVEnableInput false", true, false)]
        [InlineData(" -UnrealCVEnableInput", true, false)]
        [InlineData(" -UnrealCVEnableInput -RenderOffScreen", true, false)]
        [InlineData(" -UnrealCVEnableInput \"yes\"", true, false)] // after a space the quotes stay part of the word
        [InlineData(" -UnrealCVEnableInput 0123456789123456789", true, true)] // 15 characters kept: still a non-zero number
        [InlineData(" -UnrealCVEnableInput 000000000000000001", true, false)] // the 1 falls past the 15 kept characters
        [InlineData(" -NoUnrealCVEnableInput 1", false, false)]
        public void Bool_reads_the_word_after_the_name(string line, bool found, bool expected)
        {
            Assert.Equal(found, EngineParse.Bool(line, "UnrealCVEnableInput", Linux, out bool value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData(" -nowrite", true)]
        [InlineData("-nowrite", true)]
        [InlineData(" /nowrite", true)]
        [InlineData(" -NOWRITE -x", true)]
        [InlineData(" -nowrite=1", false)]
        [InlineData(" -nowriter", false)]
        [InlineData(" x-nowrite", false)]
        [InlineData(" --nowrite", false)]
        [InlineData(" nowrite", false)]
        [InlineData(" \"-nowrite\"", false)]
        [InlineData(" -x -nowrite", true)]
        public void Param_is_a_whole_switch(string line, bool expected) => Assert.Equal(expected, EngineParse.Param(line, "nowrite"));

        [Fact]
        public void Command_line_joins_arguments_as_the_Unix_main_does()
        {
            Assert.Equal(" -cvport 9000 /Game/Map", EngineCommandLine.Join(new[] { "-cvport", "9000", "/Game/Map" }));
            Assert.Equal(" -Path=\"/tmp/my game\" \"two words\"", EngineCommandLine.Join(new[] { "-Path=/tmp/my game", "two words" }));
            Assert.Equal(" -a=\"b=c d\"", EngineCommandLine.Join(new[] { "-a=b=c d" }));
            Assert.Equal("", EngineCommandLine.Join(new string[0]));
        }
    }
}
