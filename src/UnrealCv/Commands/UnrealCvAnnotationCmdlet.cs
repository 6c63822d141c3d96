using System.Management.Automation;

namespace UnrealCv.Commands
{
    /// <summary>Base of the cmdlets that find objects' boxes in object masks: how pixels are matched to the labelling colours.</summary>
    public abstract class UnrealCvAnnotationCmdlet : UnrealCvSceneCmdlet
    {
        /// <summary>How far (per channel, 0–127) a mask pixel may be from an object's colour and still count for it; default 3, as the official client.</summary>
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

        internal MaskAnnotator Annotator { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            Annotator = new MaskAnnotator(this, Tolerance, MinPixels, Refresh);
            base.BeginProcessing();
        }
    }
}
