using System;

namespace UnrealCv.Connection
{
    /// <summary>A frame the server sent on its own (without a request id): the welcome, or a Blueprint's SendMessageBP.</summary>
    public sealed class ServerMessage
    {
        internal ServerMessage(int sessionId, string text, DateTime receivedAt)
        {
            SessionId = sessionId;
            Text = text;
            ReceivedAt = receivedAt;
        }

        public int SessionId { get; }
        public string Text { get; }
        public DateTime ReceivedAt { get; }

        public override string ToString() => Text;
    }
}
