using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace UnrealCv.Launch
{
    /// <summary>
    /// The unrealcv.ini of one instance: the game's own ini with Port (and Width, Height, FOV when given) set in its
    /// [UnrealCV.Core] section, every other line kept as it was. Without an ini, the layout the plugin writes
    /// (ServerConfig.cpp, Save) with its defaults.
    /// </summary>
    internal static class InstanceIni
    {
        public const string FileName = "unrealcv.ini";
        private const string Section = "UnrealCV.Core";

        public static string Write(string? original, int port, int? width, int? height, double? fov)
        {
            var values = new List<KeyValuePair<string, string>> { Pair("Port", Int(port)) };
            if (width.HasValue) values.Add(Pair("Width", Int(width.Value)));
            if (height.HasValue) values.Add(Pair("Height", Int(height.Value)));
            if (fov.HasValue) values.Add(Pair("FOV", fov.Value.ToString("F6", CultureInfo.InvariantCulture)));
            if (original == null) return Default(values);

            string newline = original.Contains("\r\n") ? "\r\n" : "\n";
            var lines = original.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            int start = lines.FindIndex(l => IsSection(l, Section));
            if (start < 0) return string.Join(newline, lines) + newline + newline + Default(values).Replace("\n", newline);

            int end = lines.FindIndex(start + 1, l => l.TrimStart().StartsWith("[", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            foreach (var value in values)
            {
                bool found = false;
                for (int i = start + 1; i < end; i++)
                {
                    if (!string.Equals(KeyOf(lines[i]), value.Key, StringComparison.OrdinalIgnoreCase)) continue;
                    lines[i] = value.Key + "=" + value.Value; // every copy: the engine may read any of them
                    found = true;
                }
                if (found) continue;
                int at = end;
                while (at > start + 1 && lines[at - 1].Trim().Length == 0) at--; // before the section's trailing blank lines
                lines.Insert(at, value.Key + "=" + value.Value);
                end++;
            }
            return string.Join(newline, lines) + newline;
        }

        private static string Default(List<KeyValuePair<string, string>> values)
        {
            string Get(string key, string fallback) => values.Where(v => v.Key == key).Select(v => v.Value).DefaultIfEmpty(fallback).First();
            return "[" + Section + "]\n"
                + "Port=" + Get("Port", "9000") + "\n"
                + "Width=" + Get("Width", "640") + "\n"
                + "Height=" + Get("Height", "480") + "\n"
                + "FOV=" + Get("FOV", "90.000000") + "\n"
                + "EnableInput=True\n"
                + "EnableRightEye=False\n";
        }

        private static bool IsSection(string line, string name)
        {
            string t = line.Trim();
            return t.StartsWith("[", StringComparison.Ordinal) && t.EndsWith("]", StringComparison.Ordinal)
                && string.Equals(t.Substring(1, t.Length - 2).Trim(), name, StringComparison.OrdinalIgnoreCase);
        }

        private static string? KeyOf(string line)
        {
            int eq = line.IndexOf('=');
            return eq <= 0 ? null : line.Substring(0, eq).Trim();
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
