using System;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Transport;

namespace UnrealCv.Session
{
    /// <summary>Opens a welcomed link over TCP or a Unix socket: the one place that joins transport and engine.</summary>
    internal static class LinkFactory
    {
        public static UnrealCvConnection OpenTcp(string host, int port, ConnectionOptions options, TimeSpan timeout, CancellationToken cancel)
        {
            Socket socket = SocketConnector.ConnectTcp(host, port, timeout, cancel);
            return UnrealCvConnection.Open(socket, options, timeout, cancel);
        }

        /// <summary>Connects to a Unix socket file after checking it is a socket owned by us or root.</summary>
        public static UnrealCvConnection OpenUnix(string path, ConnectionOptions options, TimeSpan timeout, CancellationToken cancel)
        {
            SocketFile.CheckTrusted(path, allowMissing: false);
            Socket socket = SocketConnector.ConnectUnix(path, timeout, cancel);
            return UnrealCvConnection.Open(socket, options, timeout, cancel);
        }
    }
}
