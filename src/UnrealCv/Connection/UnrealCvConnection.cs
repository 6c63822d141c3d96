using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Microsoft.Extensions.ObjectPool;
using UnrealCv.Common;
using UnrealCv.Replies;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>
    /// One live link to one binary: the welcome, the table of pending requests, and one reader thread that
    /// only completes pending requests or queues server messages. Ids come from the session's
    /// <see cref="RequestIds"/>, so they never repeat across its links. Any number of threads may send and
    /// wait at once; replies are matched by id, so each caller gets its own. A request that timed out leaves
    /// its id behind so its late reply is dropped instead of answering someone else, and a reply with an id
    /// this link is not waiting for (an earlier link's, another client's) is dropped and counted. Any fault
    /// of the stream fails every pending request at once and leaves the link Broken. No PowerShell types here.
    /// </summary>
    internal sealed class UnrealCvConnection : IDisposable
    {
        private const int MaxKeptScratchBytes = 1 << 20;
        // The welcome is one short line ("connected to <project>"); a longer first frame is no UnrealCV server.
        private const int MaxWelcomeBytes = 4096;

        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly FrameReader _reader;
        private readonly Thread _readerThread;
        private readonly ConnectionOptions _options;
        private readonly object _sendLock = new object();
        // Requests waiting for their reply, by id. A plain dictionary under a lock: unlike a concurrent one it
        // allocates nothing per request, and every critical section is a lookup or two.
        private readonly Dictionary<int, PendingRequest> _pending = new Dictionary<int, PendingRequest>();
        // Ids whose caller stopped waiting, under the same lock, so that the reader sees a request either waiting
        // or let go, never neither. The value is the command when its error reply should still be reported
        // (fire-and-forget), null when the reply is simply dropped (timeout, Ctrl+C).
        private readonly Dictionary<int, string?> _abandoned = new Dictionary<int, string?>();
        private readonly ConcurrentQueue<FireAndForgetFailure> _unobservedErrors = new ConcurrentQueue<FireAndForgetFailure>();
        private readonly SemaphoreSlim _messageArrived = new SemaphoreSlim(0);
        private readonly ConcurrentQueue<ServerMessage> _messages = new ConcurrentQueue<ServerMessage>();
        private readonly ObjectPool<PendingRequest> _pool = new DefaultObjectPool<PendingRequest>(new PendingRequest.Policy(), 256);
        private readonly ManualResetEventSlim _welcomed = new ManualResetEventSlim();
        private byte[] _sendBuffer = new byte[256];
        private byte[] _scratch = new byte[4096];
        private int _state = (int)ConnectionState.Open;
        private volatile ClientException? _fault;
        private readonly object _stateLock = new object();

        private UnrealCvConnection(Socket socket, ConnectionOptions options)
        {
            _socket = socket;
            _options = options;
            _stream = new NetworkStream(socket, ownsSocket: true);
            _reader = new FrameReader(_stream, options.MaxFrameBytes);
            _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = "UnrealCv reader " + options.Description };
            // The backstop for a piece that blocks although the socket was writable; such a send breaks the link.
            _socket.SendTimeout = 5000;
        }

        /// <summary>
        /// Takes a connected socket, waits for the welcome and returns the open link. On failure the socket is closed.
        /// </summary>
        public static UnrealCvConnection Open(Socket socket, ConnectionOptions options, TimeSpan welcomeTimeout, CancellationToken cancel)
        {
            var connection = new UnrealCvConnection(socket, options);
            try
            {
                connection._readerThread.Start();
                bool welcomed = connection._welcomed.Wait(Deadline.After(welcomeTimeout).RemainingMilliseconds, cancel);
                if (connection._fault != null) throw connection._fault;
                if (!welcomed)
                    throw new ClientException(ClientFault.NoWelcome,
                        $"connected to {options.Description}, but no welcome within {welcomeTimeout.TotalSeconds:0.###} s: UnrealCV serves one client at a time, so another client may be connected, or the binary is still loading. Close the other client or wait longer (-TimeoutSec).");
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

        /// <summary>Why the link broke, when it did.</summary>
        public ClientException? Fault => _fault;

        /// <summary>The welcome text, e.g. "connected to RealisticRendering".</summary>
        public string Welcome { get; private set; } = "";

        /// <summary>The project named in the welcome, taken from it once.</summary>
        public string ProjectName { get; private set; } = "";

        public string Description => _options.Description;

        /// <summary>The session's ids and its count of dropped stray replies, shared with the links before and after this one.</summary>
        public RequestIds Ids => _options.Ids;

        /// <summary>The limit on one reply's size this link enforces.</summary>
        public long MaxFrameBytes => _options.MaxFrameBytes;

        /// <summary>Requests sent and not yet answered or abandoned.</summary>
        public int PendingCount
        {
            get { lock (_pending) return _pending.Count; }
        }

        /// <summary>Requests whose replies are still to come: pending ones and detached (-NoWait) ones.</summary>
        public int InFlightCount
        {
            get
            {
                lock (_pending)
                {
                    int detached = 0;
                    foreach (var entry in _abandoned) if (entry.Value != null) detached++;
                    return _pending.Count + detached;
                }
            }
        }

        /// <summary>Frames the server sent without a request id since the welcome, oldest first.</summary>
        public bool TryTakeMessage(out ServerMessage? message) => _messages.TryDequeue(out message);

        public int MessageCount => _messages.Count;

        /// <summary>Sends with the command's own reply shape, the default limit of 30 s and no Ctrl+C (tests, benchmarks).</summary>
        public PendingRequest Send(string command) => Send(command, ReplyShape.Of(command), TimeSpan.FromSeconds(30), CancellationToken.None);

        /// <summary>
        /// Sends one request and returns at once; wait for the reply with <see cref="WaitForReply"/>. The send itself is
        /// bounded by <paramref name="timeout"/> and Ctrl+C, waiting for the send lock included: a request that could not
        /// be written at all fails alone (Timeout, or OperationCanceledException) and the session stays healthy; one
        /// stuck halfway through its frame breaks the session, since the stream can no longer be trusted.
        /// </summary>
        public PendingRequest Send(string command, ReplyShape shape, TimeSpan timeout, CancellationToken cancel)
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
                request.Start(id, command, shape);
                lock (_pending) _pending[id] = request;
                int length = EncodeRequest(id, command);
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
            if (State != ConnectionState.Open && TryRemovePending(request.Id))
                request.Fail(_fault ?? new ClientException(ClientFault.SessionClosed, $"{Description} was closed while the request waited."));
            return request;
        }

        private const int SendSliceMilliseconds = 50;
        // A frame goes out in pieces of at most this size, each once the socket can take more, so that a peer that stops
        // reading stalls us between pieces (where the deadline and Ctrl+C are checked) rather than inside a send.
        private const int SendPieceBytes = 64 * 1024;

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
                if (!_socket.Poll(SendSliceMilliseconds * 1000, SelectMode.SelectWrite))
                {
                    bool cancelled = cancel.IsCancellationRequested;
                    if (!cancelled && !deadline.HasPassed) continue;
                    string why = cancelled ? "stopped (Ctrl+C)" : $"not done within {deadline.Timeout.TotalSeconds:0.###} s";
                    if (sent == 0)
                    {
                        // Nothing of it is on the wire: the request fails alone and the link stays in step.
                        if (TryRemovePending(request.Id)) _pool.Return(request);
                        if (cancelled) throw new OperationCanceledException(cancel);
                        throw new ClientException(ClientFault.Timeout,
                            $"'{request.Command}' could not be sent to {Description} within {deadline.Timeout.TotalSeconds:0.###} s: the binary is not reading (busy, hung, or paused in a debugger). The session is still usable.");
                    }
                    Fail(new ClientException(ClientFault.SessionBroken,
                        $"sending '{Truncate(request.Command)}' to {Description} was {why} after {sent} of {length} bytes; a frame cut short leaves the stream out of step."));
                    if (cancelled) throw new OperationCanceledException(cancel);
                    return; // the failure reaches the caller through the request
                }
                // Writable: the kernel takes at least this much without blocking, unless the buffer is tiny; the
                // socket's send timeout bounds that rare case, and a timed-out send breaks the link.
                sent += _socket.Send(_sendBuffer, sent, Math.Min(SendPieceBytes, length - sent), SocketFlags.None);
            }
        }

        /// <summary>
        /// Waits for a request's reply until <paramref name="timeout"/> after it was sent. On timeout or Ctrl+C the id is
        /// remembered so the late reply is dropped. Throws ClientException (timeout, broken) or OperationCanceledException.
        /// </summary>
        public void WaitForReply(PendingRequest request, TimeSpan timeout, CancellationToken cancel)
        {
            bool done;
            try
            {
                done = request.Wait(Deadline.From(request.SentAt, timeout).RemainingMilliseconds, cancel);
            }
            catch (OperationCanceledException)
            {
                Abandon(request);
                throw;
            }
            if (!done)
            {
                if (Abandon(request))
                    throw new ClientException(ClientFault.Timeout,
                        $"no reply to '{request.Command}' (request {request.Id}) from {Description} within {timeout.TotalSeconds:0.###} s. The binary may be busy (a large capture), paused, or still loading; raise -TimeoutSec. Its late reply will be dropped, so later requests stay in step.");
                // The reader took it off the table an instant ago and is completing it.
                if (!request.Wait(10000, CancellationToken.None))
                    throw new ClientException(ClientFault.Timeout, $"the reply to '{request.Command}' (request {request.Id}) from {Description} was taken but never completed.");
            }
            if (request.Failure != null) throw (request.Failure as ClientException) ?? new ClientException(ClientFault.SessionBroken, request.Failure.Message, request.Failure);
        }

        /// <summary>Gives a completed request back for reuse once its reply has been taken.</summary>
        public void Release(PendingRequest request) => _pool.Return(request);

        /// <summary>Gives up on a request (its caller stopped): its late reply will be dropped. False if it already completed.</summary>
        public bool Abandon(PendingRequest request) => Abandon(request, reportErrors: false);

        /// <summary>
        /// Lets a request go on without a waiter: its reply is still read and matched (nothing misaligns), and an
        /// <c>error …</c> reply is kept for <see cref="TryTakeUnobservedError"/>. Returns false if it already completed.
        /// </summary>
        public bool Detach(PendingRequest request) => Abandon(request, reportErrors: true);

        /// <summary>Takes a request off the table; only the one who takes it may complete or abandon it.</summary>
        private bool TryRemovePending(int id)
        {
            lock (_pending) return _pending.Remove(id);
        }

        private bool Abandon(PendingRequest request, bool reportErrors)
        {
            lock (_pending)
            {
                if (!_pending.Remove(request.Id)) return false;
                _abandoned[request.Id] = reportErrors ? request.Command : null;
                return true;
            }
        }

        /// <summary>An error reply to a detached (fire-and-forget) request, oldest first.</summary>
        public bool TryTakeUnobservedError(out FireAndForgetFailure? failure) => _unobservedErrors.TryDequeue(out failure);

        /// <summary>Waits until a server message may be available; false on timeout.</summary>
        public bool WaitForMessage(int milliseconds, CancellationToken cancel) =>
            !_messages.IsEmpty || _messageArrived.Wait(milliseconds, cancel);

        private int EncodeRequest(int id, string command)
        {
            int needed = Frame.HeaderSize + 11 + command.Length;
            if (_sendBuffer.Length < needed) _sendBuffer = new byte[Math.Max(needed, _sendBuffer.Length * 2)];
            int pos = Frame.HeaderSize;
            pos = WriteDigits(_sendBuffer, pos, id);
            _sendBuffer[pos++] = (byte)':';
            for (int i = 0; i < command.Length; i++) _sendBuffer[pos++] = (byte)command[i];
            Frame.WriteHeader(_sendBuffer, 0, pos - Frame.HeaderSize);
            return pos;
        }

        private static int WriteDigits(byte[] buffer, int pos, int value)
        {
            int digits = 1;
            for (int v = value; v >= 10; v /= 10) digits++;
            for (int i = digits - 1; i >= 0; i--, value /= 10) buffer[pos + i] = (byte)('0' + value % 10);
            return pos + digits;
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

        private void ReadLoop()
        {
            try
            {
                while (true)
                {
                    int length = _reader.ReadHeader();
                    if (length < 0)
                        throw new ClientException(ClientFault.SessionBroken, $"{Description} closed the connection (the binary exited, or another client took over).");
                    int head = Math.Min(length, MessagePrefix.MaxDigits + 1);
                    EnsureScratch(head);
                    _reader.ReadExactly(_scratch, 0, head);
                    if (MessagePrefix.TryParse(_scratch, 0, head, out int id, out int bodyOffset))
                        ReadReply(id, bodyOffset, head, length);
                    else
                        ReadServerMessage(head, length);
                }
            }
            catch (Exception e)
            {
                bool peerBrokeProtocol = e is WireException w && w.Fault != WireFault.ClosedMidFrame;
                Fail(e as ClientException ?? new ClientException(
                    peerBrokeProtocol ? ClientFault.ProtocolViolation : ClientFault.SessionBroken,
                    $"the connection to {Description} failed: {e.Message}", e));
            }
        }

        private void ReadReply(int id, int bodyOffset, int head, int length)
        {
            PendingRequest? request;
            string? detachedCommand = null;
            bool letGo;
            lock (_pending)
            {
                // Waiting, let go or unknown, decided in one step: Abandon moves an id from one table to the other under this lock.
                letGo = !_pending.TryGetValue(id, out request) && _abandoned.TryGetValue(id, out detachedCommand);
                if (letGo) _abandoned.Remove(id);
            }
            if (request == null)
            {
                if (!letGo)
                {
                    // Not ours: the binary answers whoever is connected, so this is the late reply to a request of an
                    // earlier link of the session or of another client. Our own ids never repeat, so nothing misaligns.
                    _options.Ids.RecordStray(id, length - bodyOffset, Description);
                    Skip(length - head);
                    return;
                }
                if (detachedCommand == null)
                {
                    Skip(length - head);
                    return;
                }
                string reply = ReadText(bodyOffset, head, length);
                if (ErrorReply.MessageOf(reply) is string message)
                {
                    _unobservedErrors.Enqueue(new FireAndForgetFailure(id, detachedCommand, message));
                    while (_unobservedErrors.Count > _options.MaxMessages && _unobservedErrors.TryDequeue(out _)) { }
                }
                return;
            }

            string? text = null;
            byte[]? bytes = null;
            int bodyLength = length - bodyOffset;
            if (request.Shape.IsBinary)
            {
                bytes = ReadBody(bodyOffset, head, bodyLength);
                if (ReplyShape.IsTextFallback(bytes))
                {
                    text = Encoding.UTF8.GetString(bytes);
                    bytes = null;
                }
            }
            else
            {
                text = ReadText(bodyOffset, head, length);
            }

            bool stillWaiting;
            lock (_pending)
            {
                stillWaiting = _pending.Remove(id);
                if (!stillWaiting) _abandoned.Remove(id); // its caller gave up while we were reading the body
            }
            if (stillWaiting) request.Complete(text, bytes);
        }

        private void ReadServerMessage(int head, int length)
        {
            if (!_welcomed.IsSet && length > MaxWelcomeBytes)
                throw new ClientException(ClientFault.ProtocolViolation, $"{Description} greeted with a frame of {length} bytes instead of the short UnrealCV welcome 'connected to <project>'; is this an UnrealCV port?");
            string text = ReadText(0, head, length);
            if (!_welcomed.IsSet)
            {
                if (!text.StartsWith("connected", StringComparison.Ordinal))
                    throw new ClientException(ClientFault.ProtocolViolation, $"{Description} greeted with '{Truncate(text)}' instead of the UnrealCV welcome 'connected to <project>'; is this an UnrealCV port?");
                Welcome = text;
                const string prefix = "connected to ";
                ProjectName = text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : text;
                _welcomed.Set();
                return;
            }
            _messages.Enqueue(new ServerMessage(_options.SessionId, text, DateTime.Now));
            while (_messages.Count > _options.MaxMessages && _messages.TryDequeue(out _)) { }
            _messageArrived.Release();
        }

        // Memory is committed as bytes arrive, not as a header announces them: a 28-byte frame claiming 512 MiB costs
        // at most this much until the bytes really come. Replies up to this size land in their array in one read.
        private const int UpfrontBytes = 16 * 1024 * 1024;

        /// <summary>
        /// Reads a binary body into an array of exactly its length; the first <c>inHead</c> bytes are already in the
        /// scratch buffer. Beyond <see cref="UpfrontBytes"/> the array doubles as the bytes arrive, the last step being exact.
        /// </summary>
        private byte[] ReadBody(int bodyOffset, int head, int bodyLength)
        {
            int inHead = head - bodyOffset;
            var body = new byte[Math.Min(bodyLength, UpfrontBytes)];
            Buffer.BlockCopy(_scratch, bodyOffset, body, 0, inHead);
            int have = inHead;
            while (true)
            {
                _reader.ReadExactly(body, have, body.Length - have);
                have = body.Length;
                if (have == bodyLength) return body;
                var bigger = new byte[(int)Math.Min(bodyLength, 2L * have)];
                Buffer.BlockCopy(body, 0, bigger, 0, have);
                body = bigger;
            }
        }

        /// <summary>Reads the rest of a text frame into the reusable scratch buffer (grown as bytes arrive) and decodes it.</summary>
        private string ReadText(int start, int have, int length)
        {
            while (have < length)
            {
                EnsureScratch((int)Math.Min(length, Math.Max(2L * have, 64 * 1024)));
                int piece = Math.Min(length, _scratch.Length) - have;
                _reader.ReadExactly(_scratch, have, piece);
                have += piece;
            }
            string text = Encoding.UTF8.GetString(_scratch, start, length - start);
            if (_scratch.Length > MaxKeptScratchBytes) _scratch = new byte[4096];
            return text;
        }

        private void Skip(int count)
        {
            EnsureScratch(Math.Min(count, 64 * 1024));
            while (count > 0)
            {
                int n = Math.Min(count, _scratch.Length);
                _reader.ReadExactly(_scratch, 0, n);
                count -= n;
            }
        }

        private void EnsureScratch(int size)
        {
            if (_scratch.Length >= size) return;
            var bigger = new byte[Math.Max(size, (int)Math.Min(FrameReader.MaxSupportedPayloadBytes, 2L * _scratch.Length))];
            Buffer.BlockCopy(_scratch, 0, bigger, 0, _scratch.Length);
            _scratch = bigger;
        }

        private static string Truncate(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";

        private void ThrowIfNotOpen()
        {
            switch (State)
            {
                case ConnectionState.Broken:
                    throw new ClientException(ClientFault.SessionBroken, $"{Description} is broken: {_fault?.Message ?? ReconnectHint}", _fault);
                case ConnectionState.Closed:
                    throw new ClientException(ClientFault.SessionClosed, $"{Description} is closed. Connect again with Connect-UnrealCv.");
            }
        }

        private const string ReconnectHint = "The session is broken: Disconnect-UnrealCv it and connect again with Connect-UnrealCv.";

        /// <summary>
        /// Marks a link that was closed on purpose (for a transport switch) as broken after all, with the reason the
        /// session could not go on, so that the next request says why.
        /// </summary>
        public void MarkBroken(ClientException reason)
        {
            if (!TryMove(ConnectionState.Closed, ConnectionState.Broken, reason)) Fail(reason);
        }

        /// <summary>
        /// One state change at a time; the fault is recorded before the new state is visible, so whoever sees
        /// Broken also sees why.
        /// </summary>
        private bool TryMove(ConnectionState from, ConnectionState to, ClientException? fault)
        {
            lock (_stateLock)
            {
                if (State != from) return false;
                if (fault != null) _fault = fault;
                Volatile.Write(ref _state, (int)to);
                return true;
            }
        }

        /// <summary>Marks the link broken, frees the socket and fails every pending request with the cause.</summary>
        private void Fail(ClientException fault)
        {
            string cause = fault.Message.TrimEnd();
            if (!cause.EndsWith(".", StringComparison.Ordinal) && !cause.EndsWith(")", StringComparison.Ordinal)) cause += ".";
            // Before the welcome no session exists yet, so there is none to disconnect: no such advice then.
            string hint = _welcomed.IsSet ? " " + ReconnectHint : "";
            fault = new ClientException(fault.Fault, cause + hint, fault.InnerException ?? fault);
            if (!TryMove(ConnectionState.Open, ConnectionState.Broken, fault)) return;
            _welcomed.Set(); // wake Open() if it is still waiting
            _messageArrived.Release(); // and anyone waiting for a message
            CloseSocket();
            FailPending(fault);
        }

        private void FailPending(ClientException fault)
        {
            List<PendingRequest> failed;
            lock (_pending)
            {
                failed = new List<PendingRequest>(_pending.Values);
                _pending.Clear();
            }
            foreach (PendingRequest request in failed) request.Fail(fault);
        }

        private void CloseSocket()
        {
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            _stream.Dispose();
        }

        /// <summary>Closes the link; pending requests fail with "closed". Never throws.</summary>
        public void Dispose()
        {
            if (TryMove(ConnectionState.Open, ConnectionState.Closed, null))
            {
                CloseSocket();
                FailPending(new ClientException(ClientFault.SessionClosed, $"{Description} was closed while the request waited."));
            }
            if (Thread.CurrentThread != _readerThread && _readerThread.IsAlive) _readerThread.Join(1000);
        }
    }

    /// <summary>An error reply to a request sent without waiting (Invoke-UnrealCvRequest -NoWait).</summary>
    public sealed class FireAndForgetFailure
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

    /// <summary>Settings of one link.</summary>
    internal sealed class ConnectionOptions
    {
        public ConnectionOptions(string description, int sessionId)
        {
            Description = description;
            SessionId = sessionId;
        }

        /// <summary>Names the link in every message, e.g. "session 'Sim1' (localhost:9000)".</summary>
        public string Description { get; }
        public int SessionId { get; }
        public long MaxFrameBytes { get; set; } = 512L * 1024 * 1024;
        public int MaxMessages { get; set; } = 1000;

        /// <summary>Where request ids come from; a session passes its own to every link it opens.</summary>
        public RequestIds Ids { get; set; } = RequestIds.StartingAtRandom();
    }
}
