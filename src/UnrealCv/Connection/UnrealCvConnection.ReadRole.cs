using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>
    /// Who reads (leader/follower). A caller waiting for its reply takes the read role when it is free and reads from
    /// the socket itself, so a reply reaches it without a wake-up through another thread; it routes every frame that
    /// comes meanwhile, completing other callers' requests (followers, who sleep until a request of theirs completes
    /// or the role comes free). The background reader reads only while no caller has waited for a moment: server
    /// messages, replies to requests let go, the welcome. Every read waits in slices, so no wait outlasts its deadline
    /// or Ctrl+C, and the role is held only while a thread polls or copies, never across a caller's return.
    /// </summary>
    internal sealed partial class UnrealCvConnection
    {
        private const int SliceMilliseconds = 50;
        // The background reader stands back while callers have waited within this long: a caller in a loop is
        // between two requests, and reading its next reply itself is what makes it fast.
        private static readonly long BackOffTicks = Stopwatch.Frequency / 500; // 2 ms
        private const int BackgroundPollMicroseconds = 1_000_000;

        private int _readRole;           // 1 while a thread reads
        private int _callersWaiting;     // callers inside WaitForReply
        private int _followers;          // of those, the ones sleeping while another reads
        private long _lastCallerLeft;    // Stopwatch timestamp
        private readonly object _followerGate = new object();

        private bool TryTakeReadRole() => Interlocked.CompareExchange(ref _readRole, 1, 0) == 0;

        private void ReleaseReadRole()
        {
            Interlocked.Exchange(ref _readRole, 0);
            WakeFollowers();
        }

        /// <summary>After a request completed or the role came free: followers look again (one may lead now).</summary>
        private void WakeFollowers()
        {
            if (Volatile.Read(ref _followers) == 0) return;
            lock (_followerGate) Monitor.PulseAll(_followerGate);
        }

        /// <summary>
        /// Waits until <paramref name="request"/> is completed (true) or <paramref name="deadline"/> passes (false),
        /// reading from the socket itself whenever nobody else is. Throws OperationCanceledException on Ctrl+C.
        /// </summary>
        private bool WaitForReply(PendingRequest request, Deadline deadline, CancellationToken cancel)
        {
            if (request.IsCompleted) return true;
            Interlocked.Increment(ref _callersWaiting);
            try
            {
                while (!request.IsCompleted)
                {
                    cancel.ThrowIfCancellationRequested();
                    int slice = Math.Min(SliceMilliseconds, deadline.RemainingMilliseconds);
                    if (slice <= 0) return false;
                    if (State != ConnectionState.Open)
                        request.Wait(slice, cancel); // failing or closing: the pending requests are being failed
                    else if (TryTakeReadRole())
                        Lead(request, slice);
                    else
                        Follow(request, slice);
                }
                return true;
            }
            finally
            {
                Volatile.Write(ref _lastCallerLeft, Stopwatch.GetTimestamp());
                Interlocked.Decrement(ref _callersWaiting);
            }
        }

        /// <summary>Holding the read role: reads until the request is completed or a slice passes without bytes.</summary>
        private void Lead(PendingRequest request, int sliceMilliseconds)
        {
            try
            {
                while (!request.IsCompleted && ReadStep(sliceMilliseconds * 1000)) { }
            }
            finally
            {
                ReleaseReadRole();
            }
        }

        private void Follow(PendingRequest request, int sliceMilliseconds)
        {
            Interlocked.Increment(ref _followers);
            try
            {
                lock (_followerGate)
                {
                    if (!request.IsCompleted && Volatile.Read(ref _readRole) == 1) Monitor.Wait(_followerGate, sliceMilliseconds);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _followers);
            }
        }

        /// <summary>
        /// One read by the holder of the role: false when nothing came within the wait. Any fault of the stream breaks
        /// the link, which fails every pending request (this caller's included) with the reason.
        /// </summary>
        private bool ReadStep(int microseconds)
        {
            try
            {
                if (!_socket.Poll(microseconds, SelectMode.SelectRead)) return false;
                ReceiveAndRoute();
                return true;
            }
            catch (Exception e)
            {
                Fail(AsClientException(e));
                return false;
            }
        }

        private ClientException AsClientException(Exception e)
        {
            if (e is ClientException client) return client;
            bool peerBrokeProtocol = e is WireException w && w.Fault != WireFault.ClosedMidFrame;
            return new ClientException(peerBrokeProtocol ? ClientFault.ProtocolViolation : ClientFault.SessionBroken,
                $"the connection to {Description} failed: {e.Message}", e);
        }

        /// <summary>The background reader: reads when no caller is waiting and none has waited for a moment.</summary>
        private void BackgroundRead()
        {
            while (State == ConnectionState.Open)
            {
                bool callersActive = Volatile.Read(ref _callersWaiting) > 0
                    || Stopwatch.GetTimestamp() - Volatile.Read(ref _lastCallerLeft) < BackOffTicks;
                if (callersActive)
                {
                    Thread.Sleep(2);
                    continue;
                }
                try
                {
                    // Polled without the role, so that a caller arriving meanwhile can lead at once.
                    if (!_socket.Poll(BackgroundPollMicroseconds, SelectMode.SelectRead)) continue;
                }
                catch (Exception e)
                {
                    Fail(AsClientException(e));
                    return;
                }
                if (!TryTakeReadRole()) continue; // a caller reads it
                try
                {
                    // The caller that led may have taken these bytes between our poll and the role: poll again, at once.
                    ReadStep(0);
                }
                finally
                {
                    ReleaseReadRole();
                }
            }
        }
    }
}
