using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Presses keys in the game (<c>vset /action/keyboard &lt;key&gt; &lt;seconds&gt;</c>): the plugin feeds the key to the first
    /// player controller as pressed and sets a game-time timer that releases it after the given seconds. Several keys are
    /// sent together, so they are pressed in the same frame.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "UnrealCvKey", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SendUnrealCvKeyCommand : UnrealCvGameCmdlet
    {
        private readonly List<string> _commands = new List<string>();

        /// <summary>UE key names (FKey), e.g. W, SpaceBar, LeftShift, Up; compared without regard to case.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[^\s]+$")]
        public string[] Key { get; set; } = System.Array.Empty<string>();

        /// <summary>How long, in seconds of game time, each key stays pressed.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0.001, 86400.0)]
        public double Seconds { get; set; } = 0.1;

        protected override void BeginProcessing()
        {
            foreach (string key in Key) _commands.Add("vset /action/keyboard " + key + " " + CommandText.Number(Seconds));
            base.BeginProcessing();
        }

        private protected override void Act(UnrealCvSession session) =>
            Reader.Act(session, GameTarget, $"Press {string.Join(", ", Key)} for {CommandText.Number(Seconds)} s ({string.Join(", ", _commands)})", _commands, null);
    }
}
