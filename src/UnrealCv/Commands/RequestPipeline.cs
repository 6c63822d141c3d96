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
    /// The pipelining every request cmdlet shares, run on the pipeline thread: each request is sent at once, up to
    /// a window ahead of its reply, and outcomes are handed back strictly in the order the requests were given, so
    /// output order is input order. Every request has exactly one outcome: its reply, or its failure (an error reply,
    /// or no reply: timeout, broken session, refused command), which is also written as an error record with a
    /// stable id. Nothing is written from another thread.
    /// </summary>
    internal sealed class RequestPipeline
    {
        /// <summary>A request given to the pipeline, with its session, the link it was sent on (a transport switch may replace
        /// the session's link meanwhile) and what the caller wants back with its outcome; or, for one refused before it
        /// reached the wire, why.</summary>
        private readonly struct Sent
        {
            public Sent(UnrealCvSession session, UnrealCvConnection link, PendingRequest request, object? tag)
            {
                Session = session;
                Link = link;
                Request = request;
                Command = request.Command;
                Tag = tag;
                Refused = null;
            }

            public Sent(UnrealCvSession session, string command, ClientException refused, object? tag)
            {
                Session = session;
                Link = null;
                Request = null;
                Command = command;
                Tag = tag;
                Refused = refused;
            }

            public UnrealCvSession Session { get; }
            public UnrealCvConnection? Link { get; }
            public PendingRequest? Request { get; }
            public string Command { get; }
            public object? Tag { get; }

            /// <summary>Why the request never reached the wire; null when it was sent.</summary>
            public ClientException? Refused { get; }

            public bool IsCompleted => Request == null || Request.IsCompleted;
        }

        private readonly Queue<Sent> _inFlight = new Queue<Sent>();
        private readonly UnrealCvCmdlet _owner;
        private readonly Action<UnrealCvResponse, object?> _onReply;
        private readonly Action<UnrealCvResponse, object?>? _onFailure;
        private readonly bool _verbose;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ProgressRecord _progress;
        private long _lastProgressMs;
        private int _delivered;
        private bool _progressShown;

        /// <param name="owner">The cmdlet whose streams receive errors, warnings and verbose lines.</param>
        /// <param name="onReply">Called for every successful reply, in order, with the tag given to <see cref="Send"/>.</param>
        /// <param name="onFailure">
        /// Called, in the same order, for every request that failed (IsError: an error reply, or a stand-in for the reply
        /// that never came), just before its error record is written; null when failures only write the error record.
        /// </param>
        public RequestPipeline(UnrealCvCmdlet owner, Action<UnrealCvResponse, object?> onReply, Action<UnrealCvResponse, object?>? onFailure = null)
        {
            _owner = owner;
            _onReply = onReply;
            _onFailure = onFailure;
            _verbose = owner.IsVerbose;
            _progress = new ProgressRecord(0x55435632, owner.MyInvocation.MyCommand.Name, "sending requests");
        }

        /// <summary>Shown as the progress activity's status once work takes longer than a second.</summary>
        public string ProgressActivity
        {
            get => _progress.Activity;
            set => _progress.Activity = value;
        }

        /// <summary>How many requests may be on the wire before the oldest reply must come back.</summary>
        public int MaxInFlight { get; set; } = 256;

        /// <summary>Per-request timeout; null uses each session's default.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Error replies become warnings instead of errors (fire-and-forget).</summary>
        public bool ErrorsAsWarnings { get; set; }

        /// <summary>Sends one request, then hands back the outcomes that are ready (waiting only if the window is full).</summary>
        public void Send(UnrealCvSession session, string command, object? tag = null)
        {
            try
            {
                UnrealCvConnection link = session.ConnectionForSend();
                PendingRequest request = link.Send(command, ReplyShape.Of(command), Timeout ?? session.Timeout, _owner.CancellationToken);
                if (_verbose) _owner.WriteVerbose($"{session.Name} <- #{request.Id} {command}");
                _inFlight.Enqueue(new Sent(session, link, request, tag));
            }
            catch (ClientException e)
            {
                // Reported in its turn, after the outcomes of the requests before it.
                _inFlight.Enqueue(new Sent(session, command, e, tag));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            Drain(untilInFlightBelow: MaxInFlight);
        }

        /// <summary>Waits for every reply still out and hands them back, then closes the progress bar if one was shown.</summary>
        public void Flush()
        {
            Drain(untilInFlightBelow: 1);
            if (!_progressShown) return;
            _progress.RecordType = ProgressRecordType.Completed;
            _owner.WriteProgress(_progress);
        }

        /// <summary>Long runs (many requests, a fan-out, a slow binary) report progress at most four times a second.</summary>
        private void ReportProgress()
        {
            long now = _clock.ElapsedMilliseconds;
            if (now < 1000 || now - _lastProgressMs < 250) return;
            _lastProgressMs = now;
            _progressShown = true;
            _progress.StatusDescription = $"{_delivered} replies received, {_inFlight.Count} in flight";
            _owner.WriteProgress(_progress);
        }

        /// <summary>
        /// Lets the requests still out go on without a waiter (-NoWait): the reader still drains and matches their replies,
        /// and their errors are reported by <see cref="ReportDetachedFailures"/> later.
        /// </summary>
        public void Detach()
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                if (sent.Request == null)
                {
                    DeliverFailure(sent, sent.Refused!, 0, TimeSpan.Zero);
                    continue;
                }
                if (sent.Link!.Detach(sent.Request)) continue;
                // Ended before we let go: check it here. A broken link reaches no waiter, so say so now.
                if (sent.Request.Failure is Exception failure)
                    _owner.WriteWarning($"'{sent.Command}' (a -NoWait request) on {sent.Session.Name} failed: {failure.Message}");
                else
                    Deliver(sent);
            }
        }

        /// <summary>Stopped or failed mid-stream: forget the requests still out, so their replies are dropped, not misdelivered.</summary>
        public void Abandon()
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                if (sent.Request != null) sent.Link!.Abandon(sent.Request);
            }
        }

        /// <summary>Warns about error replies to earlier -NoWait requests on these sessions.</summary>
        public void ReportDetachedFailures(IEnumerable<UnrealCvSession> sessions)
        {
            foreach (UnrealCvSession session in sessions)
                while (session.Connection.TryTakeUnobservedError(out FireAndForgetFailure? failure))
                    _owner.WriteWarning($"'{failure!.Command}' (a -NoWait request, #{failure.RequestId}) failed on {session.Name}: {failure.Message}");
        }

        private void Drain(int untilInFlightBelow)
        {
            while (_inFlight.Count > 0)
            {
                Sent head = _inFlight.Peek();
                if (!head.IsCompleted && _inFlight.Count < untilInFlightBelow) return;
                _inFlight.Dequeue();
                if (head.Request == null)
                    DeliverFailure(head, head.Refused!, 0, TimeSpan.Zero);
                else if (WaitFor(head) is ClientException failure)
                    DeliverFailure(head, failure, head.Request.Id, head.Request.IsCompleted ? head.Request.Elapsed : head.Request.ElapsedSoFar);
                else
                    Deliver(head);
                _delivered++;
                ReportProgress();
            }
        }

        /// <summary>Waits for a sent request's reply; the client-side failure when none came.</summary>
        private ClientException? WaitFor(Sent sent)
        {
            try
            {
                sent.Link!.WaitForReply(sent.Request!, Timeout ?? sent.Session.Timeout, _owner.CancellationToken);
                return null;
            }
            catch (ClientException e)
            {
                return e;
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Deliver(Sent sent)
        {
            PendingRequest r = sent.Request!;
            var response = new UnrealCvResponse(sent.Session, r.Id, r.Command, r.Shape, r.Text, r.Bytes, r.Elapsed);
            sent.Link!.Release(r);
            if (_verbose)
            {
                while (sent.Link.Ids.TryTakeStrayNote(out string? note)) _owner.WriteVerbose(note!);
                _owner.WriteVerbose($"{response.SessionName} -> #{response.RequestId} {(response.IsBinary ? response.Bytes!.Length + " bytes" : response.Text!.Length + " chars")} in {response.Duration.TotalMilliseconds:0.###} ms");
            }
            if (!response.IsError)
            {
                _onReply(response, sent.Tag);
                return;
            }
            string message = $"'{response.Command}' failed on {response.SessionName}: {response.ErrorMessage}";
            if (ErrorsAsWarnings)
            {
                _owner.WriteWarning(message);
                return;
            }
            _onFailure?.Invoke(response, sent.Tag);
            var error = new ErrorRecord(new InvalidOperationException(message), UnrealCvResponse.ServerErrorId, ErrorCategory.InvalidResult, response)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Check the command against 'vget /unrealcv/help' and the object or camera names." },
            };
            _owner.WriteError(error);
        }

        /// <summary>No reply came: a stand-in response in the reply's place (when the caller wants one), then the error record.</summary>
        private void DeliverFailure(Sent sent, ClientException failure, int requestId, TimeSpan elapsed)
        {
            (string id, ErrorCategory category) = UnrealCvCmdlet.Describe(failure.Fault);
            var response = UnrealCvResponse.Failed(sent.Session, requestId, sent.Command, elapsed, id, failure.Message);
            if (_verbose) _owner.WriteVerbose($"{response.SessionName} -> #{requestId} {id} after {elapsed.TotalMilliseconds:0.###} ms");
            _onFailure?.Invoke(response, sent.Tag);
            _owner.WriteError(new ErrorRecord(failure, id, category, response));
        }
    }
}
