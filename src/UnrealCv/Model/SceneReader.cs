using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using UnrealCv.Replies;
using UnrealCv.Requests;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// What the object, camera and image cmdlets share: one run of <see cref="OrderedRequests{TTag}"/> per invocation, where
    /// each request carries what to do with its reply; readers that assemble an object or a camera from several pipelined
    /// replies; and changes followed by a re-read. Everything runs on the pipeline thread. A request that fails (an error
    /// reply, or no reply) has already been written as an error record by the run, and no response is written for it:
    /// these cmdlets write their own objects, so what depended on the failed request is simply not built.
    /// </summary>
    internal sealed class SceneReader
    {
        private readonly ISceneHost _owner;
        private readonly OrderedRequests<Action<UnrealCvResponse>> _requests;
        private readonly Queue<Action> _deferred = new Queue<Action>();
        private bool _runningDeferred;
        // Colour batches out, per session, with who waits for them; the sessions whose colours were refreshed.
        private readonly Dictionary<UnrealCvSession, List<Action<IReadOnlyList<KeyValuePair<string, UnrealCvColor>>>>> _colorReads =
            new Dictionary<UnrealCvSession, List<Action<IReadOnlyList<KeyValuePair<string, UnrealCvColor>>>>>();
        private readonly HashSet<UnrealCvSession> _refreshed = new HashSet<UnrealCvSession>();

        public SceneReader(ISceneHost owner)
        {
            _owner = owner;
            _requests = new OrderedRequests<Action<UnrealCvResponse>>(owner, (response, then) => then(response), onFailure: null);
        }

        /// <summary>Sends a request; <paramref name="then"/> runs with its reply if the server answers without an error.</summary>
        public void Send(UnrealCvSession session, string command, Action<UnrealCvResponse> then)
        {
            _requests.Send(session, command, then);
            RunDeferred();
        }

        /// <summary>Sends a request; <paramref name="then"/> runs with its reply, if it is no error, once the run hands back control (so it may send more).</summary>
        public void SendThen(UnrealCvSession session, string command, Action<UnrealCvResponse> then) =>
            Send(session, command, r => Defer(() => then(r)));

        /// <summary>Waits for every reply, including those of requests that replies caused (re-reads after a change).</summary>
        public void Flush()
        {
            while (true)
            {
                _requests.Flush();
                if (_deferred.Count == 0) return;
                RunDeferred();
            }
        }

        /// <summary>Stopped or failed: let go of the requests still out, so their replies are dropped.</summary>
        public void LetGo()
        {
            _deferred.Clear();
            _requests.LetGo();
        }

        /// <summary>
        /// Requests that a reply asks for are sent after the run hands back control, never from inside its
        /// delivery loop: that keeps the stack flat however many replies arrive at once.
        /// </summary>
        private void Defer(Action send) => _deferred.Enqueue(send);

        private void RunDeferred()
        {
            if (_runningDeferred) return;
            _runningDeferred = true;
            try
            {
                while (_deferred.Count > 0) _deferred.Dequeue()();
            }
            finally
            {
                _runningDeferred = false;
            }
        }

        /// <summary>The reply's typed value, or false after writing an UnrealCvUnexpectedReply error.</summary>
        public bool TryRead<T>(UnrealCvResponse response, out T value)
        {
            if (response.Value is T typed)
            {
                value = typed;
                return true;
            }
            string why = response.ParseError ?? $"expected {typeof(T).Name}, got '{response}'.";
            _owner.WriteError(ErrorRecords.New(
                $"'{response.Command}' on {response.SessionName} answered something this module cannot read: {why} Check that the binary runs the UnrealCV plugin 1.0.x (vget /unrealcv/version).",
                "UnrealCvUnexpectedReply", ErrorCategory.InvalidResult, response));
            value = default!;
            return false;
        }

        /// <summary>Asks for a name list (<c>vget /objects</c>, <c>vget /cameras</c>) and hands it over.</summary>
        public void List(UnrealCvSession session, string command, Action<string[]> then) =>
            Send(session, command, r =>
            {
                if (TryRead(r, out string[] names)) then(names);
            });

        /// <summary>Location, rotation, scale and colour of one object, pipelined; <paramref name="then"/> runs once all four answered.</summary>
        public void ReadObject(UnrealCvSession session, string name, Action<UnrealCvObject> then)
        {
            var parts = new Gather(4, v => then(new UnrealCvObject(session, name, (UnrealCvVector)v[0]!, (UnrealCvRotator)v[1]!, (UnrealCvVector)v[2]!, (UnrealCvColor)v[3]!)));
            string prefix = "vget /object/" + name + "/";
            Send(session, prefix + "location", parts.Slot<UnrealCvVector>(this, 0));
            Send(session, prefix + "rotation", parts.Slot<UnrealCvRotator>(this, 1));
            Send(session, prefix + "scale", parts.Slot<UnrealCvVector>(this, 2));
            Send(session, prefix + "color", parts.Slot<UnrealCvColor>(this, 3));
        }

        /// <summary>The level's name and the pause state of one session's game, pipelined; <paramref name="then"/> runs once both answered.</summary>
        public void ReadGame(UnrealCvSession session, Action<UnrealCvGame> then)
        {
            var parts = new Gather(2, v => then(new UnrealCvGame(session, ((string)v[0]!).Trim(), (bool)v[1]!)));
            Send(session, "vget /level/name", parts.Slot<string>(this, 0));
            Send(session, "vget /action/game/is_paused", parts.Slot<bool>(this, 1));
        }

        /// <summary>
        /// Sends <paramref name="commands"/> to one session, if the user confirms <paramref name="action"/> on
        /// <paramref name="target"/> (-WhatIf, -Confirm); <paramref name="thenAll"/> runs (deferred) once every one answered
        /// without an error (a command the server refused is one error, not followed by more from what comes after).
        /// False when the user declined.
        /// </summary>
        public bool Act(UnrealCvSession session, string target, string action, IReadOnlyList<string> commands, Action? thenAll)
        {
            if (!_owner.ShouldProcess($"{target} on {session.Name}", action)) return false;
            Gather? done = thenAll == null ? null : new Gather(commands.Count, _ => Defer(thenAll));
            for (int i = 0; i < commands.Count; i++)
            {
                int slot = i;
                Send(session, commands[i], r => done?.Set(slot, null));
            }
            return true;
        }

        /// <summary>
        /// Every object's labelling colour, in <c>vget /objects</c> order: kept by the session, or read in one pipelined
        /// batch (the list, then every <c>vget /object/&lt;name&gt;/color</c>) when nothing is kept, or when
        /// <paramref name="refresh"/> asks for it (once per session in this command). <paramref name="then"/> runs once
        /// all answered; callers asking while a batch is out wait for that batch.
        /// </summary>
        public void ReadColors(UnrealCvSession session, bool refresh, Action<IReadOnlyList<KeyValuePair<string, UnrealCvColor>>> then)
        {
            if (_colorReads.TryGetValue(session, out var waiting))
            {
                waiting.Add(then);
                return;
            }
            if (refresh && _refreshed.Add(session)) session.ObjectColors.Forget();
            IReadOnlyList<KeyValuePair<string, UnrealCvColor>>? kept = session.ObjectColors.Kept(out long generation);
            if (kept != null)
            {
                then(kept);
                return;
            }
            var waiters = new List<Action<IReadOnlyList<KeyValuePair<string, UnrealCvColor>>>> { then };
            _colorReads[session] = waiters;
            List(session, "vget /objects", names =>
            {
                void Done(object?[] values)
                {
                    var colors = new List<KeyValuePair<string, UnrealCvColor>>(names.Length);
                    for (int i = 0; i < names.Length; i++) colors.Add(new KeyValuePair<string, UnrealCvColor>(names[i], (UnrealCvColor)values[i]!));
                    session.ObjectColors.Keep(generation, colors);
                    _colorReads.Remove(session);
                    foreach (var waiter in waiters) waiter(colors);
                }
                if (names.Length == 0)
                {
                    Done(new object?[0]);
                    return;
                }
                var parts = new Gather(names.Length, Done);
                Defer(() =>
                {
                    for (int i = 0; i < names.Length; i++) Send(session, "vget /object/" + names[i] + "/color", parts.Slot<UnrealCvColor>(this, i));
                });
            });
        }

        /// <summary>
        /// Location, rotation, field of view and size of one camera, pipelined. Without <paramref name="name"/>, the
        /// camera list is asked for too, to name it.
        /// </summary>
        public void ReadCamera(UnrealCvSession session, int id, string? name, Action<UnrealCvCamera> then)
        {
            var parts = new Gather(name == null ? 5 : 4, v =>
            {
                string? cameraName = name;
                if (cameraName == null)
                {
                    var names = (string[])v[4]!;
                    if (id >= names.Length)
                    {
                        _owner.WriteError(CameraNotFound(session, id, names));
                        return;
                    }
                    cameraName = names[id];
                }
                then(new UnrealCvCamera(session, id, cameraName, (UnrealCvVector)v[0]!, (UnrealCvRotator)v[1]!, (double)v[2]!, (UnrealCvSize)v[3]!));
            });
            string prefix = "vget /camera/" + CommandText(id) + "/";
            Send(session, prefix + "location", parts.Slot<UnrealCvVector>(this, 0));
            Send(session, prefix + "rotation", parts.Slot<UnrealCvRotator>(this, 1));
            Send(session, prefix + "fov", parts.Slot<double>(this, 2));
            Send(session, prefix + "size", parts.Slot<UnrealCvSize>(this, 3));
            if (name == null) Send(session, "vget /cameras", parts.Slot<string[]>(this, 4));
        }

        /// <summary>
        /// Applies <paramref name="changes"/> to <paramref name="target"/> (<c>vset &lt;prefix&gt;/&lt;property&gt; …</c>) on each
        /// session the user confirms (-WhatIf, -Confirm). Once all of a session's changes answered ok,
        /// <paramref name="thenRead"/> runs for it (a re-read for -PassThru): a change the server refused is one
        /// error, not followed by more errors from re-reading what it could not find.
        /// </summary>
        public void Change(IEnumerable<UnrealCvSession> sessions, string target, string prefix, SceneChanges changes, Action<UnrealCvSession>? thenRead)
        {
            foreach (UnrealCvSession session in sessions)
                Act(session, target, changes.Action, changes.Commands(prefix), thenRead == null ? null : () => thenRead(session));
        }

        internal static string CommandText(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>UnrealCvCameraNotFound for an id past the end of <c>vget /cameras</c>.</summary>
        internal static ErrorRecord CameraNotFound(UnrealCvSession session, int id, string[] names) =>
            ErrorRecords.New(
                $"There is no camera {id} on {session.Name}: " +
                (names.Length == 0 ? "it has no cameras." : $"its cameras are 0 to {names.Length - 1} ({string.Join(", ", names)}).") +
                " Get-UnrealCvCamera lists them; Invoke-UnrealCvRequest 'vset /cameras/spawn' adds one.",
                "UnrealCvCameraNotFound", ErrorCategory.ObjectNotFound, id);

        /// <summary>Collects the replies about one thing and builds it once every slot is filled; a slot whose reply failed leaves it unbuilt.</summary>
        internal sealed class Gather
        {
            private readonly object?[] _values;
            private readonly bool[] _filled;
            private readonly Action<object?[]> _build;
            private int _missing;

            public Gather(int count, Action<object?[]> build)
            {
                _values = new object?[count];
                _filled = new bool[count];
                _missing = count;
                _build = build;
            }

            public Action<UnrealCvResponse> Slot<T>(SceneReader reader, int index) => r =>
            {
                if (reader.TryRead(r, out T value)) Set(index, value);
            };

            public void Set(int index, object? value)
            {
                if (_filled[index]) return;
                _filled[index] = true;
                _values[index] = value;
                if (--_missing == 0) _build(_values);
            }
        }
    }

    /// <summary>What a Set cmdlet changes: <c>/&lt;property&gt; &lt;arguments&gt;</c> suffixes of <c>vset</c> commands, and their description for -WhatIf.</summary>
    internal sealed class SceneChanges
    {
        private readonly List<string> _suffixes = new List<string>();
        private readonly List<string> _descriptions = new List<string>();

        public int Count => _suffixes.Count;

        /// <summary>"Set location X=0.000 Y=0.000 Z=100.000, color (R=255,G=0,B=0,A=255)".</summary>
        public string Action => "Set " + string.Join(", ", _descriptions);

        public void Add(string property, string arguments, string description)
        {
            _suffixes.Add("/" + property + " " + arguments);
            _descriptions.Add(property + " " + description);
        }

        /// <summary>A typed value (vector, rotator, colour), when given.</summary>
        public void Add(string property, Common.ICommandArgument? value)
        {
            if (value != null) Add(property, value.ToCommandText(), value.ToString() ?? "");
        }

        public IReadOnlyList<string> Commands(string prefix) => _suffixes.ConvertAll(s => prefix + s);

        /// <summary>The terminating error when no change was given.</summary>
        public static ErrorRecord NothingToSet(string parameters, string example) =>
            ErrorRecords.New($"Nothing to set: give at least one of {parameters}, e.g. {example}.", "UnrealCvNothingToSet", ErrorCategory.InvalidArgument, null);
    }

    /// <summary>
    /// The sessions a Get cmdlet reads, in the order they came (given or piped), each asked for its name list as soon
    /// as it is met; after a flush, the lists of the sessions that answered.
    /// </summary>
    internal sealed class SessionLists
    {
        private readonly SceneReader _reader;
        private readonly string _command;
        private readonly List<UnrealCvSession> _sessions = new List<UnrealCvSession>();
        private readonly Dictionary<UnrealCvSession, string[]> _names = new Dictionary<UnrealCvSession, string[]>();

        public SessionLists(SceneReader reader, string command)
        {
            _reader = reader;
            _command = command;
        }

        public int Count => _sessions.Count;

        public void Add(UnrealCvSession session)
        {
            if (_sessions.Contains(session)) return;
            _sessions.Add(session);
            _reader.List(session, _command, names => _names[session] = names);
        }

        public IEnumerable<KeyValuePair<UnrealCvSession, string[]>> Answered
        {
            get
            {
                foreach (UnrealCvSession session in _sessions)
                    if (_names.TryGetValue(session, out string[]? names)) yield return new KeyValuePair<UnrealCvSession, string[]>(session, names);
            }
        }
    }
}
