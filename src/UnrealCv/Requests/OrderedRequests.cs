using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Requests
{
    /// <summary>
    /// A run of commands across sessions, one outcome per command in the order they were given, run on the pipeline
    /// thread: each request is sent at once, up to a window ahead of its reply, and outcomes are handed back strictly in
    /// input order. Every request has exactly one outcome: its reply, or its failure (an error reply, or no reply:
    /// timeout, broken session, refused command), which is also written as an error record with a stable id. Nothing
    /// is written from another thread. Each request carries a <typeparamref name="TTag"/>, handed back with its outcome.
    /// </summary>
    internal sealed class OrderedRequests<TTag>
    {
        /// <summary>A request given to the run, with its session, the handle of what was sent (on the link it was sent on: a
        /// transport switch may replace the session's link meanwhile) and what the caller wants back with its outcome; or,
        /// for one refused before it reached the wire, why.</summary>
        private readonly struct Sent
        {
            public Sent(UnrealCvSession session, RequestHandle request, TimeSpan sentAt, TTag tag)
            {
                Session = session;
                Request = request;
                Command = request.Command;
                SentAt = sentAt;
                Tag = tag;
                Refused = null;
            }

            public Sent(UnrealCvSession session, string command, ClientException refused, TTag tag)
            {
                Session = session;
                Request = default;
                Command = command;
                SentAt = TimeSpan.Zero;
                Tag = tag;
                Refused = refused;
            }

            public UnrealCvSession Session { get; }
            public RequestHandle Request { get; }
            public string Command { get; }

            /// <summary>On the run's clock, for the duration of a failure.</summary>
            public TimeSpan SentAt { get; }
            public TTag Tag { get; }

            /// <summary>Why the request never reached the wire; null when it was sent.</summary>
            public ClientException? Refused { get; }

            public bool IsCompleted => Refused != null || Request.IsCompleted;
        }

        private readonly Queue<Sent> _inFlight = new Queue<Sent>();
        private readonly IRequestHost _host;
        private readonly Action<UnrealCvResponse, TTag> _onReply;
        private readonly Action<UnrealCvResponse, TTag>? _onFailure;
        private readonly bool _verbose;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ProgressRecord _progress;
        private long _lastProgressMs;
        private int _delivered;
        private bool _progressShown;

        /// <param name="host">The command whose streams receive errors, warnings and verbose lines, and whose Ctrl+C stops the run.</param>
        /// <param name="onReply">Called for every successful reply, in order, with the tag given to <see cref="Send"/>.</param>
        /// <param name="onFailure">
        /// Called, in the same order, for every request that failed (IsError: an error reply, or a stand-in for the reply
        /// that never came), just before its error record is written; null when failures only write the error record.
        /// </param>
        public OrderedRequests(IRequestHost host, Action<UnrealCvResponse, TTag> onReply, Action<UnrealCvResponse, TTag>? onFailure = null)
        {
            _host = host;
            _onReply = onReply;
            _onFailure = onFailure;
            _verbose = host.IsVerbose;
            _progress = new ProgressRecord(0x55435632, host.CommandName, "sending requests");
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

        /// <summary>
        /// Nobody waits for these replies (-NoWait): error replies become warnings, and a request let go keeps its error
        /// reply for <see cref="ReportDetachedFailures"/>.
        /// </summary>
        public bool FireAndForget { get; set; }

        /// <summary>Sends one request, then hands back the outcomes that are ready (waiting only if the window is full).</summary>
        public void Send(UnrealCvSession session, string command, TTag tag = default!)
        {
            try
            {
                UnrealCvConnection link = session.ConnectionForSend();
                if (ObjectColors.Changes(command)) session.ObjectColors.Forget();
                RequestHandle request = link.Send(command, ReplyShape.Of(command), Timeout ?? session.Timeout, _host.Cancellation,
                    FireAndForget ? LateReplies.ReportErrors : LateReplies.Drop);
                if (_verbose) _host.WriteVerbose($"{session.Name} <- #{request.Id} {command}");
                _inFlight.Enqueue(new Sent(session, request, _clock.Elapsed, tag));
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
            _host.WriteProgress(_progress);
        }

        /// <summary>Long runs (many requests, a fan-out, a slow binary) report progress at most four times a second.</summary>
        private void ReportProgress()
        {
            long now = _clock.ElapsedMilliseconds;
            if (now < 1000 || now - _lastProgressMs < 250) return;
            _lastProgressMs = now;
            _progressShown = true;
            _progress.StatusDescription = $"{_delivered} replies received, {_inFlight.Count} in flight";
            _host.WriteProgress(_progress);
        }

        /// <summary>
        /// Ends the run without waiting (-NoWait): hands back the outcomes that have come, and lets go of the requests still
        /// out; the reader still drains and matches their replies, and their errors are reported by
        /// <see cref="ReportDetachedFailures"/> later.
        /// </summary>
        public void FlushWithoutWaiting()
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                if (sent.Refused != null)
                {
                    DeliverFailure(sent, sent.Refused, 0, TimeSpan.Zero);
                    continue;
                }
                if (!sent.Request.IsCompleted)
                {
                    sent.Request.LetGo();
                    continue;
                }
                // Ended before we let go: check it here. A broken link reaches no waiter, so say so now.
                if (WaitFor(sent, out Reply reply) is ClientException failure)
                    _host.WriteWarning($"'{sent.Command}' (a -NoWait request) on {sent.Session.Name} failed: {failure.Message}");
                else
                    Deliver(sent, reply);
            }
        }

        /// <summary>Stopped or failed mid-stream: lets go of the requests still out, so their replies are dropped, not misdelivered.</summary>
        public void LetGo()
        {
            while (_inFlight.Count > 0)
            {
                Sent sent = _inFlight.Dequeue();
                if (sent.Refused == null) sent.Request.LetGo();
            }
        }

        /// <summary>Warns about error replies to earlier -NoWait requests on these sessions.</summary>
        public void ReportDetachedFailures(IEnumerable<UnrealCvSession> sessions)
        {
            foreach (UnrealCvSession session in sessions)
                while (session.Connection.TryTakeUnobservedError(out FireAndForgetFailure? failure))
                    _host.WriteWarning($"'{failure!.Command}' (a -NoWait request, #{failure.RequestId}) failed on {session.Name}: {failure.Message}");
        }

        private void Drain(int untilInFlightBelow)
        {
            while (_inFlight.Count > 0)
            {
                Sent head = _inFlight.Peek();
                if (!head.IsCompleted && _inFlight.Count < untilInFlightBelow) return;
                _inFlight.Dequeue();
                if (head.Refused != null)
                    DeliverFailure(head, head.Refused, 0, TimeSpan.Zero);
                else if (WaitFor(head, out Reply reply) is ClientException failure)
                    DeliverFailure(head, failure, head.Request.Id, _clock.Elapsed - head.SentAt);
                else
                    Deliver(head, reply);
                _delivered++;
                ReportProgress();
            }
        }

        /// <summary>Waits for a sent request's reply; the client-side failure when none came.</summary>
        private ClientException? WaitFor(Sent sent, out Reply reply)
        {
            try
            {
                reply = sent.Request.Wait(Timeout ?? sent.Session.Timeout, _host.Cancellation);
                return null;
            }
            catch (ClientException e)
            {
                reply = default;
                return e;
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Deliver(Sent sent, Reply reply)
        {
            var response = new UnrealCvResponse(sent.Session, reply.Id, reply.Command, reply.Shape, reply.Text, reply.Bytes, reply.Elapsed);
            if (_verbose)
            {
                while (sent.Session.Connection.Ids.TryTakeStrayNote(out string? note)) _host.WriteVerbose(note!);
                _host.WriteVerbose($"{response.SessionName} -> #{response.RequestId} {(response.IsBinary ? response.Bytes!.Length + " bytes" : response.Text!.Length + " chars")} in {response.Duration.TotalMilliseconds:0.###} ms");
            }
            if (!response.IsError)
            {
                _onReply(response, sent.Tag);
                return;
            }
            string message = $"'{response.Command}' failed on {response.SessionName}: {response.ErrorMessage}";
            if (FireAndForget)
            {
                _host.WriteWarning(message);
                return;
            }
            _onFailure?.Invoke(response, sent.Tag);
            var error = new ErrorRecord(new InvalidOperationException(message), UnrealCvResponse.ServerErrorId, ErrorCategory.InvalidResult, response)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Check the command against 'vget /unrealcv/help' and the object or camera names." },
            };
            _host.WriteError(error);
        }

        /// <summary>No reply came: a stand-in response in the reply's place (when the caller wants one), then the error record.</summary>
        private void DeliverFailure(Sent sent, ClientException failure, int requestId, TimeSpan elapsed)
        {
            (string id, ErrorCategory category) = ErrorRecords.Describe(failure.Fault);
            var response = UnrealCvResponse.Failed(sent.Session, requestId, sent.Command, elapsed, id, failure.Message);
            if (_verbose) _host.WriteVerbose($"{response.SessionName} -> #{requestId} {id} after {elapsed.TotalMilliseconds:0.###} ms");
            _onFailure?.Invoke(response, sent.Tag);
            _host.WriteError(new ErrorRecord(failure, id, category, response));
        }
    }
}
