using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using UnrealCv.Sockets;
using UnrealCv.Wire;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// The smallest possible UnrealCV client, for tests: frames over a real socket, no id bookkeeping,
    /// every read bounded by a timeout so a silent server fails a test instead of hanging it.
    /// </summary>
    internal sealed class RawClient : IDisposable
    {
        public const int DefaultTimeoutMs = 5000;
        private readonly Socket _socket;
        private readonly FrameReader _reader;
        private int _nextId;

        private RawClient(Socket socket)
        {
            _socket = socket;
            _socket.ReceiveTimeout = DefaultTimeoutMs;
            _reader = new FrameReader(new NetworkStream(socket, ownsSocket: false), 512L * 1024 * 1024);
        }

        public static RawClient Tcp(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return new RawClient(socket);
        }

        public static RawClient Unix(string path)
        {
            Socket socket = UnixSocket.CreateSocket();
            socket.Connect(UnixSocket.CreateEndPoint(path));
            return new RawClient(socket);
        }

        /// <summary>Connects over TCP and checks the welcome.</summary>
        public static RawClient Connected(UnrealCvSimulator simulator)
        {
            var client = Tcp(simulator.Port);
            client.ExpectWelcome(simulator.ProjectName);
            return client;
        }

        public void ExpectWelcome(string projectName)
        {
            string welcome = Encoding.UTF8.GetString(ReadFrame() ?? throw new InvalidOperationException("no welcome"));
            if (welcome != "connected to " + projectName) throw new InvalidOperationException("unexpected welcome: " + welcome);
        }

        public void SendPayload(string payload) => SendBytes(Frame.Encode(payload));

        public void SendBytes(byte[] bytes) => _socket.Send(bytes);

        /// <summary>Sends <c>id:command</c> with the next id and returns that id.</summary>
        public int Send(string command)
        {
            int id = _nextId++;
            SendPayload(id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + command);
            return id;
        }

        /// <summary>Sends the commands in one write (so that one game tick runs them all) and returns their ids.</summary>
        public int[] SendBurst(params string[] commands)
        {
            var ids = new int[commands.Length];
            var bytes = new System.Collections.Generic.List<byte>();
            for (int i = 0; i < commands.Length; i++)
            {
                ids[i] = _nextId++;
                bytes.AddRange(Frame.Encode(ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + commands[i]));
            }
            SendBytes(bytes.ToArray());
            return ids;
        }

        /// <summary>Reads the reply to <paramref name="id"/> as text.</summary>
        public string ReadText(int id) => Encoding.UTF8.GetString(ReadReply(id));

        /// <summary>Sends a command and returns the reply body as text, checking the reply id.</summary>
        public string Request(string command) => Encoding.UTF8.GetString(RequestBytes(command));

        public byte[] RequestBytes(string command) => ReadReply(Send(command));

        /// <summary>Reads the next frame and checks it answers <paramref name="id"/>; returns the body.</summary>
        public byte[] ReadReply(int id)
        {
            byte[] payload = ReadFrame() ?? throw new InvalidOperationException("connection closed");
            if (!MessagePrefix.TryParse(payload, 0, payload.Length, out int gotId, out int body) || gotId != id)
                throw new InvalidOperationException($"expected a reply to {id}, got '{Encoding.UTF8.GetString(payload, 0, Math.Min(40, payload.Length))}'");
            var result = new byte[payload.Length - body];
            Buffer.BlockCopy(payload, body, result, 0, result.Length);
            return result;
        }

        /// <summary>The next frame's payload, or null when the server closed the connection.</summary>
        public byte[]? ReadFrame()
        {
            int length = _reader.ReadHeader();
            if (length < 0) return null;
            var payload = new byte[length];
            _reader.ReadExactly(payload, 0, length);
            return payload;
        }

        /// <summary>True when something (data or end of stream) arrives within the time.</summary>
        public bool Readable(int milliseconds) => _socket.Poll(milliseconds * 1000, SelectMode.SelectRead);

        /// <summary>True when the server closed the connection (end of stream) within the time.</summary>
        public bool ClosedByServer(int milliseconds)
        {
            if (!Readable(milliseconds)) return false;
            try { return _socket.Receive(new byte[1]) == 0; }
            catch (SocketException) { return true; }
        }

        public void Dispose() => _socket.Dispose();
    }
}
