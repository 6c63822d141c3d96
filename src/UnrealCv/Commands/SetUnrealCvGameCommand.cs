using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Sets the game's time dilation (<c>vrun slomo &lt;x&gt;</c>) and frame limit (<c>vrun t.MaxFPS &lt;n&gt;</c>): console
    /// commands, which the plugin runs through the player controller and always answers <c>ok</c>. Neither can be read back.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "UnrealCvGame", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvGame))]
    public sealed class SetUnrealCvGameCommand : UnrealCvGameCmdlet
    {
        private readonly List<string> _commands = new List<string>();

        /// <summary>Game time per real time (slomo): 1 is normal, 0.5 half speed; the engine clamps it to 0.0001-20.</summary>
        [Parameter]
        [ValidateRange(0.0001, 20.0)]
        public double TimeDilation { get; set; }

        /// <summary>Frames per second at most (t.MaxFPS); 0 removes the limit.</summary>
        [Parameter]
        [ValidateRange(0.0, 10000.0)]
        public double MaxFps { get; set; }

        /// <summary>Writes the game, read back once the commands answered ok.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeDilation))) _commands.Add("vrun slomo " + CommandText.Number(TimeDilation));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxFps))) _commands.Add("vrun t.MaxFPS " + CommandText.Number(MaxFps));
            if (_commands.Count == 0)
                ThrowTerminatingError(SceneChanges.NothingToSet("-TimeDilation or -MaxFps", "Set-UnrealCvGame -TimeDilation 0.5"));
            base.BeginProcessing();
        }

        private protected override void Act(UnrealCvSession session) =>
            Change(session, "Run " + string.Join(", ", _commands), _commands, PassThru);
    }
}
