using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Resumes a paused game (<c>vset /action/game/resume</c>: SetPause(false) on the first player controller).</summary>
    [Cmdlet(VerbsLifecycle.Resume, "UnrealCvGame", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvGame))]
    public sealed class ResumeUnrealCvGameCommand : UnrealCvGameCmdlet
    {
        internal const string Command = "vset /action/game/resume";

        /// <summary>Writes the game, read back once the resume answered ok.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Act(UnrealCvSession session) => Change(session, "Resume (" + Command + ")", new[] { Command }, PassThru);
    }
}
