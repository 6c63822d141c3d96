using System;
using System.Management.Automation;
using UnrealCv.Common;

namespace UnrealCv.Requests
{
    /// <summary>
    /// The one table of the module's error ids for client failures, and the one way its error records are built, shared by
    /// the cmdlets and the layers that report through them (requests, scene reads).
    /// </summary>
    internal static class ErrorRecords
    {
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
            ClientFault.SwitchRefused => ("UnrealCvSwitchRefused", ErrorCategory.ResourceUnavailable),
            _ => ("UnrealCvError", ErrorCategory.NotSpecified),
        };

        /// <summary>A client failure as an error record with its stable id.</summary>
        internal static ErrorRecord From(ClientException e, object? target)
        {
            (string id, ErrorCategory category) = Describe(e.Fault);
            return new ErrorRecord(e, id, category, target);
        }

        /// <summary>An error the module itself raises (bad input, nothing found), with the id and category given.</summary>
        internal static ErrorRecord New(string message, string id, ErrorCategory category, object? target, Exception? inner = null) =>
            new ErrorRecord(new InvalidOperationException(message, inner), id, category, target);
    }
}
