namespace UnrealCv.Transport
{
    /// <summary>How a session reaches its binary.</summary>
    public enum TransportKind
    {
        /// <summary>TCP, on every platform.</summary>
        Tcp,
        /// <summary>A Unix domain socket such as /tmp/unrealcv_9000.socket (Linux binaries, plugin 4.27-stable and later).</summary>
        UnixSocket,
    }
}
