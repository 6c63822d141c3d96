using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Sends UnrealCV commands and writes their replies. Piped commands are pipelined: each is sent at once,
    /// up to <see cref="MaxInFlight"/> ahead of the replies, and replies come out in input order. The server
    /// runs every queued request in one frame, so 100 piped commands cost about one frame, not a hundred.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "UnrealCvRequest")]
    [OutputType(typeof(UnrealCvResponse))]
    public sealed class InvokeUnrealCvRequestCommand : UnrealCvCmdlet
    {
        private readonly Queue<PendingRequest> _inFlight = new Queue<PendingRequest>();
        private UnrealCvSession? _session;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>The session to use; defaults to the current session of this runspace.</summary>
        [Parameter]
        [ValidateNotNull]
        public UnrealCvSession? Session { get; set; }

        /// <summary>Seconds each request may wait for its reply; 0 uses the session's default.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>How many requests may be on the wire before the oldest reply must come back.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxInFlight { get; set; } = 256;

        /// <summary>
        /// Sends without waiting and writes nothing. Replies are still read and matched, so later requests stay in
        /// step; error replies surface as warnings on the session's next Invoke-UnrealCvRequest.
        /// </summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        private bool _verbose;

        private TimeSpan Timeout => TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : _session!.Timeout;

        protected override void BeginProcessing()
        {
            _session = ResolveSession(Session);
            _verbose = IsVerbose();
            ReportFireAndForgetFailures();
        }

        protected override void ProcessRecord()
        {
            foreach (string command in Command)
            {
                UnrealCvConnection connection = _session!.Connection;
                try
                {
                    PendingRequest request = connection.Send(command, ReplyShape.ExpectsBinary(command));
                    if (_verbose) WriteVerbose($"sent #{request.Id} '{command}' to {_session.Name}");
                    _inFlight.Enqueue(request);
                }
                catch (ClientException e)
                {
                    WriteError(ToErrorRecord(e, command));
                    continue;
                }
                DrainReplies(untilInFlightBelow: MaxInFlight);
            }
        }

        protected override void EndProcessing()
        {
            if (!NoWait)
            {
                DrainReplies(untilInFlightBelow: 1);
                return;
            }
            UnrealCvConnection connection = _session!.Connection;
            while (_inFlight.Count > 0)
            {
                PendingRequest request = _inFlight.Dequeue();
                if (connection.Detach(request)) continue;
                // Already answered before we let go: check it here.
                if (request.Text is string text && text.StartsWith("error", StringComparison.Ordinal))
                    WriteWarning($"Request {request.Id} '{request.Command}' on {_session.Name} failed: {text}");
                connection.Release(request);
            }
        }

        private void ReportFireAndForgetFailures()
        {
            while (_session!.Connection.TryTakeUnobservedError(out FireAndForgetFailure? failure))
                WriteWarning($"Earlier -NoWait request {failure!.RequestId} '{failure.Command}' on {_session.Name} failed: {failure.Message}");
        }

        private bool IsVerbose() =>
            MyInvocation.BoundParameters.TryGetValue("Verbose", out object? v) ? ((SwitchParameter)v).IsPresent
            : SessionState.PSVariable.GetValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;

        /// <summary>Writes every reply that is ready, in order, and waits for the oldest ones until few enough are in flight.</summary>
        private void DrainReplies(int untilInFlightBelow)
        {
            UnrealCvConnection connection = _session!.Connection;
            while (_inFlight.Count > 0)
            {
                PendingRequest head = _inFlight.Peek();
                if (!head.IsCompleted && _inFlight.Count < untilInFlightBelow) return;
                _inFlight.Dequeue();
                try
                {
                    TimeSpan waited = TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - head.SentAt) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                    TimeSpan left = Timeout - waited;
                    connection.WaitForReply(head, left > TimeSpan.Zero ? left : TimeSpan.Zero, Cancellation);
                }
                catch (ClientException e)
                {
                    WriteError(ToErrorRecord(e, head.Command));
                    continue;
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                var response = new UnrealCvResponse(_session, head.Id, head.Command, head.Text, head.Bytes, head.Elapsed);
                connection.Release(head);
                if (_verbose)
                    WriteVerbose($"received #{response.RequestId} from {_session.Name}: {(response.Bytes?.Length ?? response.Text!.Length)} {(response.IsBinary ? "bytes" : "chars")} in {response.Duration.TotalMilliseconds:0.###} ms");
                if (NoWait)
                {
                    if (response.IsError) WriteWarning($"Request {response.RequestId} '{response.Command}' on {_session.Name} failed: {response.Text}");
                    continue;
                }
                if (response.IsError)
                    WriteError(new ErrorRecord(new InvalidOperationException($"'{response.Command}' failed on {_session.Name}: {response.ErrorMessage}"),
                        "UnrealCvServerError", ErrorCategory.InvalidResult, response));
                else
                    WriteObject(response);
            }
        }

        /// <summary>Stopped or failed mid-stream: forget the requests still out, so their replies are dropped, not misdelivered.</summary>
        protected override void Dispose(bool disposing)
        {
            if (_session != null)
                while (_inFlight.Count > 0) _session.Connection.Abandon(_inFlight.Dequeue());
            base.Dispose(disposing);
        }
    }
}
