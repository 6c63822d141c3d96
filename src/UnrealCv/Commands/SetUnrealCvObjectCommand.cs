using System;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Moves, turns, scales or recolours an object (<c>vset /object/&lt;name&gt;/location|rotation|scale|color</c>), all
    /// pipelined: <c>Get-UnrealCvObject *Box | Set-UnrealCvObject -Location 0,0,100</c> sends every change before
    /// waiting for any reply. With -PassThru each object is read back once its changes succeeded.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "UnrealCvObject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class SetUnrealCvObjectCommand : UnrealCvSceneChangeCmdlet
    {
        /// <summary>The object's name (case-insensitive, no wildcards), e.g. piped from Get-UnrealCvObject.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ObjectNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>New scale: an UnrealCvVector, 2,2,2 or @{X=2;Y=2;Z=2}.</summary>
        [Parameter]
        [VectorTransformation]
        public UnrealCvVector? Scale { get; set; }

        /// <summary>New labelling colour (its pixels in object_mask captures): an UnrealCvColor, 255,0,0 or @{R=255;G=0;B=0}.</summary>
        [Parameter]
        [ColorTransformation]
        public UnrealCvColor? Color { get; set; }

        private protected override void AddChanges(SceneChanges changes)
        {
            changes.Add("scale", Scale);
            changes.Add("color", Color);
        }

        private protected override (string Parameters, string Example) NothingToSetHint =>
            ("-Location, -Rotation, -Scale or -Color", "Set-UnrealCvObject RedBox -Location 0,0,100");

        private protected override (string Target, string Prefix, Action<UnrealCvSession> ReadBack) ThisRecord()
        {
            string name = Name;
            return ($"object '{name}'", "vset /object/" + name, session => Reader.ReadObject(session, name, WriteObject));
        }
    }
}
