namespace UnrealCv.Session
{
    /// <summary>What a user can still do with a session.</summary>
    public enum UnrealCvSessionState
    {
        /// <summary>Connected and usable.</summary>
        Opened,
        /// <summary>The connection failed; requests fail until you disconnect and connect again.</summary>
        Broken,
        /// <summary>Disconnected.</summary>
        Closed,
        /// <summary>Moving to another transport (Switch-UnrealCvTransport); requests are refused until it ends.</summary>
        Switching,
    }
}
