using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Lets a paused game run for about <see cref="Count"/> frames, then pauses it again. The 4.27-stable plugin has no
    /// frame step (nor has a packaged UE 4.27 game a console command for one), so this is built from what it has: the
    /// plugin runs queued requests once per frame, after the world's tick, so a request sent only after the previous
    /// reply arrived normally runs on a later frame. So: <c>vset /action/game/resume</c>, then <c>Count - 1</c> round trips
    /// of <c>vget /action/game/is_paused</c>, each sent after the previous reply, then <c>vset /action/game/pause</c>. The
    /// world normally ticks at least <c>Count</c> times in between, more when a round trip takes longer than a frame, and
    /// fewer when the game thread is held up right after a reply (it then runs a request that arrived meanwhile in the
    /// same frame, ProcessPendingRequest).
    /// </summary>
    [Cmdlet(VerbsCommon.Step, "UnrealCvGame", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvGame))]
    public sealed class StepUnrealCvGameCommand : UnrealCvGameCmdlet
    {
        internal const string Probe = "vget /action/game/is_paused";

        private readonly List<UnrealCvSession> _sessions = new List<UnrealCvSession>();

        /// <summary>How many frames to let run: the resume, Count - 1 probe round trips, then the pause (normally a lower bound).</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1, 100000)]
        public int Count { get; set; } = 1;

        /// <summary>Writes the game, read back once it is paused again.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Act(UnrealCvSession session)
        {
            string probes = Count == 1 ? "" : string.Format(CultureInfo.InvariantCulture, "{0} x {1}, ", Count - 1, Probe);
            string action = string.Format(CultureInfo.InvariantCulture, "Run about {0} frame{1}, then pause ({2}, {3}{4})",
                Count, Count == 1 ? "" : "s", ResumeUnrealCvGameCommand.Command, probes, SuspendUnrealCvGameCommand.Command);
            if (ShouldProcess($"{GameTarget} on {session.Name}", action) && !_sessions.Contains(session)) _sessions.Add(session);
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            List<UnrealCvSession> alive = Round(_sessions, ResumeUnrealCvGameCommand.Command);
            for (int i = 1; i < Count && alive.Count > 0; i++) alive = Round(alive, Probe);
            alive = Round(alive, SuspendUnrealCvGameCommand.Command);
            if (!PassThru) return;
            foreach (UnrealCvSession session in alive) Reader.ReadGame(session, WriteObject);
            Reader.Flush();
        }

        /// <summary>Sends one command to every session still stepping and waits for all replies: those that answered ok go on.</summary>
        private List<UnrealCvSession> Round(List<UnrealCvSession> sessions, string command)
        {
            var answered = new List<UnrealCvSession>();
            foreach (UnrealCvSession session in sessions) Reader.Send(session, command, _ => answered.Add(session));
            Reader.Flush();
            return answered;
        }
    }
}
