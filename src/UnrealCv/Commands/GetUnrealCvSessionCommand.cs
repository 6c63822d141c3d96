using System.Linq;
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

        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public int[] Id { get; set; } = System.Array.Empty<int>();

        /// <summary>Only the current session.</summary>
        [Parameter(ParameterSetName = "Current")]
        public SwitchParameter Current { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = Registry.Sessions;
            if (Current)
            {
                if (Registry.CurrentSession != null) WriteObject(Registry.CurrentSession);
                return;
            }
            if (ParameterSetName == IdSet)
            {
                foreach (int id in Id)
                {
                    UnrealCvSession? match = sessions.FirstOrDefault(s => s.Id == id);
                    if (match != null) WriteObject(match);
                    else WriteError(NewError($"No session with Id {id} in this runspace. Get-UnrealCvSession lists them.", "UnrealCvSessionNotFound", ErrorCategory.ObjectNotFound, id));
                }
                return;
            }
            if (Name == null)
            {
                WriteObject(sessions, enumerateCollection: true);
                return;
            }
            foreach (string name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matches = sessions.Where(s => pattern.IsMatch(s.Name)).ToList();
                WriteObject(matches, enumerateCollection: true);
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteError(NewError($"No session named '{name}' in this runspace. Get-UnrealCvSession lists them.", "UnrealCvSessionNotFound", ErrorCategory.ObjectNotFound, name));
            }
        }
    }
}
