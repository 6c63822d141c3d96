using System.Management.Automation;
using UnrealCv.Model;

namespace UnrealCv.Commands
{
    /// <summary>Hides objects (<c>vset /object/&lt;name&gt;/hide</c>: SetActorHiddenInGame(true)): they leave every capture, the object mask too.</summary>
    [Cmdlet(VerbsCommon.Hide, "UnrealCvObject", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class HideUnrealCvObjectCommand : UnrealCvObjectActionCmdlet
    {
        /// <summary>Writes each hidden object, read back from the server.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override string Action => "hide";
        private protected override string Description => "Hide";
        private protected override bool ReadBack => PassThru;
    }
}
