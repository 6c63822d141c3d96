using System;
using System.Management.Automation;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of every cmdlet: Ctrl+C (StopProcessing, called on another thread) only cancels a token that
    /// every wait honours; errors get stable ids. All output stays on the pipeline thread.
    /// </summary>
    public abstract class UnrealCvCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        protected CancellationToken Cancellation => _cancel.Token;

        internal SessionRegistry Registry => SessionRegistry.Current;

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>The stable error id and category of each client failure.</summary>
        internal static (string Id, ErrorCategory Category) Describe(ClientFault fault) => fault switch
        {
            ClientFault.ConnectFailed => ("UnrealCvConnectFailed", ErrorCategory.ConnectionError),
            ClientFault.NoWelcome => ("UnrealCvNoWelcome", ErrorCategory.OperationTimeout),
            ClientFault.ProtocolViolation => ("UnrealCvProtocolViolation", ErrorCategory.ProtocolError),
            ClientFault.Timeout => ("UnrealCvTimeout", ErrorCategory.OperationTimeout),
            ClientFault.SessionBroken => ("UnrealCvSessionBroken", ErrorCategory.ResourceUnavailable),
            ClientFault.SessionClosed => ("UnrealCvSessionClosed", ErrorCategory.ResourceUnavailable),
            ClientFault.InvalidCommand => ("UnrealCvInvalidCommand", ErrorCategory.InvalidArgument),
            ClientFault.UnsafeSocketPath => ("UnrealCvUnsafeSocketPath", ErrorCategory.SecurityError),
            ClientFault.NotSupported => ("UnrealCvTransportNotSupported", ErrorCategory.NotImplemented),
            ClientFault.SessionSwitching => ("UnrealCvSessionSwitching", ErrorCategory.ResourceBusy),
            _ => ("UnrealCvError", ErrorCategory.NotSpecified),
        };

        internal static ErrorRecord ToErrorRecord(ClientException e, object? target)
        {
            (string id, ErrorCategory category) = Describe(e.Fault);
            return new ErrorRecord(e, id, category, target);
        }

        internal static ErrorRecord NewError(string message, string id, ErrorCategory category, object? target, Exception? inner = null) =>
            new ErrorRecord(new InvalidOperationException(message, inner), id, category, target);

        /// <summary>The current session of this runspace, or a terminating UnrealCvNoSession error.</summary>
        internal UnrealCvSession ResolveSession(UnrealCvSession? given)
        {
            UnrealCvSession? session = given ?? Registry.CurrentSession;
            if (session == null)
                ThrowTerminatingError(NewError("There is no current UnrealCV session in this runspace. Connect first with Connect-UnrealCv (or pass -Session).",
                    "UnrealCvNoSession", ErrorCategory.InvalidOperation, null));
            return session!;
        }

        /// <summary>Called by PowerShell when the command ends, however it ends (also after Ctrl+C or a terminating error).</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _cancel.Dispose();
        }
    }
}
