using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv
{
    /// <summary>Remove-Module closes this runspace's sessions and stops its simulators.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => SessionRegistry.Current.CloseAll();
    }
}
