using System;
using System.Net.Sockets;
using UnrealCv.Wire;

namespace UnrealCv.Simulator.Server
{
    /// <summary>
    /// Cuts request frames out of large socket reads: one receive takes every request a pipelining client has sent
    /// so far. Each header is checked as soon as its 8 bytes are in (bad magic, an empty frame or one past the limit
    /// throw <see cref="WireException"/>), exactly when a reader of one frame at a time would check it.
    /// </summary>
    internal sealed class FrameCutter
    {
        internal const int ReadSize = 64 * 1024;

        private readonly long _maxPayloadBytes;
        private byte[] _small;
        private byte[] _buffer;
        private int _start;
        private int _end;

        public FrameCutter(long maxPayloadBytes)
        {
            _maxPayloadBytes = maxPayloadBytes;
            _small = new byte[ReadSize];
            _buffer = _small;
        }

        /// <summary>Reads what the socket has (blocking for at least a byte); false when the peer has closed its side.</summary>
        public bool Receive(Socket socket)
        {
            MakeRoom();
            int n = socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
            if (n <= 0) return false;
            _end += n;
            return true;
        }

        /// <summary>The next whole frame's payload, if one has been read; false when more bytes are needed.</summary>
        public bool Next(out byte[] buffer, out int offset, out int length)
        {
            buffer = _buffer;
            offset = 0;
            length = 0;
            if (_end - _start < Frame.HeaderSize) return false;
            int payload = Frame.ReadHeader(_buffer, _start, _maxPayloadBytes);
            if (_end - _start - Frame.HeaderSize < payload) return false;
            offset = _start + Frame.HeaderSize;
            length = payload;
            _start = offset + payload;
            return true;
        }

        /// <summary>Moves a partial frame to the front; a frame larger than the read buffer gets a buffer of its own until it is whole.</summary>
        private void MakeRoom()
        {
            int partial = _end - _start;
            int needed = ReadSize;
            if (partial >= Frame.HeaderSize) needed = Math.Max(needed, Frame.HeaderSize + Frame.ReadHeader(_buffer, _start, _maxPayloadBytes));
            byte[] target = needed <= _small.Length ? _small : (_buffer.Length >= needed ? _buffer : new byte[needed]);
            if (_start > 0 || target != _buffer) Buffer.BlockCopy(_buffer, _start, target, 0, partial);
            _buffer = target;
            _start = 0;
            _end = partial;
        }
    }
}
