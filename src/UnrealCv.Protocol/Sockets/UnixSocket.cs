using System;
using System.Net;
using System.Net.Sockets;

namespace UnrealCv.Sockets
{
    /// <summary>
    /// Unix domain socket endpoints from a netstandard2.0 assembly. The type
    /// <c>System.Net.Sockets.UnixDomainSocketEndPoint</c> exists at run time on .NET Core 2.1+ (so on
    /// PowerShell 7) but not in the netstandard2.0 reference surface, so we find it by reflection.
    /// </summary>
    internal static class UnixSocket
    {
        private static readonly Type? EndPointType =
            typeof(Socket).Assembly.GetType("System.Net.Sockets.UnixDomainSocketEndPoint")
            ?? Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets");

        /// <summary>True when this runtime can create Unix domain socket endpoints.</summary>
        public static bool IsSupported => EndPointType != null;

        /// <summary>An endpoint for <paramref name="path"/>; throws PlatformNotSupportedException where the runtime lacks them.</summary>
        public static EndPoint CreateEndPoint(string path)
        {
            if (EndPointType == null)
                throw new PlatformNotSupportedException("Unix domain sockets need PowerShell 7 (.NET Core 2.1 or later); this runtime does not provide System.Net.Sockets.UnixDomainSocketEndPoint. Use TCP instead.");
            return (EndPoint)Activator.CreateInstance(EndPointType, path)!;
        }

        /// <summary>A new, unconnected stream socket for the Unix address family.</summary>
        public static Socket CreateSocket() => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    }
}
