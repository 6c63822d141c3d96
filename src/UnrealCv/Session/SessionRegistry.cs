using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using UnrealCv.Simulator;

namespace UnrealCv.Session
{
    /// <summary>
    /// The sessions and simulators of one runspace, and which session is current. Keyed by runspace so that
    /// parallel runspaces never see or clobber each other's list (no global variables, no shared statics
    /// besides this weak table).
    /// </summary>
    internal sealed class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, SessionRegistry> s_byRunspace = new ConditionalWeakTable<Runspace, SessionRegistry>();
        private readonly object _lock = new object();
        private readonly List<UnrealCvSession> _sessions = new List<UnrealCvSession>();
        private readonly List<UnrealCvSimulator> _simulators = new List<UnrealCvSimulator>();
        private readonly List<Launch.UnrealCvBinary> _binaries = new List<Launch.UnrealCvBinary>();

        /// <summary>The registry of the runspace running the calling pipeline.</summary>
        public static SessionRegistry Current => s_byRunspace.GetValue(Runspace.DefaultRunspace, ForRunspace);

        /// <summary>
        /// A new registry that stops its binaries when the runspace closes or breaks. Only the binaries: an in-process
        /// simulator and the sessions live in this process, and a thread job that started a simulator for others to
        /// use ends its runspace while they still do.
        /// </summary>
        private static SessionRegistry ForRunspace(Runspace runspace)
        {
            var registry = new SessionRegistry();
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closing || e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken)
                    registry.StopBinaries();
            };
            return registry;
        }

        public UnrealCvSession? CurrentSession { get; private set; }

        public IReadOnlyList<UnrealCvSession> Sessions
        {
            get { lock (_lock) return _sessions.ToList(); }
        }

        public void Add(UnrealCvSession session)
        {
            lock (_lock)
            {
                _sessions.Add(session);
                CurrentSession = session;
            }
        }

        public void Remove(UnrealCvSession session)
        {
            lock (_lock)
            {
                _sessions.Remove(session);
                if (ReferenceEquals(CurrentSession, session)) CurrentSession = null; // never switch silently to another binary
            }
        }

        public IReadOnlyList<UnrealCvSimulator> Simulators
        {
            get { lock (_lock) return _simulators.ToList(); }
        }

        public void AddSimulator(UnrealCvSimulator simulator)
        {
            lock (_lock) _simulators.Add(simulator);
        }

        public void RemoveSimulator(UnrealCvSimulator simulator)
        {
            lock (_lock) _simulators.Remove(simulator);
        }

        public IReadOnlyList<Launch.UnrealCvBinary> Binaries
        {
            get { lock (_lock) return _binaries.ToList(); }
        }

        public void AddBinary(Launch.UnrealCvBinary binary)
        {
            lock (_lock) _binaries.Add(binary);
        }

        public void RemoveBinary(Launch.UnrealCvBinary binary)
        {
            lock (_lock) _binaries.Remove(binary);
        }

        /// <summary>
        /// Closes every session and stops every simulator and binary of this runspace (module removal, the runspace
        /// closing); binaries started with -KeepRunning are left running.
        /// </summary>
        public void CloseAll()
        {
            foreach (UnrealCvSession session in Sessions)
            {
                session.Close();
                Remove(session);
            }
            foreach (UnrealCvSimulator simulator in Simulators)
            {
                simulator.Stop();
                RemoveSimulator(simulator);
            }
            StopBinaries();
        }

        /// <summary>Stops this runspace's binaries, but not those started with -KeepRunning, and forgets them all.</summary>
        public void StopBinaries()
        {
            foreach (Launch.UnrealCvBinary binary in Binaries)
            {
                RemoveBinary(binary);
                if (binary.KeepRunning) continue;
                if (binary.Session is UnrealCvSession session)
                {
                    session.Close();
                    Remove(session);
                }
                Launch.BinaryLauncher.Stop(binary, TimeSpan.FromSeconds(2));
                Launch.BinaryLauncher.RemoveSocketFile(binary);
            }
        }
    }
}
