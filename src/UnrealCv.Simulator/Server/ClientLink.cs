using System;
using System.Collections.Generic;
using System.Globalization;
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

        public void SendMessage(string text) => Send(null, Encoding.UTF8.GetBytes(text));

        public void SendReply(int id, Reply reply)
        {
            Send(Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture) + ":"), reply.Body);
        }

        /// <summary>Header, id prefix and body in one gathered write: an image is never copied into a second buffer.</summary>
        private void Send(byte[]? prefix, byte[] body)
        {
            int prefixLength = prefix?.Length ?? 0;
            var header = new byte[Frame.HeaderSize];
            Frame.WriteHeader(header, 0, prefixLength + body.Length);
            var segments = new List<ArraySegment<byte>>(3) { new ArraySegment<byte>(header) };
            if (prefix != null) segments.Add(new ArraySegment<byte>(prefix));
            segments.Add(new ArraySegment<byte>(body));
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
