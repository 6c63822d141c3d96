using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using UnrealCv.Launch;
using UnrealCv.Session;

namespace UnrealCv.State
{
    /// <summary>
    /// Everything the module keeps for one runspace: its sessions (and the current one), simulators and binaries,
    /// each registry cleaning up what it holds. Keyed by runspace, so parallel runspaces never see or clobber each
    /// other's; the weak table is the only static.
    /// </summary>
    internal sealed class ModuleState
    {
        private static readonly ConditionalWeakTable<Runspace, ModuleState> s_byRunspace = new ConditionalWeakTable<Runspace, ModuleState>();

        private ModuleState()
        {
            Sessions = new SessionRegistry();
            Simulators = new SimulatorRegistry();
            Binaries = new BinaryRegistry(Sessions);
        }

        /// <summary>The state of the runspace running the calling pipeline.</summary>
        public static ModuleState Current => s_byRunspace.GetValue(Runspace.DefaultRunspace, ForRunspace);

        public SessionRegistry Sessions { get; }
        public SimulatorRegistry Simulators { get; }
        public BinaryRegistry Binaries { get; }

        /// <summary>
        /// A new state whose binaries are stopped when the runspace closes or breaks. Only the binaries: an in-process
        /// simulator and the sessions live in this process, and a thread job that started a simulator for others to
        /// use ends its runspace while they still do.
        /// </summary>
        private static ModuleState ForRunspace(Runspace runspace)
        {
            var state = new ModuleState();
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closing || e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken)
                    state.Binaries.StopAll();
            };
            return state;
        }

        /// <summary>
        /// Module removal: the clients leave first (sessions closed), then what they talked to stops (simulators, and
        /// binaries not started with -KeepRunning).
        /// </summary>
        public void CloseAll()
        {
            Sessions.CloseAll();
            Simulators.StopAll();
            Binaries.StopAll();
        }
    }
}
