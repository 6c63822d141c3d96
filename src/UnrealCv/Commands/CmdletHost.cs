using System.Management.Automation;
using System.Threading;
using UnrealCv.Model;

namespace UnrealCv.Commands
{
    /// <summary>A cmdlet as the host of its requests and scene reads, so that the layers below never see a cmdlet.</summary>
    internal sealed class CmdletHost : ISceneHost
    {
        private readonly UnrealCvCmdlet _cmdlet;

        public CmdletHost(UnrealCvCmdlet cmdlet) => _cmdlet = cmdlet;

        public CancellationToken Cancellation => _cmdlet.CancellationToken;
        public bool IsVerbose => _cmdlet.IsVerbose;
        public string CommandName => _cmdlet.MyInvocation.MyCommand.Name;
        public void WriteVerbose(string text) => _cmdlet.WriteVerbose(text);
        public void WriteWarning(string text) => _cmdlet.WriteWarning(text);
        public void WriteError(ErrorRecord errorRecord) => _cmdlet.WriteError(errorRecord);
        public void WriteProgress(ProgressRecord progressRecord) => _cmdlet.WriteProgress(progressRecord);
        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
    }
}
