namespace UnrealCv.Transport
{
    /// <summary>How a session reaches its binary.</summary>
    public enum TransportKind
    {
        /// <summary>TCP, on every platform.</summary>
        Tcp,
        /// <summary>A Unix domain socket such as /tmp/unrealcv_9000.socket (Linux binaries, plugin 4.27-stable and later).</summary>
        Unix,
    }

    /// <summary>What Connect-UnrealCv should end up on.</summary>
    public enum ConnectTransport
    {
        /// <summary>Stay on TCP.</summary>
        Tcp,
        /// <summary>Connect over TCP, then switch to the binary's Unix socket; warn if it has none.</summary>
        Unix,
        /// <summary>Switch to the Unix socket where the binary offers one (a local Linux binary), else stay on TCP.</summary>
        Auto,
    }
}
