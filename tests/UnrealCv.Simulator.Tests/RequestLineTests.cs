using System;
using System.Text;
using System.Text.RegularExpressions;
using UnrealCv.Simulator.Server;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The hand-written request parse against the regex it replaced, on chosen and on random payloads.</summary>
    public sealed class RequestLineTests
    {
        // The parse as it was: bytes to chars one by one up to a NUL, the plugin's pattern searched, Atoi saturating.
        private static readonly Regex OldPattern = new Regex(@"(\d{1,}):([^\n\v\f\r\u0085\u2028\u2029]*)", RegexOptions.CultureInvariant);

        private static (bool Ok, int Id, string Command) OldParse(byte[] payload)
        {
            int end = Array.IndexOf(payload, (byte)0);
            if (end < 0) end = payload.Length;
            var chars = new char[end];
            for (int i = 0; i < end; i++) chars[i] = (char)payload[i];
            Match match = OldPattern.Match(new string(chars));
            if (!match.Success) return (false, 0, "");
            long value = 0;
            foreach (char c in match.Groups[1].Value)
            {
                value = value * 10 + (c - '0');
                if (value > int.MaxValue) { value = int.MaxValue; break; }
            }
            return (true, (int)value, match.Groups[2].Value);
        }

        private static (bool Ok, int Id, string Command) NewParse(byte[] payload, int offset, int count)
        {
            bool ok = RequestLine.TryParse(payload, offset, count, out int id, out string command);
            return ok ? (true, id, command) : (false, 0, "");
        }

        [Theory]
        [InlineData("0:vget /unrealcv/echo ok")]
        [InlineData("abc12:vget /unrealcv/echo hi")]
        [InlineData("12a:3:x")]
        [InlineData("12 34:x")]
        [InlineData("::1:x")]
        [InlineData(":vget")]
        [InlineData("vget /unrealcv/status")]
        [InlineData("5:")]
        [InlineData("007:vget /unrealcv/version")]
        [InlineData("99999999999999999999:x")]
        [InlineData("2147483647:x")]
        [InlineData("2147483648:x")]
        [InlineData("1:a\rb")]
        [InlineData("1:a\r\nb")]
        [InlineData("1:a\u000bb")]
        [InlineData("1:a\u000cb")]
        [InlineData("1:a\tb")]
        [InlineData("1:a\0b")]
        [InlineData("\0" + "1:a")]
        [InlineData("x\n2:after the newline")]
        public void Chosen_payloads_parse_as_the_regex_did(string text)
        {
            byte[] payload = Encoding.GetEncoding(28591).GetBytes(text);
            Assert.Equal(OldParse(payload), NewParse(payload, 0, payload.Length));
        }

        [Fact]
        public void Every_single_byte_after_the_prefix_parses_as_the_regex_did()
        {
            for (int b = 0; b < 256; b++)
            {
                byte[] payload = { (byte)'4', (byte)':', (byte)'a', (byte)b, (byte)'z' };
                Assert.Equal(OldParse(payload), NewParse(payload, 0, payload.Length));
                byte[] before = { (byte)b, (byte)'4', (byte)':', (byte)'a' };
                Assert.Equal(OldParse(before), NewParse(before, 0, before.Length));
            }
        }

        [Fact]
        public void Random_payloads_parse_as_the_regex_did()
        {
            var random = new Random(20261203);
            // Mostly the characters the pattern cares about, so that matches, near misses and cut lines are common.
            byte[] alphabet = Encoding.GetEncoding(28591).GetBytes("0123456789::  ab/\n\r\v\f\t\0\u0085\u00b2\u00b9\u00bd\u00ff9");
            for (int round = 0; round < 20000; round++)
            {
                int length = random.Next(0, 24);
                int offset = random.Next(0, 4);
                var buffer = new byte[offset + length + random.Next(0, 4)];
                random.NextBytes(buffer); // bytes around the payload must not count
                for (int i = 0; i < length; i++)
                    buffer[offset + i] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                byte[] payload = new byte[length];
                Buffer.BlockCopy(buffer, offset, payload, 0, length);
                Assert.Equal(OldParse(payload), NewParse(buffer, offset, length));
            }
        }
    }
}
