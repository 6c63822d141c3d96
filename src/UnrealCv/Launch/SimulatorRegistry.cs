using System.Collections.Generic;
using System.Linq;
using UnrealCv.Simulator;

namespace UnrealCv.Launch
{
    /// <summary>The in-process simulators one runspace started.</summary>
    internal sealed class SimulatorRegistry
    {
        private readonly object _lock = new object();
        private readonly List<UnrealCvSimulator> _simulators = new List<UnrealCvSimulator>();

        public IReadOnlyList<UnrealCvSimulator> All
        {
            get { lock (_lock) return _simulators.ToList(); }
        }

        public void Add(UnrealCvSimulator simulator)
        {
            lock (_lock) _simulators.Add(simulator);
        }

        /// <summary>Stops the simulator (its port and socket file are free again) and forgets it.</summary>
        public void Stop(UnrealCvSimulator simulator)
        {
            simulator.Stop();
            lock (_lock) _simulators.Remove(simulator);
        }

        public void StopAll()
        {
            foreach (UnrealCvSimulator simulator in All) Stop(simulator);
        }
    }
}
