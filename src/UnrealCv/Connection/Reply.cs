using System;
using UnrealCv.Replies;

namespace UnrealCv.Connection
{
    /// <summary>A reply that came, as its waiter takes it: nothing in it is shared with the pooled request it came through.</summary>
    internal readonly struct Reply
    {
        public Reply(int id, string command, ReplyShape shape, string? text, byte[]? bytes, TimeSpan elapsed)
        {
            Id = id;
            Command = command;
            Shape = shape;
            Text = text;
            Bytes = bytes;
            Elapsed = elapsed;
        }

        public int Id { get; }
        public string Command { get; }
        public ReplyShape Shape { get; }

        /// <summary>The body as text, for text commands (and a binary command's text fall-back).</summary>
        public string? Text { get; }

        /// <summary>The body as bytes, for image and array commands.</summary>
        public byte[]? Bytes { get; }

        /// <summary>From sending to the reply's arrival.</summary>
        public TimeSpan Elapsed { get; }
    }
}
