using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Sockets;
using UnrealCv.Wire;

namespace UnrealCv.Simulator.Server
{
    /// <summary>
    /// The plugin's listener thread (UnixTcpServer.cpp): it accepts one client and serves it on the same
    /// thread until it leaves, so a second client connects (kernel backlog) but hears nothing until then.
    /// Linux profile: after the first TCP client leaves it switches to the Unix socket for good and never
    /// accepts TCP again, though the TCP port stays open, as on a binary. Replies and server messages go to
    /// the client served when they are sent, whoever asked (UnixTcpServer.cpp SendData/SendMessage).
    /// </summary>
    internal sealed class Listener : IDisposable
    {
        private const int MaxRequestBytes = 256 * 1024 * 1024;

        private readonly SimulatorOptions _options;
        private readonly GameLoop _game;
        private readonly Socket _tcp;
        private readonly Thread _thread;
        private Socket? _unix;
        private volatile ClientLink? _client;
        // The plugin's bIsUDS: set once the first TCP client has left (Linux); from then on replies go only to a
        // Unix socket client, even when the socket could not be created and TCP clients are served again.
        private volatile bool _routesToUnixSocket;
        private volatile bool _stopping;
        // The client the game thread last gave a reply to (only the game thread uses it).
        private ClientLink? _heldFor;

        public Listener(SimulatorOptions options, GameLoop game)
        {
            _options = options;
            _game = game;
            _tcp = new Socket(options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                _tcp.ReceiveBufferSize = 2 * 1024 * 1024; // as the plugin sets on its listening socket
                // A configured port goes through FIPv4Endpoint's uint16, as in UnixTcpServer.cpp: only its low 16 bits are bound.
                int bindPort = options.ConfiguredPort is int configured ? (ushort)configured : options.Port;
                _tcp.Bind(new IPEndPoint(options.BindAddress, bindPort));
                _tcp.Listen(1);
            }
            catch
            {
                _tcp.Dispose();
                throw;
            }
            Port = ((IPEndPoint)_tcp.LocalEndPoint!).Port;
            ReportedPort = options.ConfiguredPort ?? Port;
            SocketPath = Path.Combine(options.SocketDirectory, "unrealcv_" + ReportedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".socket");
            _thread = new Thread(Run) { IsBackground = true, Name = $"UnrealCv simulator listener :{Port}" };
        }

        /// <summary>The port actually bound.</summary>
        public int Port { get; }

        /// <summary>The plugin's PortNum: what status and the socket name show (the configured port for a binary's command line).</summary>
        public int ReportedPort { get; }

        /// <summary>The Unix socket path this simulator uses (or would use) after its switch.</summary>
        public string SocketPath { get; }

        /// <summary>True once the Linux profile serves the Unix socket (TCP is then never served again).</summary>
        public bool ServesUnixSocket { get; private set; }

        /// <summary>A client is connected and being served (the status's "Client Connected" counts TCP clients only).</summary>
        public bool TcpClientConnected => _client is ClientLink c && !c.IsUnixSocket;

        public void Start() => _thread.Start();

        /// <summary>Sends a frame without a request id to the client being served (a Blueprint's SendMessageBP); false when none is.</summary>
        public bool SendMessage(string text)
        {
            if (!(RoutedClient() is ClientLink link)) return false;
            link.SendMessage(text);
            return true;
        }

        /// <summary>
        /// A reply, written to the client connected now: a client that left with requests queued leaves their
        /// replies to the next one, with the old ids. With nobody to send to, the reply is lost, as in the plugin.
        /// </summary>
        public void SendReply(int id, Reply reply)
        {
            ClientLink? link = RoutedClient();
            // Replies held for a client that has since been replaced go out (or are lost with it) before any to the next.
            if (_heldFor != null && _heldFor != link) _heldFor.Flush();
            _heldFor = link;
            link?.SendReply(id, reply);
        }

        /// <summary>Writes the replies held back (game thread): when nothing more is queued, and before a request that may take time.</summary>
        public void FlushReplies() => _heldFor?.Flush();

        private ClientLink? RoutedClient()
        {
            ClientLink? link = _client;
            if (link == null) return null;
            return _routesToUnixSocket == link.IsUnixSocket ? link : null;
        }

        private void Run()
        {
            while (!_stopping)
            {
                Socket accepted;
                try { accepted = _tcp.Accept(); }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { return; }

                Serve(new ClientLink(accepted, isUnixSocket: false));
                if (_stopping || _options.Profile != SimulatorProfile.Linux) continue;
                _routesToUnixSocket = true;
                if (StartUnixService())
                {
                    ServeUnixClients();
                    return;
                }
                // As in the plugin: the listener goes back to TCP, but replies are routed to the dead Unix socket.
            }
        }

        private bool StartUnixService()
        {
            try
            {
                if (File.Exists(SocketPath)) File.Delete(SocketPath);
                // Bind under a temporary name and rename once listening, so the file never exists unconnectable.
                // (The plugin binds then listens, a gap of microseconds; clients retry a refused connect anyway.)
                string binding = SocketPath + ".binding";
                if (File.Exists(binding)) File.Delete(binding);
                var unix = UnixSocket.CreateSocket();
                unix.Bind(UnixSocket.CreateEndPoint(binding));
                unix.Listen(5);
                File.Move(binding, SocketPath);
                _unix = unix;
                ServesUnixSocket = true;
                return !_stopping;
            }
            catch (Exception e) when (e is SocketException || e is IOException || e is UnauthorizedAccessException || e is PlatformNotSupportedException)
            {
                return false;
            }
        }

        private void ServeUnixClients()
        {
            while (!_stopping)
            {
                Socket accepted;
                try { accepted = _unix!.Accept(); }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { return; }
                Serve(new ClientLink(accepted, isUnixSocket: true));
            }
        }

        /// <summary>Welcome, then read requests until the client leaves; replies come from the game thread.</summary>
        private void Serve(ClientLink link)
        {
            _client = link;
            try
            {
                if (!link.IsUnixSocket) link.Socket.NoDelay = true;
                link.SendMessage("connected to " + _options.ProjectName);
                var frames = new FrameCutter(MaxRequestBytes);
                while (!_stopping)
                {
                    if (!frames.Receive(link.Socket)) break;
                    QueueWholeFrames(frames);
                }
            }
            catch (Exception e) when (e is WireException || e is IOException || e is SocketException || e is ObjectDisposedException)
            {
                // Bad magic, an empty frame or a reset: the plugin closes the connection without a word.
            }
            finally
            {
                _client = null;
                link.Close();
            }
        }

        /// <summary>Queues every whole request read so far, then wakes the game thread once (also when a bad frame follows them).</summary>
        private void QueueWholeFrames(FrameCutter frames)
        {
            bool queued = false;
            try
            {
                while (frames.Next(out byte[] buffer, out int offset, out int length))
                {
                    // A malformed request is logged by the plugin ("error: Malformat raw message"), never answered.
                    if (!RequestLine.TryParse(buffer, offset, length, out int id, out string command)) continue;
                    _game.Add(id, command);
                    queued = true;
                }
            }
            finally
            {
                if (queued) _game.Wake();
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _tcp.Dispose();
            _unix?.Dispose();
            _client?.Close();
            if (_thread.IsAlive && Thread.CurrentThread != _thread) _thread.Join(2000);
            // The socket file stays, as a 4.27-stable binary leaves it on exit.
        }
    }
}
