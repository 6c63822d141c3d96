using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UnrealCv.Wire;

namespace UnrealCv.Tests
{
    /// <summary>
    /// A loopback server that does exactly what a test scripts, including what no good server would:
    /// late replies, unknown ids, bad magic, resets, frames cut in half. One client.
    /// </summary>
    internal sealed class ScriptedServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Task _script;
        private Socket? _client;

        public ScriptedServer(Action<ScriptedServer> script)
        {
            _listener.Start();
            _script = Task.Run(() =>
            {
                _client = _listener.AcceptSocket();
                script(this);
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Waits for the script to finish and rethrows its failure.</summary>
        public void Join() => Assert.True(_script.Wait(TimeSpan.FromSeconds(10)), "the server script did not finish");

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

        public void Dispose()
        {
            _client?.Dispose();
            _listener.Stop();
        }

        private static class Assert
        {
            public static void True(bool condition, string message)
            {
                if (!condition) throw new TimeoutException(message);
            }
        }
    }
}
