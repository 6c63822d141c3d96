using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading;
using Microsoft.Extensions.ObjectPool;
using UnrealCv.Common;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>
    /// One live link to one binary: the welcome, the table of pending requests, and the reading of replies by the
    /// callers that wait for them (or, while none waits, a background reader), which complete pending requests or
    /// queue server messages. Ids come from the session's
    /// <see cref="RequestIds"/>, so they never repeat across its links. Any number of threads may send and
    /// wait at once; replies are matched by id, so each caller gets its own. A request that timed out leaves
    /// its id behind so its late reply is dropped instead of answering someone else, and a reply with an id
    /// this link is not waiting for (an earlier link's, another client's) is dropped and counted. Any fault
    /// of the stream fails every pending request at once and leaves the link Broken. No PowerShell types here.
    /// This file: opening, state, breaking and closing; sending, waiting, who reads, and reading are beside it.
    /// </summary>
    internal sealed partial class UnrealCvConnection : IDisposable
    {
        private readonly Socket _socket;
        private readonly Thread _readerThread;
        private readonly ConnectionOptions _options;
        private readonly PendingTable _table = new PendingTable();
        private readonly ConcurrentQueue<FireAndForgetFailure> _unobservedErrors = new ConcurrentQueue<FireAndForgetFailure>();
        private readonly SemaphoreSlim _messageArrived = new SemaphoreSlim(0);
        private readonly ConcurrentQueue<ServerMessage> _messages = new ConcurrentQueue<ServerMessage>();
        private readonly ObjectPool<PendingRequest> _pool = new DefaultObjectPool<PendingRequest>(new PendingRequest.Policy(), 256);
        private readonly ManualResetEventSlim _welcomed = new ManualResetEventSlim();
        private int _state = (int)ConnectionState.Open;
        private volatile ClientException? _fault;
        private readonly object _stateLock = new object();

        private UnrealCvConnection(Socket socket, ConnectionOptions options)
        {
            _socket = socket;
            _options = options;
            _readerThread = new Thread(BackgroundRead) { IsBackground = true, Name = "UnrealCv reader " + options.Description };
            // The backstop for a piece that blocks although the socket was writable; such a send breaks the link.
            _socket.SendTimeout = 5000;
            _sendCreditLimit = SendCreditLimit(socket);
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

        /// <summary>Requests sent and not yet answered or let go.</summary>
        public int PendingCount => _table.WaitingCount;

        /// <summary>Requests whose replies are still to come: pending ones, and those let go whose errors are reported (-NoWait).</summary>
        public int InFlightCount => _table.InFlightCount;

        /// <summary>Frames the server sent without a request id since the welcome, oldest first.</summary>
        public bool TryTakeMessage(out ServerMessage? message) => _messages.TryDequeue(out message);

        public int MessageCount => _messages.Count;

        /// <summary>Waits until a server message may be available; false on timeout.</summary>
        public bool WaitForMessage(int milliseconds, CancellationToken cancel) =>
            !_messages.IsEmpty || _messageArrived.Wait(milliseconds, cancel);

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
            foreach (PendingRequest request in _table.TakeAll()) request.Fail(fault);
            WakeFollowers();
        }

        private void CloseSocket()
        {
            try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            _socket.Dispose();
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
}
