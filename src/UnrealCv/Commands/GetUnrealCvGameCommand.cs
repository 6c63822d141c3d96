using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Reads the level name (<c>vget /level/name</c>) and the pause state (<c>vget /action/game/is_paused</c>) of each session's game.</summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvGame")]
    [OutputType(typeof(UnrealCvGame))]
    public sealed class GetUnrealCvGameCommand : UnrealCvGameCmdlet
    {
        private protected override void Act(UnrealCvSession session) => Reader.ReadGame(session, WriteObject);
    }
}
