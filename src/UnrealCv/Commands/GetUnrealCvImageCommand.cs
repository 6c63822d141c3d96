using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Captures images (<c>vget /camera/&lt;id&gt;/&lt;mode&gt; png|bmp|npy</c>, always as bytes over the connection, never
    /// written by the game), pipelined across cameras, piped input and sessions. Writes the typed value, or with
    /// -OutFile saves each capture under a naming pattern and writes its FileInfo.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvImage")]
    [OutputType(typeof(UnrealCvImage), typeof(UnrealCvDepthArray), typeof(FileInfo))]
    public sealed class GetUnrealCvImageCommand : UnrealCvSceneCmdlet
    {
        private static readonly string[] Placeholders = { "Frame", "Camera", "Mode", "Session", "Format" };
        private static readonly Regex Placeholder = new Regex(@"\{([A-Za-z]+)(:[^{}]*)?\}", RegexOptions.CultureInvariant);

        private string _mode = "lit";
        private string _format = "png";
        private string? _outFormat;
        private int _frame;
        private HashSet<string>? _paths;

        /// <summary>Camera ids (indexes in 'vget /cameras'; 0 is the player pawn's sensor), e.g. piped numbers or cameras from Get-UnrealCvCamera.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        [ArgumentCompleter(typeof(Completion.CameraIdCompleter))]
        public int[] Camera { get; set; } = { 0 };

        /// <summary>What to capture: lit (the rendered colour image), depth (distances in cm), normal, or object_mask (each object in its labelling colour).</summary>
        [Parameter]
        [ValidateSet("lit", "depth", "normal", "object_mask")]
        public string Mode { get; set; } = "lit";

        /// <summary>png or bmp for lit, normal and object_mask (default png; bmp is uncompressed, faster, and readable with GetPixel); npy for depth (the default there).</summary>
        [Parameter]
        [ValidateSet("png", "bmp", "npy")]
        public string? Format { get; set; }

        /// <summary>
        /// Saves each capture to this path instead of writing it, and writes the file. Placeholders name many frames:
        /// {Frame} (0-based count of this command's captures; .NET formats such as {Frame:0000}), {Camera}, {Mode},
        /// {Session} (session name), {Format}. Relative paths start at the current location; missing folders are created.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        protected override void BeginProcessing()
        {
            _mode = Mode.ToLowerInvariant();
            _format = Format?.ToLowerInvariant() ?? (_mode == "depth" ? "npy" : "png");
            if ((_mode == "depth") != (_format == "npy"))
                ThrowTerminatingError(NewError(
                    _mode == "depth"
                        ? $"A depth capture comes as npy only; the plugin refuses '{_format}' for depth. Leave -Format out or give -Format npy."
                        : $"A {_mode} capture comes as png or bmp; the plugin refuses npy for {_mode}. Leave -Format out, or give -Format png or bmp.",
                    "UnrealCvInvalidFormat", ErrorCategory.InvalidArgument, _format));
            if (OutFile != null)
            {
                _outFormat = CompositeFormat(OutFile);
                _paths = new HashSet<string>(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            }
            base.BeginProcessing();
        }

        /// <summary>The -OutFile pattern as a .NET composite format: placeholder names become indexes, other braces literal.</summary>
        private string CompositeFormat(string pattern)
        {
            var format = new StringBuilder();
            int last = 0;
            foreach (Match m in Placeholder.Matches(pattern))
            {
                int index = Array.FindIndex(Placeholders, p => string.Equals(p, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                    ThrowTerminatingError(NewError(
                        $"-OutFile '{pattern}' has an unknown placeholder {m.Value}. The placeholders are {{Frame}}, {{Camera}}, {{Mode}}, {{Session}} and {{Format}}, with .NET formats such as {{Frame:0000}}.",
                        "UnrealCvInvalidOutFile", ErrorCategory.InvalidArgument, pattern));
                format.Append(Literal(pattern.Substring(last, m.Index - last))).Append('{').Append(index).Append(m.Groups[2].Value).Append('}');
                last = m.Index + m.Length;
            }
            format.Append(Literal(pattern.Substring(last)));
            string result = format.ToString();
            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, result, 0, 0, _mode, "UnrealCv1", _format);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(NewError(
                    $"-OutFile '{pattern}' is not a valid naming pattern ({e.Message}) Use {{Frame}}, {{Camera}}, {{Mode}}, {{Session}} and {{Format}}, with .NET formats such as {{Frame:0000}}.",
                    "UnrealCvInvalidOutFile", ErrorCategory.InvalidArgument, pattern, e));
            }
            return result;
        }

        private static string Literal(string text) => text.Replace("{", "{{").Replace("}", "}}");

        protected override void ProcessRecord()
        {
            UnrealCvSession[] sessions = TargetSessions();
            foreach (int camera in Camera)
                foreach (UnrealCvSession session in sessions)
                    Capture(session, camera, _frame++);
        }

        private void Capture(UnrealCvSession session, int camera, int frame)
        {
            string command = "vget /camera/" + SceneReader.CommandText(camera) + "/" + _mode + " " + _format;
            if (_outFormat == null)
            {
                Reader.Send(session, command, r =>
                {
                    if (TryCapture(r, out object value)) WriteObject(value);
                });
                return;
            }
            string name = string.Format(CultureInfo.InvariantCulture, _outFormat, frame, camera, _mode, session.Name, _format);
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(name);
            if (!_paths!.Add(path))
            {
                WriteError(NewError(
                    $"-OutFile '{OutFile}' names '{path}' for more than one capture (camera {camera} on {session.Name} would overwrite an earlier one); that capture was not taken. Put {{Frame}} in the pattern (e.g. 'frame_{{Frame:0000}}.{_format}'), or {{Camera}} and {{Session}}.",
                    "UnrealCvOutFileCollision", ErrorCategory.ResourceExists, path));
                return;
            }
            Reader.Send(session, command, r =>
            {
                if (TryCapture(r, out object value)) Save(value, path);
            });
        }

        /// <summary>The image or depth array of a capture reply (anything else, such as the 'ok' of an empty capture, is an error).</summary>
        private bool TryCapture(UnrealCvResponse response, out object value)
        {
            if (_format == "npy")
            {
                bool ok = Reader.TryRead(response, out UnrealCvDepthArray array);
                value = array;
                return ok;
            }
            bool read = Reader.TryRead(response, out UnrealCvImage image);
            value = image;
            return read;
        }

        private void Save(object value, string path)
        {
            try
            {
                string? folder = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                if (value is UnrealCvImage image) image.Save(path);
                else ((UnrealCvDepthArray)value).Save(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                WriteError(NewError($"Could not write '{path}': {e.Message}", "UnrealCvOutFileFailed", ErrorCategory.WriteError, path, e));
                return;
            }
            WriteFileItem(path);
        }

    }
}
