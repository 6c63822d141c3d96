using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Simulator.Encoders;
using UnrealCv.Wire;

namespace UnrealCv.Benchmarks
{
    /// <summary>
    /// The server that is not the bottleneck (<c>--reference-server &lt;socket path&gt;</c>, its own process): the welcome,
    /// then every request <c>&lt;id&gt;:&lt;command&gt;</c> answered at once with <c>&lt;id&gt;:</c> and a pre-built body, in one
    /// gathered send. A command ending in "bmp" gets a 640x480 BMP, one ending in "npy" a 1920x1080 float NPY, any
    /// other "x". Listens on a loopback TCP port and on a Unix socket; one blocking read loop per connection.
    /// </summary>
    internal static class ReferenceServer
    {
        public const string Welcome = "connected to reference";

        public static int Run(string socketPath)
        {
            byte[] small = { (byte)'x' };
            byte[] bmp = BmpWriter.Encode(new byte[640 * 480 * 4], 640, 480);
            byte[] npy = NpyWriter.Encode(new float[1920 * 1080], 1920, 1080);
            byte[] Body(byte[] request, int start, int end)
            {
                if (end - start < 3) return small;
                if (request[end - 3] == 'b' && request[end - 2] == 'm' && request[end - 1] == 'p') return bmp;
                if (request[end - 3] == 'n' && request[end - 2] == 'p' && request[end - 1] == 'y') return npy;
                return small;
            }

            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            tcp.Listen(1024);
            File.Delete(socketPath);
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            unix.Bind(new UnixDomainSocketEndPoint(socketPath));
            unix.Listen(1024);
            foreach (Socket listener in new[] { tcp, unix })
                Start(() => { while (true) { Socket client = listener.Accept(); Start(() => Serve(client, Body)); } });
            Console.WriteLine($"listening on {((IPEndPoint)tcp.LocalEndPoint!).Port}");
            Console.In.ReadToEnd(); // until the bench closes our input
            File.Delete(socketPath);
            return 0;
        }

        private static void Start(ThreadStart body) => new Thread(body) { IsBackground = true }.Start();

        private static void Serve(Socket socket, Func<byte[], int, int, byte[]> body)
        {
            using (socket)
            {
                try
                {
                    if (socket.AddressFamily == AddressFamily.InterNetwork) socket.NoDelay = true;
                    socket.Send(Frame.Encode(Welcome));
                    var reader = new FrameReader(new BufferedStream(new NetworkStream(socket, false), 64 * 1024), 1 << 20);
                    var request = new byte[4096];
                    var head = new byte[Frame.HeaderSize + MessagePrefix.MaxLength];
                    var segments = new ArraySegment<byte>[2];
                    while (true)
                    {
                        int length = reader.ReadHeader();
                        if (length < 0) return;
                        if (length > request.Length) request = new byte[length];
                        reader.ReadExactly(request, 0, length);
                        if (!MessagePrefix.TryParse(request, 0, length, out int id, out int start)) continue;
                        byte[] reply = body(request, start, length);
                        int end = MessagePrefix.Write(head, Frame.HeaderSize, id);
                        Frame.WriteHeader(head, 0, end - Frame.HeaderSize + reply.Length);
                        segments[0] = new ArraySegment<byte>(head, 0, end);
                        segments[1] = new ArraySegment<byte>(reply);
                        if (socket.Send(segments) != end + reply.Length) throw new IOException("short send");
                    }
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is WireException)
                {
                    // the client went away
                }
            }
        }
    }
}
