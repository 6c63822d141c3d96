using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Reads the messages a binary sent on its own (frames without a request id, such as a Blueprint's
    /// SendMessageBP). They are kept per session, at most 1000, and never taken for replies.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "UnrealCvMessage")]
    [OutputType(typeof(ServerMessage))]
    public sealed class ReceiveUnrealCvMessageCommand : UnrealCvCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public UnrealCvSession? Session { get; set; }

        /// <summary>When no message is waiting, wait up to -TimeoutSec for one.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; } = 10;

        protected override void ProcessRecord()
        {
            UnrealCvSession session = ResolveSession(Session);
            UnrealCvConnection connection = session.Connection;
            if (Wait)
            {
                try
                {
                    var deadline = Deadline.After(System.TimeSpan.FromSeconds(TimeoutSec));
                    while (connection.MessageCount == 0 && connection.State == ConnectionState.Open && !deadline.HasPassed)
                        connection.WaitForMessage(deadline.RemainingMilliseconds, CancellationToken);
                }
                catch (System.OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
            }
            while (connection.TryTakeMessage(out ServerMessage? message)) WriteObject(message);
        }
    }
}
