using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Reads objects of the game world: names matched (wildcards, case-insensitive) against <c>vget /objects</c>,
    /// then location, rotation, scale and colour of every match, all pipelined. Piped sessions are each read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvObject")]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class GetUnrealCvObjectCommand : UnrealCvSceneListCmdlet
    {
        /// <summary>Object names; wildcards allowed, case-insensitive. Default: every object.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.ObjectNameCompleter))]
        public string[] Name { get; set; } = { "*" };

        private protected override string ListCommand => "vget /objects";

        private protected override void ReadListed(UnrealCvSession session, string[] names)
        {
            foreach (string name in Select(session, names)) Reader.ReadObject(session, name, WriteObject);
        }

        /// <summary>The listed names matching -Name, in list order per pattern, each once; a plain name that matches nothing is an error.</summary>
        private IEnumerable<string> Select(UnrealCvSession session, string[] listed) =>
            MatchNames(listed, name => name, Name, pattern => NewError(
                $"There is no object named '{pattern}' on {session.Name}. Get-UnrealCvObject without -Name lists them all; names are those of 'vget /objects'.",
                "UnrealCvObjectNotFound", ErrorCategory.ObjectNotFound, pattern));
    }
}
