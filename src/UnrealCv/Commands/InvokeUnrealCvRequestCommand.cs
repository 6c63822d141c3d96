using System;
using System.Collections.Generic;
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
    /// Given several sessions, each command goes to all of them at once and each reply names its session.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "UnrealCvRequest")]
    [OutputType(typeof(UnrealCvResponse))]
    public sealed class InvokeUnrealCvRequestCommand : UnrealCvCmdlet
    {
        /// <summary>A request on the wire, with the session and the link it was sent on (a transport switch may replace the session's link meanwhile).</summary>
        private readonly struct Sent
        {
            public Sent(UnrealCvSession session, UnrealCvConnection link, PendingRequest request)
            {
                Session = session;
                Link = link;
                Request = request;
            }

            public UnrealCvSession Session { get; }
            public UnrealCvConnection Link { get; }
            public PendingRequest Request { get; }
        }

        private readonly Queue<Sent> _inFlight = new Queue<Sent>();
        private UnrealCvSession[] _sessions = Array.Empty<UnrealCvSession>();
        private bool _verbose;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>The sessions to use; defaults to the current session of this runspace.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public UnrealCvSession[]? Session { get; set; }

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
        /// step; error replies surface as warnings.
        /// </summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        protected override void BeginProcessing()
        {
            _sessions = Session ?? new[] { ResolveSession(null) };
            _verbose = IsVerbose();
            ReportDetachedFailures();
        }

        protected override void ProcessRecord()
        {
            foreach (string command in Command)
            {
                foreach (UnrealCvSession session in _sessions)
                {
                    try
                    {
                        UnrealCvConnection link = session.ConnectionForSend();
                        PendingRequest request = link.Send(command, ReplyShape.ExpectsBinary(command));
                        if (_verbose) WriteVerbose($"{session.Name} <- #{request.Id} {command}");
                        _inFlight.Enqueue(new Sent(session, link, request));
                    }
                    catch (ClientException e)
                    {
                        WriteError(ToErrorRecord(e, command));
                    }
                }
                DrainReplies(untilInFlightBelow: MaxInFlight);
            }
        }

        protected override void EndProcessing()
        {
            if (NoWait) DetachInFlight();
            else DrainReplies(untilInFlightBelow: 1);
            ReportDetachedFailures();
        }

        /// <summary>Writes every reply that is ready, in order, and waits for the oldest ones until few enough are in flight.</summary>
        private void DrainReplies(int untilInFlightBelow)
        {
            while (_inFlight.Count > 0)
            {
                Sent head = _inFlight.Peek();
                if (!head.Request.IsCompleted && _inFlight.Count < untilInFlightBelow) return;
                _inFlight.Dequeue();
                try
                {
                    head.Link.WaitForReply(head.Request, TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : head.Session.Timeout, Cancellation);
                }
                catch (ClientException e)
                {
                    WriteError(ToErrorRecord(e, head.Request.Command));
                    continue;
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                PendingRequest r = head.Request;
                var response = new UnrealCvResponse(head.Session, r.Id, r.Command, r.Text, r.Bytes, r.Elapsed);
                head.Link.Release(r);
                Write(response);
            }
        }

        private void Write(UnrealCvResponse response)
        {
            if (_verbose)
                WriteVerbose($"{response.SessionName} -> #{response.RequestId} {(response.IsBinary ? response.Bytes!.Length + " bytes" : response.Text!.Length + " chars")} in {response.Duration.TotalMilliseconds:0.###} ms");
            if (response.IsError)
            {
                var error = new ErrorRecord(new InvalidOperationException($"'{response.Command}' failed on {response.SessionName}: {response.ErrorMessage}"),
                    "UnrealCvServerError", ErrorCategory.InvalidResult, response);
                error.ErrorDetails = new ErrorDetails(error.Exception.Message) { RecommendedAction = "Check the command against 'vget /unrealcv/help' and the object or camera names." };
                if (NoWait) WriteWarning(error.Exception.Message);
                else WriteError(error);
            }
            else if (!NoWait)
            {
                WriteObject(response);
            }
        }

        /// <summary>-NoWait: let the requests still out go on without us; their replies are drained and checked by the reader.</summary>
        private void DetachInFlight()
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                if (sent.Link.Detach(sent.Request)) continue;
                // Answered before we let go: check it here.
                PendingRequest r = sent.Request;
                if (r.Failure == null) Write(new UnrealCvResponse(sent.Session, r.Id, r.Command, r.Text, r.Bytes, r.Elapsed));
                sent.Link.Release(r);
            }
        }

        private void ReportDetachedFailures()
        {
            foreach (UnrealCvSession session in _sessions)
                while (session.Connection.TryTakeUnobservedError(out FireAndForgetFailure? failure))
                    WriteWarning($"'{failure!.Command}' (a -NoWait request, #{failure.RequestId}) failed on {session.Name}: {failure.Message}");
        }

        private bool IsVerbose() =>
            MyInvocation.BoundParameters.TryGetValue("Verbose", out object? v) ? ((SwitchParameter)v).IsPresent
            : SessionState.PSVariable.GetValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;

        /// <summary>Stopped or failed mid-stream: forget the requests still out, so their replies are dropped, not misdelivered.</summary>
        protected override void Dispose(bool disposing)
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                sent.Link.Abandon(sent.Request);
            }
            base.Dispose(disposing);
        }
    }
}
