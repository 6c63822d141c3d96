namespace UnrealCv.Connection
{
    /// <summary>
    /// What becomes of the reply to a request whose caller let go of it (<see cref="RequestHandle.LetGo"/>), chosen when
    /// it is sent. Either way the reply is still read and matched, so later requests stay in step. A wait that gives up
    /// (timeout, Ctrl+C) has already told its caller, and always drops the reply.
    /// </summary>
    internal enum LateReplies
    {
        /// <summary>Dropped unread.</summary>
        Drop,

        /// <summary>An <c>error …</c> reply (or the link's failure) is kept for <see cref="UnrealCvConnection.TryTakeUnobservedError"/> (-NoWait).</summary>
        ReportErrors,
    }
}
