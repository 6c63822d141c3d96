using UnrealCv.Model;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that read or change the scene: one <see cref="SceneReader"/> pipelines all their requests, is
    /// flushed when the input ends, and lets go of what is still in flight when the command is stopped or fails.
    /// </summary>
    public abstract class UnrealCvSceneCmdlet : UnrealCvSessionCmdlet
    {
        private SceneReader? _reader;

        internal SceneReader Reader => _reader!;

        /// <summary>Derived cmdlets check their parameters first, then call this.</summary>
        protected override void BeginProcessing() => _reader = new SceneReader(new CmdletHost(this));

        protected override void EndProcessing() => _reader!.Flush();

        protected override void Dispose(bool disposing)
        {
            _reader?.LetGo();
            base.Dispose(disposing);
        }
    }
}
