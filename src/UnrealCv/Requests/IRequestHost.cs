using System.Management.Automation;
using System.Threading;

namespace UnrealCv.Requests
{
    /// <summary>What a run of requests needs from the command that runs it: its streams, and its Ctrl+C.</summary>
    internal interface IRequestHost
    {
        /// <summary>Cancelled by Ctrl+C; every send and wait honours it.</summary>
        CancellationToken Cancellation { get; }

        /// <summary>True when verbose output is wanted (checked once, to keep tracing free otherwise).</summary>
        bool IsVerbose { get; }

        /// <summary>The command's name, the activity of its progress bar.</summary>
        string CommandName { get; }

        void WriteVerbose(string text);
        void WriteWarning(string text);
        void WriteError(ErrorRecord errorRecord);
        void WriteProgress(ProgressRecord progressRecord);
    }
}
