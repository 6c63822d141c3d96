using System;
using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Pictures;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// What the annotation cmdlets share: the boxes of an object mask, from the session's labelling colours (read in
    /// one batch per session, or kept from before), with one warning per session about objects that share a colour.
    /// </summary>
    internal sealed class MaskAnnotator
    {
        private readonly UnrealCvSceneCmdlet _cmdlet;
        private readonly int _tolerance;
        private readonly int _minPixels;
        private readonly bool _refresh;
        private readonly HashSet<UnrealCvSession> _warned = new HashSet<UnrealCvSession>();

        public MaskAnnotator(UnrealCvSceneCmdlet cmdlet, int tolerance, int minPixels, bool refresh)
        {
            _cmdlet = cmdlet;
            _tolerance = tolerance;
            _minPixels = minPixels;
            _refresh = refresh;
        }

        /// <summary>The boxes of a capture set's mask; an error record instead when it has none.</summary>
        public void Annotate(UnrealCvCapture capture, Action<List<UnrealCvBoundingBox>> then)
        {
            if (capture.ObjectMask == null)
            {
                _cmdlet.WriteError(NoMask(capture));
                return;
            }
            Annotate(capture.Session, capture.ObjectMask, capture.Camera, capture.Frame, then);
        }

        /// <summary>UnrealCvNoObjectMask: a capture set taken without the object_mask mode.</summary>
        public static ErrorRecord NoMask(UnrealCvCapture capture) => UnrealCvCmdlet.NewError(
            $"The capture set {capture} has no object mask to find boxes in. Capture it with -Mode object_mask (Get-UnrealCvCapture's default modes include it).",
            "UnrealCvNoObjectMask", ErrorCategory.InvalidArgument, capture);

        public void Annotate(UnrealCvSession session, UnrealCvImage mask, int? camera, int? frame, Action<List<UnrealCvBoundingBox>> then)
        {
            Raster pixels;
            try
            {
                pixels = Raster.From(mask);
            }
            catch (FormatException e)
            {
                _cmdlet.WriteError(UnrealCvCmdlet.NewError(e.Message, "UnrealCvInvalidImage", ErrorCategory.InvalidData, mask, e));
                return;
            }
            _cmdlet.Reader.ReadColors(session, _refresh, colors =>
            {
                List<UnrealCvBoundingBox> boxes = UnrealCvBoundingBox.Find(session, pixels, colors, _tolerance, _minPixels, camera, frame, out List<string> shared);
                if (shared.Count > 0 && _warned.Add(session))
                    _cmdlet.WriteWarning($"On {session.Name}, {string.Join(", ", shared)} share a labelling colour with an object listed before them: their pixels count for that object. Give each object its own colour (Set-UnrealCvObject -Color) to tell them apart.");
                then(boxes);
            });
        }
    }
}
