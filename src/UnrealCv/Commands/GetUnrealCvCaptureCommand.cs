using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Same-frame capture sets: for each camera, every requested mode (<c>vget /camera/&lt;id&gt;/&lt;mode&gt; png|bmp|npy</c>)
    /// and the camera's pose, all sent before any reply is awaited. The plugin runs every request queued when its game
    /// thread ticks, in order, before the world moves on, so what arrives together is answered from one frame.
    /// (<c>vbatch</c> does not help: on 4.27-stable it answers without running anything.) Writes one
    /// <see cref="UnrealCvCapture"/> per camera and set; with -OutFile each mode is also saved under a naming pattern.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvCapture", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(UnrealCvCapture))]
    public sealed class GetUnrealCvCaptureCommand : UnrealCvCaptureCmdlet
    {
        private const string Series = "capture-set";
        private string[] _modes = { };
        private string _imageFormat = "png";

        /// <summary>The modes of each set, captured in the order given: lit, depth (npy, cm), object_mask, normal. Default lit, depth, object_mask.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateSet("lit", "depth", "object_mask", "normal")]
        public string[] Mode { get; set; } = { "lit", "depth", "object_mask" };

        /// <summary>png (default) or bmp for lit, object_mask and normal (bmp is uncompressed: larger, faster, read with GetPixel). Depth is always npy.</summary>
        [Parameter]
        [ValidateSet("png", "bmp")]
        public string Format { get; set; } = "png";

        protected override void BeginProcessing()
        {
            _modes = Mode.Select(m => m.ToLowerInvariant()).Distinct().ToArray();
            _imageFormat = Format.ToLowerInvariant();
            base.BeginProcessing();
            if (Pattern != null && _modes.Length > 1 && !Pattern.Uses("Mode"))
                ThrowTerminatingError(NewError(
                    $"-OutFile '{OutFile}' names the files of all {_modes.Length} modes alike, so they would overwrite each other. Put {{Mode}} in it, e.g. 'cam{{Camera}}_{{Frame:0000}}_{{Mode}}.{{Format}}'.",
                    "UnrealCvInvalidOutFile", ErrorCategory.InvalidArgument, OutFile));
        }

        protected override void ProcessRecord()
        {
            Frames.NewRecord();
            foreach (UnrealCvSession session in TargetSessions())
            {
                // One number per session and input: every camera of this set shares it.
                string series = Pattern == null ? Series : Series + "|" + SessionState.Path.CurrentFileSystemLocation.ProviderPath + "|" + Pattern.Pattern;
                int frame = Frames.Next(session, series);
                foreach (int camera in Camera)
                {
                    if (!TryPlan(session, camera, frame, out string[] paths)) continue;
                    session.Frames.Use(series, frame); // used once a set is sent, so series taken side by side stay in step
                    Capture(session, camera, frame, paths);
                }
            }
        }

        private string FormatOf(string mode) => mode == "depth" ? "npy" : _imageFormat;

        /// <summary>The files of one camera's set (none without -OutFile), confirmed and free to write; false when the set is not to be taken.</summary>
        private bool TryPlan(UnrealCvSession session, int camera, int frame, out string[] paths)
        {
            paths = Pattern == null ? new string[0]
                : _modes.Select(m => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Pattern.Name(frame, camera, m, session.Name, FormatOf(m)))).ToArray();
            string target = $"camera {camera} on {session.Name}, set {frame}";
            string action = "Capture " + string.Join(", ", _modes) + (paths.Length == 0 ? "" : " into " + string.Join(", ", paths));
            foreach (string path in paths)
            {
                if (NamedPaths.Contains(path))
                {
                    WriteError(NewError(
                        $"-OutFile '{OutFile}' names '{path}' for more than one capture (camera {camera} on {session.Name} would overwrite an earlier one); that set was not taken. Put {{Frame}}, {{Camera}} and {{Session}} in the pattern as needed.",
                        "UnrealCvOutFileCollision", ErrorCategory.ResourceExists, path));
                    return false;
                }
            }
            if (!ShouldProcess(target, action)) return false;
            foreach (string path in paths) NamedPaths.Add(path);
            if (!Force)
            {
                string? existing = paths.FirstOrDefault(File.Exists);
                if (existing != null)
                {
                    WriteError(CaptureFile.Exists(CommandName, existing, null));
                    return false;
                }
            }
            return true;
        }

        /// <summary>Sends the pose reads and the captures of one camera; the set is written once every reply is in.</summary>
        private void Capture(UnrealCvSession session, int camera, int frame, string[] paths)
        {
            var capture = new UnrealCvCapture(session, camera, frame);
            var parts = new SceneReader.Gather(2 + _modes.Length, values =>
            {
                capture.Location = (UnrealCvVector)values[0]!;
                capture.Rotation = (UnrealCvRotator)values[1]!;
                for (int i = 0; i < _modes.Length; i++) capture.Set(_modes[i], values[2 + i]!);
                if (paths.Length == 0 || Save(capture, paths)) WriteObject(capture);
            });
            string prefix = "vget /camera/" + SceneReader.CommandText(camera) + "/";
            Reader.Send(session, prefix + "location", parts.Slot<UnrealCvVector>(Reader, 0));
            Reader.Send(session, prefix + "rotation", parts.Slot<UnrealCvRotator>(Reader, 1));
            for (int i = 0; i < _modes.Length; i++)
            {
                string mode = _modes[i];
                Reader.Send(session, prefix + mode + " " + FormatOf(mode),
                    mode == "depth" ? parts.Slot<UnrealCvDepthArray>(Reader, 2 + i) : parts.Slot<UnrealCvImage>(Reader, 2 + i));
            }
        }

        /// <summary>Saves every mode of a set; false (with the error written) when one could not be saved.</summary>
        private bool Save(UnrealCvCapture capture, string[] paths)
        {
            for (int i = 0; i < _modes.Length; i++)
            {
                if (!SaveCapture(capture[_modes[i]]!, paths[i], Force, writeFile: false)) return false;
                capture.AddFile(paths[i]);
            }
            return true;
        }
    }
}
