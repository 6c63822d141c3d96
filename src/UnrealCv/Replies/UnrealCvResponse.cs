using System;
using System.Text;
using System.Threading;
using UnrealCv.Session;

namespace UnrealCv.Replies
{
    /// <summary>The reply to one request, with where it came from, so responses can pipe on to other cmdlets.</summary>
    public sealed class UnrealCvResponse
    {
        internal UnrealCvResponse(UnrealCvSession session, int requestId, string command, string? text, byte[]? bytes, TimeSpan duration)
        {
            Session = session;
            RequestId = requestId;
            Command = command;
            Text = text;
            Bytes = bytes;
            Duration = duration;
        }

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;
        public int RequestId { get; }
        public string Command { get; }

        /// <summary>The reply body as text (null for a binary reply).</summary>
        public string? Text { get; }

        /// <summary>The reply body as bytes, for image and array commands (null for text replies).</summary>
        public byte[]? Bytes { get; }

        public bool IsBinary => Bytes != null;

        /// <summary>True when the server answered <c>error …</c>.</summary>
        public bool IsError => Text != null && Text.StartsWith("error", StringComparison.Ordinal) && (Text.Length == 5 || Text[5] == ' ');

        /// <summary>The server's error message without the <c>error </c> prefix.</summary>
        public string? ErrorMessage => IsError ? (Text!.Length > 6 ? Text.Substring(6) : "") : null;

        /// <summary>Time from sending the request to receiving its whole reply.</summary>
        public TimeSpan Duration { get; }

        private ParsedReply? _parsed;

        /// <summary>
        /// The reply as a typed value, parsed on first use by the shape of the command: an
        /// <see cref="UnrealCvVector"/>, <see cref="UnrealCvRotator"/>, <see cref="UnrealCvColor"/>,
        /// <see cref="UnrealCvBounds"/>, <see cref="UnrealCvSize"/>, <see cref="UnrealCvStatus"/>, a string[] of names,
        /// a bool, a double, an <see cref="UnrealCvImage"/> or an <see cref="UnrealCvDepthArray"/>. For an error reply or a
        /// command whose reply shape is unknown it is <see cref="Text"/> (or <see cref="Bytes"/> for unknown binary
        /// replies). Never throws: when a reply of known shape does not parse, it is the raw reply and
        /// <see cref="ParseError"/> says why.
        /// </summary>
        public object? Value => Parsed.Value;

        /// <summary>Why a reply of known shape could not be parsed into <see cref="Value"/>; null when it was, or when the shape is unknown.</summary>
        public string? ParseError => Parsed.Error;

        // Parsed once; two threads racing on first use would parse twice and keep one result, which is harmless.
        private ParsedReply Parsed => _parsed ?? LazyInitializer.EnsureInitialized(ref _parsed, () => ReplyParser.Parse(Command, Text, Bytes))!;

        public override string ToString() => Text ?? $"<{Bytes!.Length} bytes>";
    }
}
