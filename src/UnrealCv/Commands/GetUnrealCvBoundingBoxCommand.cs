using System.Linq;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Replies;

namespace UnrealCv.Commands
{
    /// <summary>
    /// The 2D bounding boxes of the objects in an object mask, found in one pass over its pixels, from the objects'
    /// labelling colours (Get-UnrealCvObjectColor's, kept by the session). One UnrealCvBoundingBox per object seen.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvBoundingBox", DefaultParameterSetName = CaptureSet)]
    [OutputType(typeof(UnrealCvBoundingBox))]
    public sealed class GetUnrealCvBoundingBoxCommand : UnrealCvSceneCmdlet
    {
        private const string CaptureSet = "Capture";
        private const string MaskSet = "Mask";
        private MaskAnnotator? _annotator;

        /// <summary>Capture sets from Get-UnrealCvCapture (with an object_mask); each set's boxes come from its own session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = CaptureSet)]
        [ValidateNotNull]
        public UnrealCvCapture[] Capture { get; set; } = { };

        /// <summary>An object_mask capture from Get-UnrealCvImage -Mode object_mask (png or bmp), of the -Session given or the current one.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MaskSet)]
        [ValidateNotNull]
        public UnrealCvImage? Mask { get; set; }

        /// <summary>Only the boxes of these objects; wildcards allowed, case-insensitive. Default: every object seen.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.ObjectNameCompleter))]
        public string[] Name { get; set; } = { "*" };

        /// <summary>How far (per channel, 0–127) a pixel may be from an object's colour and still count for it; default 3, as the official client.</summary>
        [Parameter]
        [ValidateRange(0, 127)]
        public int Tolerance { get; set; } = 3;

        /// <summary>Leaves out objects that cover fewer pixels than this (default 1: every object seen).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MinPixels { get; set; } = 1;

        /// <summary>Reads the labelling colours from the game again instead of using those the session kept.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void BeginProcessing()
        {
            _annotator = new MaskAnnotator(this, Tolerance, MinPixels, Refresh);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            void Write(System.Collections.Generic.List<UnrealCvBoundingBox> boxes)
            {
                foreach (UnrealCvBoundingBox box in boxes)
                    if (patterns.Any(p => p.IsMatch(box.Object))) WriteObject(box);
            }
            if (ParameterSetName == MaskSet)
            {
                _annotator!.Annotate(ResolveSession(Session?.FirstOrDefault()), Mask!, null, null, Write);
                return;
            }
            foreach (UnrealCvCapture capture in Capture) _annotator!.Annotate(capture, Write);
        }
    }
}
