using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Lists the sessions of this runspace, optionally by id or by name (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvSession", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class GetUnrealCvSessionCommand : UnrealCvCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";
        private const string CurrentSet = "Current";

        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public int[] Id { get; set; } = System.Array.Empty<int>();

        /// <summary>Only the current session (the one Invoke-UnrealCvRequest uses without -Session).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CurrentSet)]
        public SwitchParameter Current { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case CurrentSet:
                    if (ModuleState.Sessions.Current != null) WriteObject(ModuleState.Sessions.Current);
                    break;
                case IdSet:
                    WriteObject(SelectById(Id), enumerateCollection: true);
                    break;
                default:
                    WriteObject(Name == null ? ModuleState.Sessions.All : SelectByName(Name), enumerateCollection: true);
                    break;
            }
        }
    }
}
