using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Base of the cmdlets that act on sessions: those given with -Session, else this runspace's current session.</summary>
    public abstract class UnrealCvSessionCmdlet : UnrealCvCmdlet
    {
        /// <summary>The sessions to act on; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public virtual UnrealCvSession[]? Session { get; set; }

        /// <summary>The sessions given, or the current one (a terminating UnrealCvNoSession error when there is none).</summary>
        internal UnrealCvSession[] TargetSessions() => Session ?? new[] { ResolveSession(null) };
    }
}
