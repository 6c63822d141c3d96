using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Model;
using UnrealCv.Pictures;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Captures images (<c>vget /camera/&lt;id&gt;/&lt;mode&gt; png|bmp|npy</c>, always as bytes over the connection, never
    /// written by the game), pipelined across cameras, piped input and sessions. Writes the typed value, or with
    /// -OutFile saves each capture under a naming pattern and writes its FileInfo. With -ColorMap (or -Near/-Far) a depth
    /// capture becomes a PNG picture.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(UnrealCvImage), typeof(UnrealCvDepthArray), typeof(FileInfo))]
    public sealed class GetUnrealCvImageCommand : UnrealCvSceneCmdlet
    {
        private string _mode = "lit";
        private string _format = "png";
        private string _savedFormat = "png";
        private string? _colorMap;
        private double? _near, _far;
        private OutFilePattern? _outFile;
        private HashSet<string>? _paths;
        private FrameNumbering? _frames;

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

        /// <summary>png or bmp for lit, normal and object_mask (default png; bmp is uncompressed, faster, and readable with GetPixel); npy for depth (the default there), or png with -ColorMap.</summary>
        [Parameter]
        [ValidateSet("png", "bmp", "npy")]
        public string? Format { get; set; }

        /// <summary>
        /// Saves each capture to this path instead of writing it, and writes the file. Placeholders name many frames:
        /// {Frame} (numbers each series of files 0, 1, 2, … per session, across commands; .NET formats such as {Frame:0000}),
        /// {Camera}, {Mode}, {Session} (session name), {Format}. Relative paths start at the current location; missing
        /// folders are created. An existing file is not overwritten without -Force.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The {Frame} number of each input's first capture in each series (later ones count on from it), instead of the session's count.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Frame { get; set; }

        /// <summary>Overwrites files that -OutFile names and that exist already.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Makes each depth capture a PNG picture: t = (depth - Near) / (Far - Near), clamped to [0, 1], through the map.
        /// Gray: grey level round(255·t), black at Near, white at Far. Viridis: perceptually uniform, dark purple to yellow.
        /// NaN depths are transparent. Default Gray when -Near or -Far is given.
        /// </summary>
        [Parameter]
        [ValidateSet(ColorMaps.Gray, ColorMaps.Viridis)]
        public string? ColorMap { get; set; }

        /// <summary>The depth (cm) shown as the map's first colour; default the capture's smallest finite depth.</summary>
        [Parameter]
        public double Near { get; set; }

        /// <summary>The depth (cm) shown as the map's last colour; default the capture's largest finite depth. Larger depths clamp to it.</summary>
        [Parameter]
        public double Far { get; set; }

        protected override void BeginProcessing()
        {
            _mode = Mode.ToLowerInvariant();
            CheckPicture();
            _format = _colorMap != null ? "npy" : Format?.ToLowerInvariant() ?? (_mode == "depth" ? "npy" : "png");
            _savedFormat = _colorMap != null ? "png" : _format;
            if ((_mode == "depth") != (_format == "npy"))
                ThrowTerminatingError(NewError(
                    _mode == "depth"
                        ? $"A depth capture comes as npy only; the plugin refuses '{_format}' for depth. Leave -Format out or give -Format npy; for a png picture of the depth add -ColorMap Gray or Viridis."
                        : $"A {_mode} capture comes as png or bmp; the plugin refuses npy for {_mode}. Leave -Format out, or give -Format png or bmp.",
                    "UnrealCvInvalidFormat", ErrorCategory.InvalidArgument, _format));
            if (OutFile != null)
            {
                _outFile = OutFilePattern.Parse(OutFile, out ErrorRecord? invalid);
                if (invalid != null) ThrowTerminatingError(invalid);
                _paths = new HashSet<string>(FileNames.Comparer);
                _frames = new FrameNumbering(Has(nameof(Frame)) ? Frame : (int?)null);
            }
            base.BeginProcessing();
        }

        /// <summary>-ColorMap, -Near and -Far ask for a picture of depth: checked here, before anything is sent.</summary>
        private void CheckPicture()
        {
            _near = Has(nameof(Near)) ? Near : (double?)null;
            _far = Has(nameof(Far)) ? Far : (double?)null;
            if (ColorMap == null && _near == null && _far == null) return;
            if (_mode != "depth")
                ThrowTerminatingError(NewError(
                    $"-ColorMap, -Near and -Far turn depth into a picture; a {_mode} capture is one already. Leave them out, or add -Mode depth.",
                    "UnrealCvInvalidColorMap", ErrorCategory.InvalidArgument, ColorMap));
            if (Format != null && !string.Equals(Format, "png", StringComparison.OrdinalIgnoreCase))
                ThrowTerminatingError(NewError(
                    $"With -ColorMap, -Near or -Far a depth capture becomes a png picture, not {Format}. Leave -Format out, or leave those out for the npy array.",
                    "UnrealCvInvalidFormat", ErrorCategory.InvalidArgument, Format));
            if (double.IsNaN(Near) || double.IsNaN(Far) || (_near != null && _far != null && Near == Far))
                ThrowTerminatingError(NewError(
                    $"-Near {Near} and -Far {Far} give no range to map. Give two different depths in cm (Near larger than Far reverses the map).",
                    "UnrealCvInvalidColorMap", ErrorCategory.InvalidArgument, Near));
            _colorMap = ColorMap ?? ColorMaps.Gray;
        }

        protected override void ProcessRecord()
        {
            UnrealCvSession[] sessions = TargetSessions();
            _frames?.NewRecord();
            foreach (int camera in Camera)
                foreach (UnrealCvSession session in sessions)
                    Capture(session, camera);
        }

        private void Capture(UnrealCvSession session, int camera)
        {
            string command = "vget /camera/" + SceneReader.CommandText(camera) + "/" + _mode + " " + _format;
            if (_outFile == null)
            {
                Reader.Send(session, command, r =>
                {
                    if (TryCapture(r, out object value)) WriteObject(value);
                });
                return;
            }
            // The series: the name with {Frame} left blank, where the current location is (relative names start there).
            string series = SessionState.Path.CurrentFileSystemLocation.ProviderPath + "|" + Name("", camera, session);
            int frame = _frames!.Next(session, series);
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Name(frame, camera, session));
            if (!_paths!.Add(path))
            {
                WriteError(NewError(
                    $"-OutFile '{OutFile}' names '{path}' for more than one capture (camera {camera} on {session.Name} would overwrite an earlier one); that capture was not taken. Put {{Frame}} in the pattern (e.g. 'frame_{{Frame:0000}}.{_savedFormat}'), or {{Camera}} and {{Session}}.",
                    "UnrealCvOutFileCollision", ErrorCategory.ResourceExists, path));
                return;
            }
            bool exists = File.Exists(path);
            if (!ShouldProcess(path, exists && Force ? "Overwrite with a capture" : "Save a capture")) return;
            // The number is used from here on, even when the capture fails, so series taken side by side stay in step.
            session.Frames.Use(series, frame);
            if (exists && !Force)
            {
                WriteError(CaptureFile.Exists(CommandName, path, null));
                return;
            }
            bool overwrite = Force;
            Reader.Send(session, command, r =>
            {
                if (TryCapture(r, out object value)) Save(value, path, overwrite);
            });
        }

        private bool Has(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        private string CommandName => MyInvocation.MyCommand.Name;

        private string Name(object frame, int camera, UnrealCvSession session) => _outFile!.Name(frame, camera, _mode, session.Name, _savedFormat);

        /// <summary>The image or depth array of a capture reply (anything else, such as the 'ok' of an empty capture, is an error).</summary>
        private bool TryCapture(UnrealCvResponse response, out object value)
        {
            if (_format == "npy")
            {
                bool ok = Reader.TryRead(response, out UnrealCvDepthArray array);
                value = array;
                return ok && (_colorMap == null || TryPicture(response, array, out value));
            }
            bool read = Reader.TryRead(response, out UnrealCvImage image);
            value = image;
            return read;
        }

        /// <summary>The picture of a depth array, as a png image.</summary>
        private bool TryPicture(UnrealCvResponse response, UnrealCvDepthArray depth, out object value)
        {
            try
            {
                byte[] png = DepthPicture.Map(depth, _near, _far, _colorMap!).ToPng();
                value = UnrealCvImage.FromReply(response.Command, "png", png);
                return true;
            }
            catch (ArgumentException e)
            {
                WriteError(NewError($"'{response.Command}' on {response.SessionName}: {e.Message}", "UnrealCvInvalidColorMap", ErrorCategory.InvalidData, depth, e));
                value = depth;
                return false;
            }
        }

        private void Save(object value, string path, bool overwrite)
        {
            ErrorRecord? failed = CaptureFile.Save(CommandName, value, path, overwrite);
            if (failed != null) WriteError(failed);
            else WriteFileItem(path);
        }
    }
}
