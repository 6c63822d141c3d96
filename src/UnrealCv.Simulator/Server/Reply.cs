using System;
using System.Text;

namespace UnrealCv.Simulator.Server
{
    /// <summary>What a command answers: text (sent as UTF-8) or raw bytes (an image, an array).</summary>
    internal readonly struct Reply
    {
        private Reply(string? text, byte[]? bytes)
        {
            Text = text;
            Bytes = bytes;
        }

        public string? Text { get; }
        public byte[]? Bytes { get; }

        public static Reply Ok { get; } = new Reply("ok", null);

        /// <summary>A text answer; an empty one is sent as <c>ok</c> (FExecStatus::GetMessage).</summary>
        public static Reply OfText(string text) => text.Length == 0 ? Ok : new Reply(text, null);

        /// <summary>The plugin's <c>error &lt;message&gt;</c> reply.</summary>
        public static Reply Error(string message) => new Reply("error " + message, null);

        /// <summary>Binary data; an empty capture degrades to <c>ok</c> as in the plugin.</summary>
        public static Reply OfBytes(byte[] bytes) => bytes.Length == 0 ? Ok : new Reply(null, bytes);

        /// <summary>The body bytes as sent after <c>&lt;id&gt;:</c>.</summary>
        public byte[] Body => Bytes ?? Encoding.UTF8.GetBytes(Text ?? "");

        /// <summary>The length of <see cref="Body"/>, without making it.</summary>
        public int BodyLength => Bytes?.Length ?? Encoding.UTF8.GetByteCount(Text ?? "");

        /// <summary>Writes <see cref="Body"/> at <paramref name="offset"/> (room for <see cref="BodyLength"/> bytes) and returns the offset past it.</summary>
        public int WriteBody(byte[] buffer, int offset)
        {
            if (Bytes != null)
            {
                Buffer.BlockCopy(Bytes, 0, buffer, offset, Bytes.Length);
                return offset + Bytes.Length;
            }
            string text = Text ?? "";
            return offset + Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, offset);
        }
    }
}
