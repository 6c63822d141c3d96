using System.Management.Automation;
using UnrealCv.Model;

namespace UnrealCv.Commands
{
    /// <summary>Shows hidden objects again (<c>vset /object/&lt;name&gt;/show</c>: SetActorHiddenInGame(false)).</summary>
    [Cmdlet(VerbsCommon.Show, "UnrealCvObject", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class ShowUnrealCvObjectCommand : UnrealCvObjectActionCmdlet
    {
        /// <summary>Writes each shown object, read back from the server.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override string Action => "show";
        private protected override string Description => "Show";
        private protected override bool ReadBack => PassThru;
    }
}
