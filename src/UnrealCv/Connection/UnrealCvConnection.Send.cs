using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Replies;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>Sending: one request at a time onto the stream, every step bounded by the request's deadline and Ctrl+C.</summary>
    internal sealed partial class UnrealCvConnection
    {
        private const int SendSliceMilliseconds = 50;
        // A frame goes out in pieces of at most this size, each once the socket can take more, so that a peer that stops
        // reading stalls us between pieces (where the deadline and Ctrl+C are checked) rather than inside a send.
        private const int SendPieceBytes = 64 * 1024;

        // Room the kernel is sure to have after the socket polled writable: a Linux Unix socket polls writable with 3/4
        // of its send buffer free, TCP with at least 1/3. Sends are charged against a quarter of the buffer, each with
        // more bookkeeping than the kernel keeps for a small send, and the socket is polled again only once that is
        // spent: a small request costs one system call, not two. Zero (poll before every piece) off Linux.
        private const int SendBookkeepingBytes = 2048;
        private const int WantedSendBufferBytes = 1 << 20;
        private readonly int _sendCreditLimit;
        private int _sendCredit;    // under the send lock
        private long _sendPolls;

        private readonly object _sendLock = new object();
        private byte[] _sendBuffer = new byte[256];

        /// <summary>Times a send waited for the socket to be writable (tests).</summary>
        internal long SendPolls => Interlocked.Read(ref _sendPolls);

        private static int SendCreditLimit(Socket socket)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return 0;
            try
            {
                socket.SendBufferSize = WantedSendBufferBytes; // the kernel caps it at net.core.wmem_max (doubled)
                return socket.SendBufferSize / 4;
            }
            catch (SocketException)
            {
                return 0;
            }
        }

        /// <summary>Sends with the command's own reply shape, the default limit of 30 s and no Ctrl+C (tests, benchmarks).</summary>
        public RequestHandle Send(string command) => Send(command, ReplyShape.Of(command), TimeSpan.FromSeconds(30), CancellationToken.None);

        /// <summary>
        /// Sends one request and returns at once; the handle waits for the reply or lets go of it. The send itself is
        /// bounded by <paramref name="timeout"/> and Ctrl+C, waiting for the send lock included: a request that could not
        /// be written at all fails alone (Timeout, or OperationCanceledException) and the session stays healthy; one
        /// stuck halfway through its frame breaks the session, since the stream can no longer be trusted.
        /// </summary>
        public RequestHandle Send(string command, ReplyShape shape, TimeSpan timeout, CancellationToken cancel, LateReplies lateReplies = LateReplies.Drop)
        {
            CheckCommand(command);
            var deadline = Deadline.After(timeout);
            EnterSendLock(command, deadline, cancel);
            PendingRequest request;
            try
            {
                ThrowIfNotOpen();
                int id = _options.Ids.Next();
                request = _pool.Get();
                request.Start(id, command, shape, lateReplies);
                _table.Add(request);
                int length = RequestFrame.Write(ref _sendBuffer, id, command);
                try
                {
                    WriteFrame(length, request, deadline, cancel);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    Fail(new ClientException(ClientFault.SessionBroken, $"sending to {Description} failed: {e.Message}", e));
                }
            }
            finally
            {
                Monitor.Exit(_sendLock);
            }
            // The reader may have failed between our state check and the insert: then nobody else will complete it.
            // Once the frame is out, a failure is always delivered through the request, never thrown here.
            if (State != ConnectionState.Open && _table.TryTake(request.Id))
                request.Fail(_fault ?? new ClientException(ClientFault.SessionClosed, $"{Description} was closed while the request waited."));
            return new RequestHandle(this, request);
        }

        /// <summary>Takes the send lock, waiting no longer than the request may (another runspace's send may be stuck).</summary>
        private void EnterSendLock(string command, Deadline deadline, CancellationToken cancel)
        {
            while (!Monitor.TryEnter(_sendLock, Math.Min(SendSliceMilliseconds, deadline.RemainingMilliseconds)))
            {
                cancel.ThrowIfCancellationRequested();
                if (deadline.HasPassed)
                    throw new ClientException(ClientFault.Timeout,
                        $"'{command}' was not sent to {Description} within {deadline.Timeout.TotalSeconds:0.###} s: another request's send on this session is stuck (the binary is not reading). Raise -TimeoutSec, or check the binary.");
            }
        }

        /// <summary>Writes the encoded frame, honouring the deadline and Ctrl+C between pieces.</summary>
        private void WriteFrame(int length, PendingRequest request, Deadline deadline, CancellationToken cancel)
        {
            int sent = 0;
            while (sent < length)
            {
                int piece = Math.Min(SendPieceBytes, length - sent);
                int charge = piece + SendBookkeepingBytes;
                if (charge > _sendCredit)
                {
                    Interlocked.Increment(ref _sendPolls);
                    if (!_socket.Poll(SendSliceMilliseconds * 1000, SelectMode.SelectWrite))
                    {
                        if (StopSending(request, sent, length, deadline, cancel)) return;
                        continue;
                    }
                    _sendCredit = _sendCreditLimit;
                }
                // There is room for this piece, unless the buffer is tiny (then the piece goes right after a writable
                // poll); the socket's send timeout bounds that rare case, and a timed-out send breaks the link.
                sent += _socket.Send(_sendBuffer, sent, piece, SocketFlags.None);
                _sendCredit -= charge;
            }
        }

        /// <summary>
        /// The socket stayed full for a slice: false to keep trying. Past the deadline or on Ctrl+C, a request none of
        /// which is on the wire fails alone (thrown; the link stays in step); one cut short breaks the link (true).
        /// </summary>
        private bool StopSending(PendingRequest request, int sent, int length, Deadline deadline, CancellationToken cancel)
        {
            bool cancelled = cancel.IsCancellationRequested;
            if (!cancelled && !deadline.HasPassed) return false;
            if (sent == 0)
            {
                // No handle was given out: the request ends here.
                _table.TryTake(request.Id);
                End(request, request.Generation);
                if (cancelled) throw new OperationCanceledException(cancel);
                throw new ClientException(ClientFault.Timeout,
                    $"'{request.Command}' could not be sent to {Description} within {deadline.Timeout.TotalSeconds:0.###} s: the binary is not reading (busy, hung, or paused in a debugger). The session is still usable.");
            }
            string why = cancelled ? "stopped (Ctrl+C)" : $"not done within {deadline.Timeout.TotalSeconds:0.###} s";
            Fail(new ClientException(ClientFault.SessionBroken,
                $"sending '{Truncate(request.Command)}' to {Description} was {why} after {sent} of {length} bytes; a frame cut short leaves the stream out of step."));
            if (cancelled) throw new OperationCanceledException(cancel);
            return true; // the failure reaches the caller through the request
        }

        /// <summary>The plugin reads commands byte by byte as ANSI and stops at a line break or NUL: refuse what it would mangle.</summary>
        internal static void CheckCommand(string command)
        {
            if (string.IsNullOrWhiteSpace(command))
                throw new ClientException(ClientFault.InvalidCommand, "the command is empty. Give an UnrealCV command such as 'vget /unrealcv/status'.");
            foreach (char c in command)
            {
                if (c < 0x20 || c > 0x7E)
                    throw new ClientException(ClientFault.InvalidCommand,
                        $"the command '{command}' contains the character U+{(int)c:X4}; UnrealCV reads commands as plain ASCII on one line, so remove it.");
            }
        }
    }
}
