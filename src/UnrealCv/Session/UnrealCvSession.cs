using System;
using System.Globalization;
using System.Threading;
using UnrealCv.Connection;
using UnrealCv.Transport;

namespace UnrealCv.Session
{
    /// <summary>
    /// What the user holds: an identity (Id, Name, InstanceId) and settings that outlive the connection
    /// underneath, which Switch-UnrealCvTransport may replace. Safe to use from several runspaces at once.
    /// </summary>
    public sealed class UnrealCvSession
    {
        private static int s_lastId;
        private volatile UnrealCvConnection _connection;

        /// <summary>Takes the next process-wide session number, before the connection that will carry it is opened.</summary>
        internal static int AllocateId() => Interlocked.Increment(ref s_lastId);

        internal static string DefaultName(int id) => "UnrealCv" + id.ToString(CultureInfo.InvariantCulture);

        internal UnrealCvSession(int id, string name, string computerName, int port, string? path, TransportKind transport, UnrealCvConnection connection, TimeSpan timeout)
        {
            Id = id;
            InstanceId = Guid.NewGuid();
            Name = name;
            ComputerName = computerName;
            Port = port;
            Path = path;
            Transport = transport;
            _connection = connection;
            Timeout = timeout;
            ConnectedAt = DateTime.Now;
        }

        /// <summary>Process-wide number, unique among the sessions of every runspace.</summary>
        public int Id { get; }
        public Guid InstanceId { get; }
        public string Name { get; }
        public string ComputerName { get; }
        public int Port { get; }

        /// <summary>The Unix socket path, when <see cref="Transport"/> is UnixSocket.</summary>
        public string? Path { get; private set; }

        public TransportKind Transport { get; private set; }

        /// <summary>Where the session's bytes go: host:port or the socket path.</summary>
        public string Endpoint => Transport == TransportKind.Unix ? Path! : ComputerName + ":" + Port.ToString(CultureInfo.InvariantCulture);

        public UnrealCvSessionState State =>
            _switching && !_closed ? UnrealCvSessionState.Switching
            : _connection.State switch
            {
                ConnectionState.Open => UnrealCvSessionState.Opened,
                ConnectionState.Broken => UnrealCvSessionState.Broken,
                _ => UnrealCvSessionState.Closed,
            };

        /// <summary>Project name from the welcome ("connected to &lt;project&gt;").</summary>
        public string ProjectName => _connection.ProjectName;

        /// <summary>Why the session broke, when it did.</summary>
        public string? Fault => _connection.Fault?.Message;

        /// <summary>Default time each request may wait for its reply.</summary>
        public TimeSpan Timeout { get; set; }

        public int TimeoutSec => (int)Math.Ceiling(Timeout.TotalSeconds);

        public DateTime ConnectedAt { get; private set; }

        /// <summary>
        /// Replies dropped because none of this session's waiting requests carried their id: late replies to requests
        /// that timed out before a reconnect or a transport switch (a binary answers whoever is connected), or another
        /// client's. Counted over the session's life; -Verbose names each one.
        /// </summary>
        public long StrayReplyCount => _connection.Ids.StrayReplies;

        /// <summary>Requests sent on the current link whose replies are still awaited (not answered, not let go).</summary>
        public int PendingCount => _connection.PendingCount;

        /// <summary>Server messages waiting to be read with Receive-UnrealCvMessage.</summary>
        public int MessageCount => _connection.MessageCount;

        /// <summary>The current link; Switch-UnrealCvTransport replaces it, so callers keep the one they sent on.</summary>
        internal UnrealCvConnection Connection => _connection;

        /// <summary>The {Frame} numbers of Get-UnrealCvImage -OutFile, per series of file names.</summary>
        internal FrameCounters Frames { get; } = new FrameCounters(Common.FileNames.Comparer);

        /// <summary>The objects' labelling colours, kept for bounding boxes until a request could change them.</summary>
        internal ObjectColors ObjectColors { get; } = new ObjectColors();

        /// <summary>The link to send a new request on; refused while the transport is being switched.</summary>
        internal UnrealCvConnection ConnectionForSend()
        {
            if (_switching)
                throw new Common.ClientException(Common.ClientFault.SessionSwitching,
                    $"session '{Name}' is switching its transport; send the request again once Switch-UnrealCvTransport has returned.");
            return _connection;
        }

        private volatile bool _switching;
        private volatile bool _closed;
        // One transport change at a time per session; Close and Replace agree under the link lock, so a session
        // disconnected during a switch never comes back to life on the new link.
        private readonly SemaphoreSlim _transportChange = new SemaphoreSlim(1, 1);
        private readonly object _linkLock = new object();

        /// <summary>
        /// Waits for any other transport change of this session to end (bounded), then refuses new requests until
        /// <see cref="EndSwitch"/>. Throws Timeout, SessionClosed or OperationCanceledException.
        /// </summary>
        internal void BeginSwitch(Common.Deadline deadline, CancellationToken cancel)
        {
            if (!_transportChange.Wait(deadline.RemainingMilliseconds, cancel))
                throw new Common.ClientException(Common.ClientFault.Timeout,
                    $"another Switch-UnrealCvTransport of session '{Name}' was still running after {deadline.Timeout.TotalSeconds:0.###} s; nothing was changed.");
            if (_closed)
            {
                _transportChange.Release();
                throw new Common.ClientException(Common.ClientFault.SessionClosed, $"session '{Name}' is disconnected. Connect again with Connect-UnrealCv.");
            }
            _switching = true;
        }

        internal void EndSwitch()
        {
            _switching = false;
            _transportChange.Release();
        }

        /// <summary>Puts a new link under the same identity (Id, Name, place in the session list).</summary>
        internal void Replace(UnrealCvConnection connection, TransportKind transport, string? path)
        {
            lock (_linkLock)
            {
                if (_closed)
                {
                    connection.Dispose(); // frees the one-client binary for whoever comes next
                    throw new Common.ClientException(Common.ClientFault.SessionClosed,
                        $"session '{Name}' was disconnected while its transport was being switched; the new link was closed again.");
                }
                Transport = transport;
                Path = path;
                _connection = connection;
                ConnectedAt = DateTime.Now;
            }
        }

        /// <summary>Settings for a new link of this session (after a transport switch), keeping the current limits.</summary>
        internal ConnectionOptions LinkOptions(string endpoint) =>
            new ConnectionOptions(Describe(Name, endpoint), Id) { MaxFrameBytes = _connection.MaxFrameBytes, Ids = _connection.Ids };

        /// <summary>Settings for the first link of the session that will have this id and name.</summary>
        internal static ConnectionOptions FirstLinkOptions(int id, string name, string endpoint) => new ConnectionOptions(Describe(name, endpoint), id);

        /// <summary>Describes a link of this session in every message it produces.</summary>
        private static string Describe(string name, string endpoint) => $"session '{name}' ({endpoint})";

        /// <summary>Closes the session for good; a transport switch under way cannot bring it back.</summary>
        internal void Close()
        {
            lock (_linkLock) _closed = true;
            _connection.Dispose();
        }

        public override string ToString() => $"{Name} ({Endpoint}, {State})";
    }
}
