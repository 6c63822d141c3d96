namespace UnrealCv.Connection
{
    /// <summary>Where a link to a binary is in its life.</summary>
    internal enum ConnectionState
    {
        /// <summary>Welcomed and usable.</summary>
        Open,
        /// <summary>Failed (the server left, reset, or broke the protocol); every request on it fails. Reconnect.</summary>
        Broken,
        /// <summary>Closed by the user.</summary>
        Closed,
    }
}
