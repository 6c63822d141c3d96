using System.Management.Automation;
using UnrealCv.State;

namespace UnrealCv
{
    /// <summary>Remove-Module closes this runspace's sessions and stops its simulators and binaries.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleState.Current.CloseAll();
    }
}
