using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using UnrealCv.Wire;

namespace UnrealCv.Simulator.Server
{
    /// <summary>
    /// One accepted client (TCP or Unix socket). The listener thread reads from it; the game thread writes replies.
    /// Small replies are copied into one held buffer and written together by <see cref="Flush"/> (or once the buffer
    /// is full or its first reply has waited 100 µs); whatever else
    /// writes to the socket (a large reply, a message, closing) writes the held replies first, so the bytes go out
    /// in the order the replies were computed.
    /// </summary>
    internal sealed class ClientLink
    {
        /// <summary>Held replies are written once they reach this size.</summary>
        internal const int HeldCapacity = 16 * 1024;

        /// <summary>A body past this size is never copied: it goes out at once, behind the held replies.</summary>
        internal const int LargeBody = 4 * 1024;

        /// <summary>Held replies are written once the first of them has waited this long (100 µs), even with more requests queued.</summary>
        private static readonly long MaxHoldTicks = Stopwatch.Frequency / 10_000;

        private readonly Socket _socket;
        private readonly object _sendLock = new object();
        private byte[]? _held;
        private int _heldLength;
        private long _heldSince;
        private volatile bool _closed;

        public ClientLink(Socket socket, bool isUnixSocket)
        {
            _socket = socket;
            IsUnixSocket = isUnixSocket;
        }

        public bool IsUnixSocket { get; }

        public Socket Socket => _socket;


        /// <summary>A frame without an id, written now (behind any held replies).</summary>
        public void SendMessage(string text) => SendNow(-1, Encoding.UTF8.GetBytes(text));

        /// <summary>A reply: held when small, until <see cref="Flush"/> or the next write that cannot wait.</summary>
        public void SendReply(int id, Reply reply)
        {
            int bodyLength = reply.BodyLength;
            if (bodyLength > LargeBody)
            {
                SendNow(id, reply.Body);
                return;
            }
            lock (_sendLock)
            {
                if (_closed) return;
                if (_held == null) _held = new byte[HeldCapacity];
                int frameLength = Frame.HeaderSize + MessagePrefix.MaxLength + bodyLength;
                if (_heldLength + frameLength > _held.Length) WriteHeld();
                if (_heldLength == 0) _heldSince = Stopwatch.GetTimestamp();
                int prefixEnd = MessagePrefix.Write(_held, _heldLength + Frame.HeaderSize, id);
                int end = reply.WriteBody(_held, prefixEnd);
                Frame.WriteHeader(_held, _heldLength, end - _heldLength - Frame.HeaderSize);
                _heldLength = end;
                if (Stopwatch.GetTimestamp() - _heldSince >= MaxHoldTicks) WriteHeld();
            }
        }

        /// <summary>Writes the held replies.</summary>
        public void Flush()
        {
            lock (_sendLock)
            {
                if (!_closed) WriteHeld();
            }
        }

        /// <summary>Header and <c>id:</c> prefix (none for a message, id -1) in one buffer, then the body, in one gathered write: an image is never copied into a second buffer.</summary>
        private void SendNow(int id, byte[] body)
        {
            var head = new byte[Frame.HeaderSize + MessagePrefix.MaxLength];
            int headLength = id < 0 ? Frame.HeaderSize : MessagePrefix.Write(head, Frame.HeaderSize, id);
            Frame.WriteHeader(head, 0, headLength - Frame.HeaderSize + body.Length);
            var segments = new List<ArraySegment<byte>>(2) { new ArraySegment<byte>(head, 0, headLength), new ArraySegment<byte>(body) };
            lock (_sendLock)
            {
                if (_closed) return;
                WriteHeld();
                try
                {
                    _socket.Send(segments);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    // The client left; the plugin ignores failed sends too.
                }
            }
        }

        /// <summary>Under the send lock.</summary>
        private void WriteHeld()
        {
            if (_heldLength == 0) return;
            int offset = 0;
            try
            {
                while (offset < _heldLength) offset += _socket.Send(_held!, offset, _heldLength - offset, SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                // The client left; the plugin ignores failed sends too.
            }
            _heldLength = 0;
        }

        /// <summary>Writes the held replies (computed while this client was connected, so a binary had sent them), then closes.</summary>
        public void Close()
        {
            lock (_sendLock)
            {
                if (_closed) return;
                WriteHeld();
                _closed = true;
            }
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            _socket.Dispose();
        }
    }
}
