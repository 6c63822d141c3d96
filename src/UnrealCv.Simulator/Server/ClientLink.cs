using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;
using UnrealCv.Wire;

namespace UnrealCv.Simulator.Server
{
    /// <summary>One accepted client (TCP or Unix socket). The listener thread reads from it; the game thread writes replies.</summary>
    internal sealed class ClientLink
    {
        private readonly Socket _socket;
        private readonly object _sendLock = new object();
        private volatile bool _closed;

        public ClientLink(Socket socket, bool isUnixSocket)
        {
            _socket = socket;
            IsUnixSocket = isUnixSocket;
        }

        public bool IsUnixSocket { get; }

        public Socket Socket => _socket;

        public void SendMessage(string text) => Send(-1, Encoding.UTF8.GetBytes(text));

        public void SendReply(int id, Reply reply) => Send(id, reply.Body);

        /// <summary>Header and <c>id:</c> prefix (none for a message, id -1) in one buffer, then the body, in one gathered write: an image is never copied into a second buffer.</summary>
        private void Send(int id, byte[] body)
        {
            var head = new byte[Frame.HeaderSize + MessagePrefix.MaxLength];
            int headLength = id < 0 ? Frame.HeaderSize : MessagePrefix.Write(head, Frame.HeaderSize, id);
            Frame.WriteHeader(head, 0, headLength - Frame.HeaderSize + body.Length);
            var segments = new List<ArraySegment<byte>>(2) { new ArraySegment<byte>(head, 0, headLength), new ArraySegment<byte>(body) };
            lock (_sendLock)
            {
                if (_closed) return;
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

        public void Close()
        {
            lock (_sendLock)
            {
                if (_closed) return;
                _closed = true;
            }
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            _socket.Dispose();
        }
    }
}
