using System.Management.Automation;

namespace UnrealCv.Commands
{
    /// <summary>Destroys objects (<c>vset /object/&lt;name&gt;/destroy</c>: AActor::Destroy); they leave <c>vget /objects</c>.</summary>
    [Cmdlet(VerbsCommon.Remove, "UnrealCvObject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveUnrealCvObjectCommand : UnrealCvObjectActionCmdlet
    {
        private protected override string Action => "destroy";
        private protected override string Description => "Destroy";
    }
}
