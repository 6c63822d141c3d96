using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using UnrealCv.Common;
using UnrealCv.Sockets;

namespace UnrealCv.Transport
{
    /// <summary>Opens the byte stream to a binary, with a deadline and Ctrl+C honoured; knows nothing of UnrealCV commands.</summary>
    internal static class SocketConnector
    {
        /// <summary>
        /// Connects over TCP with Nagle off (small command frames would otherwise wait for delayed ACKs).
        /// IPv4 addresses are tried first: the plugin listens on 0.0.0.0 only.
        /// </summary>
        public static Socket ConnectTcp(string host, int port, TimeSpan timeout, CancellationToken cancel)
        {
            var deadline = Deadline.After(timeout);
            IPAddress[] addresses;
            if (IPAddress.TryParse(host, out IPAddress? literal))
            {
                addresses = new[] { literal };
            }
            else
            {
                Task<IPAddress[]> lookup = Dns.GetHostAddressesAsync(host);
                if (!Deadline.Wait(lookup, deadline, cancel))
                    throw new ClientException(ClientFault.ConnectFailed, $"could not resolve '{host}' within {timeout.TotalSeconds:0.###} s; check the host name.");
                try { addresses = lookup.GetAwaiter().GetResult(); }
                catch (SocketException e)
                {
                    throw new ClientException(ClientFault.ConnectFailed, $"could not resolve '{host}': {e.Message}. Check the host name.", e);
                }
                addresses = addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).ToArray();
            }

            Exception? last = null;
            foreach (IPAddress address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    Connect(socket, new IPEndPoint(address, port), deadline, cancel);
                    return socket;
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            throw new ClientException(ClientFault.ConnectFailed,
                $"nothing is listening at {host}:{port} ({last?.Message ?? "no address"}). Check that the binary is running with the UnrealCV plugin and that the port matches its unrealcv.ini or its -cvport argument (a binary reads '-cvport 9000' or '-cvport9000'; '-cvport=9000' is read as port 0); a Linux binary stops serving TCP once its first client has left (connect with -Path /tmp/unrealcv_{port}.socket).", last);
        }

        /// <summary>True when a connect failed because nothing listens there (yet): the peer refused it.</summary>
        public static bool WasRefused(ClientException e) =>
            e.Fault == ClientFault.ConnectFailed && e.InnerException is SocketException s && s.SocketErrorCode == SocketError.ConnectionRefused;

        /// <summary>Connects to a Unix domain socket file.</summary>
        public static Socket ConnectUnix(string path, TimeSpan timeout, CancellationToken cancel)
        {
            if (!UnixSocket.IsSupported)
                throw new ClientException(ClientFault.NotSupported, "this runtime has no Unix domain sockets (they need PowerShell 7); use TCP.");
            Socket socket = UnixSocket.CreateSocket();
            try
            {
                Connect(socket, UnixSocket.CreateEndPoint(path), Deadline.After(timeout), cancel);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new ClientException(ClientFault.ConnectFailed, $"nothing is listening on the Unix socket '{path}' ({e.Message}). The file may be stale, left by a binary that has exited.", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        private static void Connect(Socket socket, EndPoint endPoint, Deadline deadline, CancellationToken cancel)
        {
            Task connect = socket.ConnectAsync(endPoint);
            if (Deadline.Wait(connect, deadline, cancel))
            {
                connect.GetAwaiter().GetResult(); // rethrows SocketException
                return;
            }
            // Closing the socket ends the pending connect; observe its fault so it is not left unobserved.
            socket.Dispose();
            connect.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            cancel.ThrowIfCancellationRequested();
            throw new ClientException(ClientFault.ConnectFailed,
                $"nothing answered at {endPoint} within {deadline.Timeout.TotalSeconds:0.###} s: no route, a firewall, or a full listen backlog. Check the address and port.");
        }
    }
}
