namespace UnrealCv.Connection
{
    /// <summary>An error reply to a request sent without waiting (Invoke-UnrealCvRequest -NoWait).</summary>
    internal sealed class FireAndForgetFailure
    {
        internal FireAndForgetFailure(int requestId, string command, string message)
        {
            RequestId = requestId;
            Command = command;
            Message = message;
        }

        public int RequestId { get; }
        public string Command { get; }
        public string Message { get; }
    }
}
