using System;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Replies;

namespace UnrealCv.Connection
{
    /// <summary>
    /// How a request ends, always here, whatever its handle asked for: its reply taken (<see cref="Wait"/>) or let go
    /// (<see cref="LetGo"/>). Either way the pooled request goes back to the pool once the reader is done with it.
    /// </summary>
    internal sealed partial class UnrealCvConnection
    {
        // How long to wait for a request whose reply is being read (its frame begun) to be completed.
        private const int CompletingMilliseconds = 10000;

        /// <summary>See <see cref="RequestHandle.Wait"/>. On timeout or Ctrl+C the id is remembered so the late reply is dropped.</summary>
        internal Reply Wait(PendingRequest request, int generation, TimeSpan timeout, CancellationToken cancel)
        {
            bool done;
            try
            {
                done = WaitForReply(request, Deadline.From(request.SentAt, timeout), cancel);
            }
            catch (OperationCanceledException)
            {
                _table.TryLetGo(request, LateReplies.Drop);
                End(request, generation);
                throw;
            }
            if (!done)
            {
                int id = request.Id;
                string command = request.Command;
                if (_table.TryLetGo(request, LateReplies.Drop))
                {
                    End(request, generation);
                    throw new ClientException(ClientFault.Timeout,
                        $"no reply to '{command}' (request {id}) from {Description} within {timeout.TotalSeconds:0.###} s. The binary may be busy (a large capture), paused, or still loading; raise -TimeoutSec. Its late reply will be dropped, so later requests stay in step.");
                }
                if (!WaitForReply(request, Deadline.After(TimeSpan.FromMilliseconds(CompletingMilliseconds)), CancellationToken.None))
                {
                    End(request, generation);
                    throw new ClientException(ClientFault.Timeout, $"the reply to '{command}' (request {id}) from {Description} was taken but never completed.");
                }
            }
            Exception? failure = request.Failure;
            Reply reply = failure == null ? new Reply(request.Id, request.Command, request.Shape, request.Text, request.Bytes, request.Elapsed) : default;
            End(request, generation);
            if (failure != null) throw (failure as ClientException) ?? new ClientException(ClientFault.SessionBroken, failure.Message, failure);
            return reply;
        }

        /// <summary>See <see cref="RequestHandle.LetGo"/>.</summary>
        internal void LetGo(PendingRequest request, int generation)
        {
            // Not waiting any more: its reply (or the link's failure) came first, and is treated as a late one would be.
            if (!_table.TryLetGo(request, request.LateReplies)
                && request.LateReplies == LateReplies.ReportErrors
                && WaitForReply(request, Deadline.After(TimeSpan.FromMilliseconds(CompletingMilliseconds)), CancellationToken.None)
                && (request.Failure?.Message ?? ErrorReply.MessageOf(request.Text)) is string message)
                ReportUnobservedError(request.Id, request.Command, message);
            End(request, generation);
        }

        /// <summary>
        /// The one end of every use of a pooled request: the handle that owned it goes stale, and the request is reused
        /// unless the reader may still hold it (not completed: it is left to the GC).
        /// </summary>
        private void End(PendingRequest request, int generation)
        {
            if (!request.Retire(generation))
                throw new InvalidOperationException("A request was ended twice at once: a request handle is good for one Wait or LetGo, on one thread.");
            _pool.Return(request);
        }

        /// <summary>An error reply to a request let go with <see cref="LateReplies.ReportErrors"/> (-NoWait), oldest first.</summary>
        public bool TryTakeUnobservedError(out FireAndForgetFailure? failure) => _unobservedErrors.TryDequeue(out failure);

        private void ReportUnobservedError(int id, string command, string message)
        {
            _unobservedErrors.Enqueue(new FireAndForgetFailure(id, command, message));
            while (_unobservedErrors.Count > _options.MaxMessages && _unobservedErrors.TryDequeue(out _)) { }
        }
    }
}
