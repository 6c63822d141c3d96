using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace UnrealCv.Replies
{
    /// <summary>A reply's typed value, or the raw reply and why it could not be parsed.</summary>
    internal sealed class ParsedReply
    {
        public ParsedReply(object? value, string? error)
        {
            Value = value;
            Error = error;
        }

        /// <summary>The typed value; the reply text (or bytes) when the shape is unknown or parsing failed.</summary>
        public object? Value { get; }

        /// <summary>Why a reply of a known shape did not parse; null when it did, or when the shape is unknown.</summary>
        public string? Error { get; }
    }

    /// <summary>
    /// Turns a reply into a typed value by the <see cref="ReplyShape"/> decided when its command was sent.
    /// </summary>
    internal static class ReplyParser
    {
        private static readonly Regex ColorText = new Regex(@"^\(R=(\d+),G=(\d+),B=(\d+),A=(\d+)\)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly char[] Blanks = { ' ', '\t', '\r', '\n' };

        /// <summary>Parses by the shape of <paramref name="command"/> (tests; replies carry the shape they were sent with).</summary>
        public static ParsedReply Parse(string command, string? text, byte[]? bytes) => Parse(ReplyShape.Of(command), command, text, bytes);

        /// <summary>
        /// Never throws for a reply: an error reply, or a command whose reply shape is unknown, gives the text (or, for
        /// bytes, the bytes) with no error; a reply of known shape that does not parse gives the text or bytes and the reason.
        /// </summary>
        public static ParsedReply Parse(ReplyShape shape, string command, string? text, byte[]? bytes)
        {
            if (bytes != null) return ParseBinary(shape, command, bytes);
            if (text == null) return new ParsedReply(null, null);
            if (ErrorReply.Is(text)) return new ParsedReply(text, null);
            try
            {
                return ParseText(shape, command, text);
            }
            catch (FormatException e)
            {
                return new ParsedReply(text, e.Message);
            }
        }

        private static ParsedReply ParseBinary(ReplyShape shape, string command, byte[] bytes)
        {
            try
            {
                switch (shape.Value)
                {
                    case ReplyValue.Image: return Ok(UnrealCvImage.FromReply(command, shape.Format!, bytes));
                    case ReplyValue.DepthArray: return Ok(UnrealCvDepthArray.FromReply(command, bytes));
                    default: return new ParsedReply(bytes, null);
                }
            }
            catch (FormatException e)
            {
                return new ParsedReply(bytes, e.Message);
            }
        }

        private static ParsedReply ParseText(ReplyShape shape, string command, string text)
        {
            switch (shape.Value)
            {
                case ReplyValue.Image:
                case ReplyValue.DepthArray:
                    // A binary command answered with text that is no error: ok means the capture was empty.
                    return new ParsedReply(text, $"'{command}' should answer {shape.Format} bytes, but answered the text '{Abbreviate(text)}'" +
                        (text == "ok" ? " (the plugin answers ok when the capture is empty)." : "."));
                case ReplyValue.Status: return Ok(ParseStatus(command, text));
                case ReplyValue.Names: return Ok(text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
                case ReplyValue.Bool: return Ok(ParseBool(command, text.Trim(Blanks)));
                case ReplyValue.Vector: return Ok(ParseVector(command, text));
                case ReplyValue.Rotator: return Ok(ParseRotator(command, text));
                case ReplyValue.Bounds:
                    double[] b = Numbers(command, text, 6, "minx miny minz maxx maxy maxz");
                    return Ok(new UnrealCvBounds(new UnrealCvVector(b[0], b[1], b[2]), new UnrealCvVector(b[3], b[4], b[5])));
                case ReplyValue.Color: return Ok(ParseColor(command, text));
                case ReplyValue.Number: return Ok(Numbers(command, text, 1, "a field of view")[0]);
                case ReplyValue.Size:
                    string[] size = Tokens(command, text, 2, "width height");
                    return Ok(new UnrealCvSize(Int(command, size[0], "width"), Int(command, size[1], "height")));
                default:
                    return new ParsedReply(text, null);
            }
        }

        private static ParsedReply Ok(object value) => new ParsedReply(value, null);

        private static UnrealCvVector ParseVector(string command, string text)
        {
            double[] v = Numbers(command, text, 3, "x y z");
            return new UnrealCvVector(v[0], v[1], v[2]);
        }

        private static UnrealCvRotator ParseRotator(string command, string text)
        {
            double[] v = Numbers(command, text, 3, "pitch yaw roll");
            return new UnrealCvRotator(v[0], v[1], v[2]);
        }

        private static UnrealCvColor ParseColor(string command, string text)
        {
            Match m = ColorText.Match(text.Trim(Blanks));
            if (!m.Success)
                throw new FormatException($"The reply to '{command}' is not a colour like (R=255,G=128,B=64,A=255): '{Abbreviate(text)}'.");
            var c = new byte[4];
            for (int i = 0; i < 4; i++)
                if (!byte.TryParse(m.Groups[i + 1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out c[i]))
                    throw new FormatException($"The reply to '{command}' has a colour component above 255: '{Abbreviate(text)}'.");
            return new UnrealCvColor(c[0], c[1], c[2], c[3]);
        }

        private static bool ParseBool(string command, string text)
        {
            if (text == "true") return true;
            if (text == "false") return false;
            throw new FormatException($"The reply to '{command}' is neither true nor false: '{Abbreviate(text)}'.");
        }

        private static string[] Tokens(string command, string text, int count, string expected)
        {
            string[] tokens = text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != count)
                throw new FormatException($"The reply to '{command}' should be {count} number{(count == 1 ? "" : "s")} ({expected}), but is '{Abbreviate(text)}'.");
            return tokens;
        }

        private static double[] Numbers(string command, string text, int count, string expected)
        {
            string[] tokens = Tokens(command, text, count, expected);
            var values = new double[count];
            for (int i = 0; i < count; i++)
                if (!ReplyText.TryParseDouble(tokens[i], out values[i]))
                    throw new FormatException($"The reply to '{command}' should be {count} number{(count == 1 ? "" : "s")} ({expected}), but '{tokens[i]}' is not a number.");
            return values;
        }

        private static int Int(string command, string token, string what)
        {
            if (!ReplyText.TryParseInt(token, out int value))
                throw new FormatException($"The reply to '{command}' has a {what} that is not an integer: '{token}'.");
            return value;
        }

        /// <summary>The plugin's status: four fixed lines, then <c>key: value</c> lines; extra lines are ignored, missing ones are errors.</summary>
        private static UnrealCvStatus ParseStatus(string command, string text)
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++) lines[i] = lines[i].Trim();
            if (lines.Length < 3)
                throw new FormatException($"The reply to '{command}' is not the plugin's status text: '{Abbreviate(text)}'.");

            bool listening = lines[0] == "Is Listening" ? true
                : lines[0] == "Not Listening" ? false
                : throw new FormatException($"The status reply to '{command}' should start with 'Is Listening' or 'Not Listening', not '{Abbreviate(lines[0])}'.");
            bool connected = lines[1] == "Client Connected" ? true
                : lines[1] == "No Client Connected" ? false
                : throw new FormatException($"The status reply to '{command}' should say 'Client Connected' or 'No Client Connected' on line 2, not '{Abbreviate(lines[1])}'.");
            int port = Int(command, lines[2].Trim(), "port (line 3)");

            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 3; i < lines.Length; i++)
            {
                // Keys have no colon; the value may (a Windows path).
                int colon = lines[i].IndexOf(':');
                if (colon > 0) settings[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }

            string Setting(string key) => settings.TryGetValue(key, out string? value)
                ? value
                : throw new FormatException($"The status reply to '{command}' has no '{key}:' line.");
            bool Flag(string key)
            {
                string value = Setting(key);
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) return false;
                throw new FormatException($"The status reply to '{command}' has '{key}: {value}', neither true nor false.");
            }
            // In the order the lines come, so the first missing one is named.
            string configFile = Setting("Config file");
            int configPort = Int(command, Setting("Port"), "Port");
            int width = Int(command, Setting("Width"), "Width");
            int height = Int(command, Setting("Height"), "Height");
            string fovText = Setting("FOV");
            double fov = ReplyText.TryParseDouble(fovText, out double f) ? f
                : throw new FormatException($"The status reply to '{command}' has a FOV that is not a number: '{fovText}'.");
            bool enableInput = Flag("EnableInput");
            bool enableRightEye = Flag("EnableRightEye");
            return new UnrealCvStatus(listening, connected, port, configPort, configFile, width, height, fov, enableInput, enableRightEye);
        }

        private static string Abbreviate(string text)
        {
            string oneLine = text.Replace("\r", "\\r").Replace("\n", "\\n");
            return oneLine.Length <= 80 ? oneLine : oneLine.Substring(0, 77) + "...";
        }
    }
}
