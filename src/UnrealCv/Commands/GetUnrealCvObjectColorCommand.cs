using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// The labelling colour of every object (what its pixels are in object_mask captures): <c>vget /objects</c> and
    /// every <c>vget /object/&lt;name&gt;/color</c> in one pipelined batch, kept by the session until a request sent on
    /// it could change them (a colour set, a spawn, a destroy, a level change, any vrun); -Refresh reads them again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvObjectColor")]
    [OutputType(typeof(UnrealCvObjectColor))]
    public sealed class GetUnrealCvObjectColorCommand : UnrealCvSceneCmdlet
    {
        /// <summary>Object names; wildcards allowed, case-insensitive. Default: every object.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.ObjectNameCompleter))]
        public string[] Name { get; set; } = { "*" };

        /// <summary>Reads the colours from the game again instead of using those the session kept (another client may have changed them).</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        /// <summary>The sessions to read, piped or given; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override UnrealCvSession[]? Session { get; set; }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvSession session in TargetSessions())
                Reader.ReadColors(session, Refresh, colors =>
                {
                    foreach (var color in MatchNames(colors, c => c.Key, Name, pattern => NewError(
                        $"There is no object named '{pattern}' on {session.Name}. Get-UnrealCvObjectColor without -Name lists them all; names are those of 'vget /objects'.",
                        "UnrealCvObjectNotFound", ErrorCategory.ObjectNotFound, pattern)))
                        WriteObject(new UnrealCvObjectColor(session, color.Key, color.Value));
                });
        }
    }
}
