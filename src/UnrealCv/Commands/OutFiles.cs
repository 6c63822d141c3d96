using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// An -OutFile naming pattern of the capture cmdlets, as a .NET composite format: {Frame}, {Camera}, {Mode},
    /// {Session} and {Format} become indexes (with .NET formats such as {Frame:0000}), other braces stay literal.
    /// </summary>
    internal sealed class OutFilePattern
    {
        private static readonly string[] s_placeholders = { "Frame", "Camera", "Mode", "Session", "Format" };
        private static readonly Regex s_placeholder = new Regex(@"\{([A-Za-z]+)(:[^{}]*)?\}", RegexOptions.CultureInvariant);
        private const string Known = "{Frame}, {Camera}, {Mode}, {Session} and {Format}, with .NET formats such as {Frame:0000}";

        private readonly string _format;
        private readonly HashSet<string> _used;

        private OutFilePattern(string pattern, string format, HashSet<string> used)
        {
            Pattern = pattern;
            _format = format;
            _used = used;
        }

        public string Pattern { get; }

        /// <summary>Whether the pattern names files by this placeholder ("Camera", "Mode", …).</summary>
        public bool Uses(string placeholder) => _used.Contains(placeholder);

        public string Name(object frame, int camera, string mode, string session, string format) =>
            string.Format(CultureInfo.InvariantCulture, _format, frame, camera, mode, session, format);

        /// <summary>The pattern, or the UnrealCvInvalidOutFile error that says what is wrong with it.</summary>
        public static OutFilePattern? Parse(string pattern, out ErrorRecord? error)
        {
            var format = new StringBuilder();
            var used = new HashSet<string>(StringComparer.Ordinal);
            int last = 0;
            foreach (Match m in s_placeholder.Matches(pattern))
            {
                int index = Array.FindIndex(s_placeholders, p => string.Equals(p, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    error = Invalid($"-OutFile '{pattern}' has an unknown placeholder {m.Value}. The placeholders are {Known}.", pattern, null);
                    return null;
                }
                used.Add(s_placeholders[index]);
                format.Append(Literal(pattern.Substring(last, m.Index - last))).Append('{').Append(index).Append(m.Groups[2].Value).Append('}');
                last = m.Index + m.Length;
            }
            format.Append(Literal(pattern.Substring(last)));
            var parsed = new OutFilePattern(pattern, format.ToString(), used);
            try
            {
                _ = parsed.Name(0, 0, "lit", "UnrealCv1", "png");
            }
            catch (FormatException e)
            {
                error = Invalid($"-OutFile '{pattern}' is not a valid naming pattern ({e.Message}) Use {Known}.", pattern, e);
                return null;
            }
            error = null;
            return parsed;
        }

        private static ErrorRecord Invalid(string message, string pattern, Exception? inner) =>
            UnrealCvCmdlet.NewError(message, "UnrealCvInvalidOutFile", ErrorCategory.InvalidArgument, pattern, inner);

        private static string Literal(string text) => text.Replace("{", "{{").Replace("}", "}}");
    }

    /// <summary>
    /// The {Frame} numbers one command gives: the session's count for the series (which survives the command), or
    /// with -Frame the given number for each input's first file of a series, counting on from it.
    /// </summary>
    internal sealed class FrameNumbering
    {
        private readonly int? _first;
        private readonly Dictionary<(UnrealCvSession Session, string Series), int> _next = new Dictionary<(UnrealCvSession, string), int>();
        private readonly HashSet<(UnrealCvSession Session, string Series)> _thisRecord = new HashSet<(UnrealCvSession, string)>();

        public FrameNumbering(int? first) => _first = first;

        /// <summary>A new pipeline input: -Frame applies to its first file of each series again.</summary>
        public void NewRecord() => _thisRecord.Clear();

        public int Next(UnrealCvSession session, string series)
        {
            var key = (session, series);
            _next.TryGetValue(key, out int next);
            int frame = _first != null
                ? (_thisRecord.Add(key) ? _first.Value : next)
                : Math.Max(next, session.Frames.Peek(series)); // another runspace may have counted on meanwhile
            _next[key] = frame == int.MaxValue ? frame : frame + 1; // -WhatIf names the next capture after this one too
            return frame;
        }
    }

    /// <summary>Writes captures to files, never over an existing one unless told to.</summary>
    internal static class CaptureFile
    {
        /// <summary>UnrealCvOutFileExists: the file is there and -Force was not given.</summary>
        public static ErrorRecord Exists(string command, string path, Exception? inner) => UnrealCvCmdlet.NewError(
            $"'{path}' exists, and {command} does not overwrite files: that capture was not saved. Add -Force to overwrite it, or give -OutFile another name or folder (with {{Frame}}, numbers go on from the session's last one).",
            "UnrealCvOutFileExists", ErrorCategory.ResourceExists, path, inner);

        /// <summary>Saves an image or depth array, making missing folders; null, or the error of why it was not saved.</summary>
        public static ErrorRecord? Save(string command, object value, string path, bool overwrite)
        {
            try
            {
                string? folder = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                if (value is UnrealCvImage image) image.Save(path, overwrite);
                else ((UnrealCvDepthArray)value).Save(path, overwrite);
                return null;
            }
            catch (IOException e) when (!overwrite && File.Exists(path))
            {
                return Exists(command, path, e); // made meanwhile, by someone else
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                return UnrealCvCmdlet.NewError($"Could not write '{path}': {e.Message}", "UnrealCvOutFileFailed", ErrorCategory.WriteError, path, e);
            }
        }
    }
}
