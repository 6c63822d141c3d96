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
    /// Turns a reply into a typed value by the shape of its command, decided from the command alone. Commands
    /// are recognised as the plugin's dispatcher matches them (object names <c>[^ ]*</c>, camera ids <c>\d*</c>,
    /// trailing spaces allowed), but anchored at the start: the plugin searches its patterns anywhere in the
    /// command, so <c>vrun vget /objects</c> is a vrun, and only the whole route table could tell which handler a
    /// prefixed command reaches. Such commands keep their text rather than risk a wrong value.
    /// </summary>
    internal static class ReplyParser
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

        private static readonly Regex Status = new Regex(@"^vget /unrealcv/status[ ]*$", Options);
        private static readonly Regex Objects = new Regex(@"^vget /objects[ ]*$", Options);
        private static readonly Regex Cameras = new Regex(@"^vget /cameras[ ]*$", Options);
        private static readonly Regex ObjectProperty = new Regex(@"^vget /object/[^ ]*/(location|rotation|scale|bounds|color)[ ]*$", Options);
        private static readonly Regex CameraProperty = new Regex(@"^vget /camera/\d*/(location|rotation|fov|size)[ ]*$", Options);
        private static readonly Regex IsPaused = new Regex(@"^vget /action/game/is_paused[ ]*$", Options);
        // optical_flow is a colour image too (5.2@996bcda).
        private static readonly Regex CameraImage = new Regex(@"^vget /camera/\d*/(?:lit|normal|object_mask|seg|optical_flow) (png|bmp)[ ]*$", Options | RegexOptions.IgnoreCase);
        private static readonly Regex Screenshot = new Regex(@"^vget /screenshot (png|bmp)[ ]*$", Options | RegexOptions.IgnoreCase);
        private static readonly Regex ColorText = new Regex(@"^\(R=(\d+),G=(\d+),B=(\d+),A=(\d+)\)$", Options);

        private static readonly char[] Blanks = { ' ', '\t', '\r', '\n' };

        /// <summary>
        /// Never throws for a reply: an error reply, or a command whose reply shape is unknown, gives the text (or, for
        /// bytes, the bytes) with no error; a reply of known shape that does not parse gives the text or bytes and the reason.
        /// </summary>
        public static ParsedReply Parse(string command, string? text, byte[]? bytes)
        {
            if (bytes != null) return ParseBinary(command, bytes);
            if (text == null) return new ParsedReply(null, null);
            if (IsErrorText(text)) return new ParsedReply(text, null);
            try
            {
                return ParseText(command, text);
            }
            catch (FormatException e)
            {
                return new ParsedReply(text, e.Message);
            }
        }

        private static bool IsErrorText(string text) =>
            text.StartsWith("error", StringComparison.Ordinal) && (text.Length == 5 || text[5] == ' ');

        private static ParsedReply ParseBinary(string command, byte[] bytes)
        {
            try
            {
                string? imageFormat = ImageFormat(command);
                if (imageFormat != null) return new ParsedReply(UnrealCvImage.FromReply(command, imageFormat, bytes), null);
                if (ReplyShape.BinaryFormat(command) == "npy") return new ParsedReply(UnrealCvDepthArray.FromReply(command, bytes), null);
                return new ParsedReply(bytes, null);
            }
            catch (FormatException e)
            {
                return new ParsedReply(bytes, e.Message);
            }
        }

        /// <summary><c>png</c> or <c>bmp</c> for a colour capture command, else null.</summary>
        private static string? ImageFormat(string command)
        {
            Match m = CameraImage.Match(command);
            if (!m.Success) m = Screenshot.Match(command);
            return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null; // the plugin takes PNG as png
        }

        private static ParsedReply ParseText(string command, string text)
        {
            // A binary command answered with text: ok means the capture was empty (§3.3).
            if (ReplyShape.BinaryFormat(command) is string format && (format == "npy" || ImageFormat(command) != null))
                return new ParsedReply(text, $"'{command}' should answer {format} bytes, but answered the text '{Abbreviate(text)}'" +
                    (text == "ok" ? " (the plugin answers ok when the capture is empty)." : "."));

            if (Status.IsMatch(command)) return Ok(ParseStatus(command, text));
            if (Objects.IsMatch(command) || Cameras.IsMatch(command)) return Ok(text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
            if (IsPaused.IsMatch(command)) return Ok(ParseBool(command, text.Trim(Blanks)));

            Match m = ObjectProperty.Match(command);
            if (m.Success)
            {
                switch (m.Groups[1].Value)
                {
                    case "location":
                    case "scale":
                        return Ok(ParseVector(command, text));
                    case "rotation":
                        return Ok(ParseRotator(command, text));
                    case "bounds":
                        double[] b = Numbers(command, text, 6, "minx miny minz maxx maxy maxz");
                        return Ok(new UnrealCvBounds(new UnrealCvVector(b[0], b[1], b[2]), new UnrealCvVector(b[3], b[4], b[5])));
                    default:
                        return Ok(ParseColor(command, text));
                }
            }

            m = CameraProperty.Match(command);
            if (m.Success)
            {
                switch (m.Groups[1].Value)
                {
                    case "location":
                        return Ok(ParseVector(command, text));
                    case "rotation":
                        return Ok(ParseRotator(command, text));
                    case "fov":
                        return Ok(Numbers(command, text, 1, "a field of view")[0]);
                    default:
                        string[] size = Tokens(command, text, 2, "width height");
                        return Ok(new UnrealCvSize(Int(command, size[0], "width"), Int(command, size[1], "height")));
                }
            }

            return new ParsedReply(text, null);
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

        /// <summary>§7: four fixed lines, then <c>key: value</c> lines; extra lines are ignored, missing ones are errors.</summary>
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
