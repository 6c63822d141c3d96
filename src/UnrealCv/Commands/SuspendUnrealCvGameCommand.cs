using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Pauses the game (<c>vset /action/game/pause</c>: SetPause(true) on the first player controller).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "UnrealCvGame", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvGame))]
    public sealed class SuspendUnrealCvGameCommand : UnrealCvGameCmdlet
    {
        internal const string Command = "vset /action/game/pause";

        /// <summary>Writes the game, read back once the pause answered ok.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Act(UnrealCvSession session) => Change(session, "Pause (" + Command + ")", new[] { Command }, PassThru);
    }
}
