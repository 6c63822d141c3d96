using System;
using System.Threading;

namespace UnrealCv.Connection
{
    /// <summary>
    /// What <see cref="UnrealCvConnection.Send(string, Replies.ReplyShape, TimeSpan, CancellationToken, LateReplies)"/> gives
    /// back: a request the connection still owns. It ends once, either by <see cref="Wait"/> (the reply, or the failure
    /// thrown) or by <see cref="LetGo"/>; after that the connection reuses what it lent, and any use of the handle (or of a
    /// copy of it) throws InvalidOperationException instead of reading another request's reply.
    /// </summary>
    internal readonly struct RequestHandle
    {
        private readonly UnrealCvConnection _link;
        private readonly PendingRequest _request;
        private readonly int _generation;

        internal RequestHandle(UnrealCvConnection link, PendingRequest request)
        {
            _link = link;
            _request = request;
            _generation = request.Generation;
            Id = request.Id;
            Command = request.Command;
        }

        public int Id { get; }
        public string Command { get; }

        /// <summary>True once its reply (or the link's failure) has come, so that <see cref="Wait"/> returns at once.</summary>
        public bool IsCompleted => Live().IsCompleted;

        /// <summary>
        /// Waits until <paramref name="timeout"/> after sending and returns the reply; ends the request. Throws ClientException
        /// (timeout, broken or closed link) or OperationCanceledException; after a timeout or Ctrl+C the late reply is dropped.
        /// </summary>
        public Reply Wait(TimeSpan timeout, CancellationToken cancel) => _link.Wait(Live(), _generation, timeout, cancel);

        /// <summary>Stops waiting; ends the request. Its reply is still read and matched, then treated as it was sent to be (<see cref="LateReplies"/>).</summary>
        public void LetGo() => _link.LetGo(Live(), _generation);

        private PendingRequest Live()
        {
            if (_request == null) throw new InvalidOperationException("This request handle was never given by a connection.");
            if (_request.Generation != _generation)
                throw new InvalidOperationException($"Request {Id} ('{Command}') has already ended (its reply was taken, or it was let go); a request handle is good for one Wait or LetGo.");
            return _request;
        }
    }
}
