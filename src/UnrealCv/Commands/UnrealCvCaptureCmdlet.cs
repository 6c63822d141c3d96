using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Common;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that capture from cameras and can save under an -OutFile pattern (Get-UnrealCvImage,
    /// Get-UnrealCvCapture): the cameras, the pattern, its {Frame} numbering and the names already given in this command.
    /// </summary>
    public abstract class UnrealCvCaptureCmdlet : UnrealCvSceneCmdlet
    {
        /// <summary>Camera ids (indexes in 'vget /cameras'; 0 is the player pawn's sensor), e.g. piped numbers or cameras from Get-UnrealCvCamera.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        [ArgumentCompleter(typeof(Completion.CameraIdCompleter))]
        public int[] Camera { get; set; } = { 0 };

        /// <summary>
        /// Saves each capture to a file named by this pattern: {Frame} (numbered 0, 1, 2, … per session and pattern,
        /// across commands; .NET formats such as {Frame:0000}), {Camera}, {Mode}, {Session} (session name), {Format}.
        /// Relative paths start at the current location; missing folders are created. An existing file is not
        /// overwritten without -Force.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The {Frame} number of each input's first capture (later ones count on from it), instead of the session's count.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Frame { get; set; }

        /// <summary>Overwrites files that -OutFile names and that exist already.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The parsed -OutFile, or null without one.</summary>
        internal OutFilePattern? Pattern { get; private set; }

        /// <summary>The {Frame} numbers this command gives.</summary>
        internal FrameNumbering Frames { get; private set; } = new FrameNumbering(null);

        /// <summary>The files this command has named so far: two captures never get one name.</summary>
        internal HashSet<string> NamedPaths { get; } = new HashSet<string>(FileNames.Comparer);

        internal string CommandName => MyInvocation.MyCommand.Name;

        /// <summary>Derived cmdlets check their own parameters first, then call this; it parses -OutFile before anything is sent.</summary>
        protected override void BeginProcessing()
        {
            Frames = new FrameNumbering(MyInvocation.BoundParameters.ContainsKey(nameof(Frame)) ? Frame : (int?)null);
            if (OutFile != null)
            {
                Pattern = OutFilePattern.Parse(OutFile, out ErrorRecord? invalid);
                if (invalid != null) ThrowTerminatingError(invalid);
            }
            base.BeginProcessing();
        }

        /// <summary>Saves a capture; writes its file, or the error of why it was not saved.</summary>
        internal bool SaveCapture(object value, string path, bool overwrite, bool writeFile)
        {
            ErrorRecord? failed = CaptureFile.Save(CommandName, value, path, overwrite);
            if (failed != null) WriteError(failed);
            else if (writeFile) WriteFileItem(path);
            return failed == null;
        }
    }
}
