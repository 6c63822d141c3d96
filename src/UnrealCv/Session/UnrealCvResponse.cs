using System;
using System.Threading;
using UnrealCv.Session;

namespace UnrealCv.Replies
{
    /// <summary>
    /// The outcome of one request, with where it came from, so responses can pipe on to other cmdlets: the server's
    /// reply, or, when no reply could be had (timeout, broken session, refused command), the failure in its place.
    /// It carries its session, so it sits in the session layer; its namespace stays that of the reply values it is read with.
    /// </summary>
    public sealed class UnrealCvResponse
    {
        /// <summary>The id a server error reply has in <see cref="Failure"/>, as its error record does.</summary>
        public const string ServerErrorId = "UnrealCvServerError";

        private readonly ReplyShape _shape;
        private readonly string? _failureMessage;

        internal UnrealCvResponse(UnrealCvSession session, int requestId, string command, string? text, byte[]? bytes, TimeSpan duration)
            : this(session, requestId, command, ReplyShape.Of(command), text, bytes, duration)
        {
        }

        internal UnrealCvResponse(UnrealCvSession session, int requestId, string command, ReplyShape shape, string? text, byte[]? bytes, TimeSpan duration)
        {
            Session = session;
            RequestId = requestId;
            Command = command;
            _shape = shape;
            Text = text;
            Bytes = bytes;
            Duration = duration;
            if (ErrorReply.Is(text)) Failure = ServerErrorId;
        }

        private UnrealCvResponse(UnrealCvSession session, int requestId, string command, TimeSpan duration, string failure, string message)
        {
            Session = session;
            RequestId = requestId;
            Command = command;
            Duration = duration;
            Failure = failure;
            _failureMessage = message;
            _parsed = new ParsedReply(null, null);
        }

        /// <summary>The stand-in for a reply that never came: no Text, Bytes or Value; the failure's error id and message.</summary>
        internal static UnrealCvResponse Failed(UnrealCvSession session, int requestId, string command, TimeSpan duration, string errorId, string message) =>
            new UnrealCvResponse(session, requestId, command, duration, errorId, message);

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;
        /// <summary>The request id; 0 when the request was refused before it got one (an invalid command, a send that could not start).</summary>
        public int RequestId { get; }
        public string Command { get; }

        /// <summary>The reply body as text (null for a binary reply, and when no reply came).</summary>
        public string? Text { get; }

        /// <summary>The reply body as bytes, for image and array commands (null for text replies, and when no reply came).</summary>
        public byte[]? Bytes { get; }

        public bool IsBinary => Bytes != null;

        /// <summary>True when the request failed: the server answered <c>error …</c>, or no reply came (see <see cref="Failure"/>).</summary>
        public bool IsError => Failure != null;

        /// <summary>
        /// Null for a reply that is no error; <c>UnrealCvServerError</c> when the server answered <c>error …</c>; otherwise
        /// the id of the error record written for the failure: <c>UnrealCvTimeout</c>, <c>UnrealCvSessionBroken</c>,
        /// <c>UnrealCvSessionClosed</c>, <c>UnrealCvInvalidCommand</c>, ….
        /// </summary>
        public string? Failure { get; }

        /// <summary>The server's error message without the <c>error </c> prefix, or the client-side failure's message; null on success.</summary>
        public string? ErrorMessage => _failureMessage ?? ErrorReply.MessageOf(Text);

        /// <summary>Time from sending the request to receiving its whole reply.</summary>
        public TimeSpan Duration { get; }

        private ParsedReply? _parsed;

        /// <summary>
        /// The reply as a typed value, parsed on first use by the shape of the command: an
        /// <see cref="UnrealCvVector"/>, <see cref="UnrealCvRotator"/>, <see cref="UnrealCvColor"/>,
        /// <see cref="UnrealCvBounds"/>, <see cref="UnrealCvSize"/>, <see cref="UnrealCvStatus"/>, a string[] of names,
        /// a bool, a double, an <see cref="UnrealCvImage"/> or an <see cref="UnrealCvDepthArray"/>. For an error reply or a
        /// command whose reply shape is unknown it is <see cref="Text"/> (or <see cref="Bytes"/> for unknown binary
        /// replies); null when no reply came. Never throws: when a reply of known shape does not parse, it is the raw reply and
        /// <see cref="ParseError"/> says why.
        /// </summary>
        public object? Value => Parsed.Value;

        /// <summary>Why a reply of known shape could not be parsed into <see cref="Value"/>; null when it was, or when the shape is unknown.</summary>
        public string? ParseError => Parsed.Error;

        // Parsed once; two threads racing on first use would parse twice and keep one result, which is harmless.
        private ParsedReply Parsed => _parsed ?? LazyInitializer.EnsureInitialized(ref _parsed, () => ReplyParser.Parse(_shape, Command, Text, Bytes))!;

        public override string ToString() => Text ?? (Bytes != null ? $"<{Bytes.Length} bytes>" : $"<{Failure}: {_failureMessage}>");
    }
}
