using System;
using System.Management.Automation;
using UnrealCv.Replies;
using UnrealCv.Requests;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Sends UnrealCV commands and writes one response per command (and session), in input order: the reply, or for a
    /// request that failed a response with IsError and, after it, an error record. Piped commands are pipelined: each is
    /// sent at once, up to <see cref="MaxInFlight"/> ahead of the replies. The server
    /// runs every queued request in one frame, so 100 piped commands cost about one frame, not a hundred.
    /// Piped objects fill a template (<c>1..10 | Invoke-UnrealCvRequest 'vget /camera/{0}/location'</c>), and go to the
    /// session they came from when they carry one.
    /// Given several sessions, each command goes to all of them at once and each reply names its session.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "UnrealCvRequest")]
    [OutputType(typeof(UnrealCvResponse))]
    public sealed class InvokeUnrealCvRequestCommand : UnrealCvCmdlet
    {
        private OrderedRequests<object?>? _pipeline;
        private UnrealCvSession[] _sessions = Array.Empty<UnrealCvSession>();

        /// <summary>Commands to send, or with piped input a template such as 'vget /object/{Name}/location'.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CommandCompleter))]
        public string[]? Command { get; set; }

        /// <summary>Piped commands (strings); values and objects that fill the -Command template; or sessions to send -Command to.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

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

        private bool HasInput => MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));

        protected override void BeginProcessing()
        {
            _sessions = Session ?? (ModuleState.Sessions.Current is UnrealCvSession current ? new[] { current } : Array.Empty<UnrealCvSession>());
            if (_sessions.Length == 0 && !MyInvocation.ExpectingInput) ResolveSession(null); // UnrealCvNoSession
            // One response per command and session, in input order, failed ones included (IsError, each followed by its
            // error record). -NoWait writes nothing, even for the replies it must wait for when the in-flight window is full.
            Action<UnrealCvResponse, object?> write = NoWait ? (response, _) => { } : (response, _) => WriteObject(response);
            _pipeline = new OrderedRequests<object?>(new CmdletHost(this), write, onFailure: write)
            {
                MaxInFlight = MaxInFlight,
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                FireAndForget = NoWait,
            };
            if (Command == null && !MyInvocation.ExpectingInput)
                ThrowTerminatingError(NewError("Give a command: Invoke-UnrealCvRequest 'vget /unrealcv/status', or pipe commands in.",
                    "UnrealCvNoCommand", ErrorCategory.InvalidArgument, null));
            _pipeline.ReportDetachedFailures(_sessions);
        }

        protected override void ProcessRecord()
        {
            if (!HasInput)
            {
                foreach (string command in Command!) SendToAll(command);
                return;
            }
            if (InputObject == null) return;
            if (Command == null)
            {
                if (InputObject.BaseObject is string text) SendToAll(text);
                else WriteError(NewError(
                    $"'{InputObject}' is not an UnrealCV command. To fill a command with piped values, give a template: {InputObject} | Invoke-UnrealCvRequest 'vget /camera/{{0}}/location'.",
                    "UnrealCvNotACommand", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            UnrealCvSession[] targets = TargetsOf(InputObject);
            foreach (string template in Command)
            {
                string command;
                try
                {
                    command = CommandTemplate.Format(template, InputObject);
                }
                catch (ArgumentException e)
                {
                    WriteError(NewError(e.Message, "UnrealCvTemplateError", ErrorCategory.InvalidArgument, InputObject, e));
                    continue;
                }
                SendTo(targets, command);
            }
        }

        /// <summary>
        /// Where a piped object's commands go. A piped session is the target (Get-UnrealCvSession | Invoke-UnrealCvRequest
        /// 'vget /camera/0/location' fans out); an object that came from a session (a camera, an object, a response) goes
        /// back to it, unless -Session names the targets; anything else goes to -Session or the current session.
        /// </summary>
        private UnrealCvSession[] TargetsOf(PSObject input)
        {
            if (input.BaseObject is UnrealCvSession piped) return new[] { piped };
            if (Session == null && input.Properties["Session"]?.Value is object value
                && (value is PSObject wrapped ? wrapped.BaseObject : value) is UnrealCvSession own)
                return new[] { own };
            return _sessions;
        }

        private void SendToAll(string command) => SendTo(_sessions, command);

        private void SendTo(UnrealCvSession[] sessions, string command)
        {
            if (sessions.Length == 0) ResolveSession(null); // terminating UnrealCvNoSession
            foreach (UnrealCvSession session in sessions) _pipeline!.Send(session, command);
        }

        protected override void EndProcessing()
        {
            if (NoWait) _pipeline!.FlushWithoutWaiting();
            else _pipeline!.Flush();
            _pipeline.ReportDetachedFailures(_sessions);
        }

        protected override void Dispose(bool disposing)
        {
            _pipeline?.LetGo();
            base.Dispose(disposing);
        }
    }
}
