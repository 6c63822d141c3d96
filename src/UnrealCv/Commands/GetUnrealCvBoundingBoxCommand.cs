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
    public sealed class GetUnrealCvBoundingBoxCommand : UnrealCvAnnotationCmdlet
    {
        private const string CaptureSet = "Capture";
        private const string MaskSet = "Mask";

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


        private WildcardPattern[] _patterns = { };

        protected override void BeginProcessing()
        {
            _patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            base.BeginProcessing();
        }

        private void Write(System.Collections.Generic.List<UnrealCvBoundingBox> boxes)
        {
            foreach (UnrealCvBoundingBox box in boxes)
                if (_patterns.Any(p => p.IsMatch(box.Object))) WriteObject(box);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == MaskSet)
            {
                Annotator.Annotate(ResolveSession(Session?.FirstOrDefault()), Mask!, null, null, Write);
                return;
            }
            foreach (UnrealCvCapture capture in Capture) Annotator.Annotate(capture, Write);
        }
    }
}
