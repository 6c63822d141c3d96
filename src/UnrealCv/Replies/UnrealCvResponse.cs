using System;
using System.Text;
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

        public override string ToString() => Text ?? $"<{Bytes!.Length} bytes>";
    }
}
