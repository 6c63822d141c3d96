namespace UnrealCv.Connection
{
    /// <summary>Settings of one link.</summary>
    internal sealed class ConnectionOptions
    {
        public ConnectionOptions(string description, int sessionId)
        {
            Description = description;
            SessionId = sessionId;
        }

        /// <summary>Names the link in every message, e.g. "session 'Sim1' (localhost:9000)".</summary>
        public string Description { get; }
        public int SessionId { get; }
        public long MaxFrameBytes { get; set; } = 512L * 1024 * 1024;
        public int MaxMessages { get; set; } = 1000;

        /// <summary>Where request ids come from; a session passes its own to every link it opens.</summary>
        public RequestIds Ids { get; set; } = RequestIds.StartingAtRandom();
    }
}
