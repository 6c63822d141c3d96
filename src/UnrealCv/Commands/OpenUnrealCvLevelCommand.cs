using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Opens a level (<c>vset /action/game/level &lt;map&gt;</c>: UGameplayStatics::OpenLevel). The plugin answers <c>ok</c>
    /// before the map has loaded, whatever the name.
    /// </summary>
    [Cmdlet(VerbsCommon.Open, "UnrealCvLevel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class OpenUnrealCvLevelCommand : UnrealCvGameCmdlet
    {
        /// <summary>The map's name, e.g. as vget /level/name reports it (one token: no blanks).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[^\s]+$")]
        public string Name { get; set; } = "";

        private protected override void Act(UnrealCvSession session)
        {
            string command = "vset /action/game/level " + Name;
            Reader.Act(session, GameTarget, $"Open level '{Name}' ({command})", new[] { command }, null);
        }
    }
}
