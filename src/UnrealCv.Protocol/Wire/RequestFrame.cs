using System;

namespace UnrealCv.Wire
{
    /// <summary>
    /// A request as it goes on the wire: one frame whose payload is <c>&lt;id&gt;:&lt;command&gt;</c>, the command in ASCII.
    /// Read back with <see cref="FrameReader"/> and <see cref="MessagePrefix.TryParse"/>.
    /// </summary>
    internal static class RequestFrame
    {
        /// <summary>
        /// Writes the whole frame from the start of <paramref name="buffer"/>, replacing the buffer by a larger one when it
        /// is too small (so a sender can keep one buffer), and returns the frame's length.
        /// </summary>
        public static int Write(ref byte[] buffer, int id, string command)
        {
            int longest = Frame.HeaderSize + MessagePrefix.MaxLength + command.Length;
            if (buffer.Length < longest) buffer = new byte[Math.Max(longest, buffer.Length * 2)];
            int pos = MessagePrefix.Write(buffer, Frame.HeaderSize, id);
            foreach (char c in command)
            {
                if (c > 0x7F) throw new ArgumentException($"A command goes on the wire as ASCII; '{command}' contains U+{(int)c:X4}.", nameof(command));
                buffer[pos++] = (byte)c;
            }
            Frame.WriteHeader(buffer, 0, pos - Frame.HeaderSize);
            return pos;
        }

        /// <summary>The frame as a new array of exactly its length.</summary>
        public static byte[] Encode(int id, string command)
        {
            var buffer = Array.Empty<byte>();
            int length = Write(ref buffer, id, command);
            Array.Resize(ref buffer, length);
            return buffer;
        }
    }
}
