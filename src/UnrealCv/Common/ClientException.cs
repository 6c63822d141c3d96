using System;

namespace UnrealCv.Common
{
    /// <summary>Why a client operation failed; the cmdlets turn each into a stable error id.</summary>
    internal enum ClientFault
    {
        /// <summary>Nothing listening, name not resolved, or no answer to the connect.</summary>
        ConnectFailed,
        /// <summary>Connected, but the UnrealCV welcome did not come (another client is served, or the binary is loading).</summary>
        NoWelcome,
        /// <summary>The peer does not speak UnrealCV.</summary>
        ProtocolViolation,
        /// <summary>A request got no reply within its timeout.</summary>
        Timeout,
        /// <summary>The connection failed; the session can no longer be used.</summary>
        SessionBroken,
        /// <summary>The session was closed by the user.</summary>
        SessionClosed,
        /// <summary>The command cannot be sent as given.</summary>
        InvalidCommand,
        /// <summary>A socket path is not a socket we own (squatted, a link, a file).</summary>
        UnsafeSocketPath,
        /// <summary>This platform or runtime cannot do it.</summary>
        NotSupported,
        /// <summary>The session is switching transport and takes no requests meanwhile.</summary>
        SessionSwitching,
        /// <summary>The asked-for transport cannot be reached; the session was left as it was.</summary>
        SwitchRefused,
    }

    /// <summary>A failure of the client engine, with a message that says what to do next.</summary>
    internal sealed class ClientException : Exception
    {
        public ClientException(ClientFault fault, string message, Exception? inner = null) : base(message, inner) => Fault = fault;

        public ClientFault Fault { get; }
    }
}
