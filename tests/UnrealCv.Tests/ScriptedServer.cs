using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using UnrealCv.Wire;

namespace UnrealCv.Tests
{
    /// <summary>
    /// A loopback server that does exactly what a test scripts, including what no good server would:
    /// late replies, unknown ids, bad magic, resets, frames cut in half. One client. The script runs on a
    /// thread of its own; Dispose waits for it and rethrows what it threw, so a broken script fails its test.
    /// </summary>
    internal sealed class ScriptedServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread _script;
        private readonly TimeSpan _limit;
        private volatile Exception? _failure;
        private Socket? _client;
        private bool _joined;

        /// <param name="script">What the server does once a client has connected.</param>
        /// <param name="limit">How long the script may run after the test is done with it (default 10 s).</param>
        public ScriptedServer(Action<ScriptedServer> script, TimeSpan? limit = null)
        {
            _limit = limit ?? TimeSpan.FromSeconds(10);
            _listener.Start();
            _script = new Thread(() =>
            {
                try
                {
                    _client = _listener.AcceptSocket();
                    script(this);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
            }) { IsBackground = true, Name = "ScriptedServer script" };
            _script.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Waits for the script to finish (within the limit) and rethrows its failure.</summary>
        public void Join()
        {
            _joined = true;
            if (!_script.Join(_limit)) throw new TimeoutException($"the server script did not finish within {_limit.TotalSeconds} s");
            if (_failure is Exception failure) ExceptionDispatchInfo.Capture(failure).Throw();
        }

        public void Send(string payload) => SendRaw(Frame.Encode(payload));

        public void SendRaw(byte[] bytes) => _client!.Send(bytes);

        public void Welcome() => Send("connected to ScriptedProject");

        /// <summary>Reads one request and returns its id and command.</summary>
        public (int Id, string Command) Receive()
        {
            using var stream = new NetworkStream(_client!, ownsSocket: false);
            var reader = new FrameReader(stream, 1 << 20);
            int length = reader.ReadHeader();
            if (length < 0) throw new EndOfStreamException("client closed");
            var payload = new byte[length];
            reader.ReadExactly(payload, 0, length);
            string text = Encoding.ASCII.GetString(payload);
            int colon = text.IndexOf(':');
            return (int.Parse(text.Substring(0, colon)), text.Substring(colon + 1));
        }

        /// <summary>Closes with RST instead of FIN.</summary>
        public void Reset()
        {
            _client!.LingerState = new LingerOption(true, 0);
            _client.Close();
        }

        public void Close() => _client?.Close();

        /// <summary>Joins the script (unless the test already did), then closes; a script that failed or hangs fails the test.</summary>
        public void Dispose()
        {
            try
            {
                if (!_joined) Join();
            }
            finally
            {
                _client?.Dispose();
                _listener.Stop();
            }
        }
    }
}
