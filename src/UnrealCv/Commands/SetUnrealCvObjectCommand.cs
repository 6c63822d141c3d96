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
    public sealed class SetUnrealCvObjectCommand : UnrealCvSceneCmdlet
    {
        private readonly SceneChanges _changes = new SceneChanges();

        /// <summary>The object's name (case-insensitive, no wildcards), e.g. piped from Get-UnrealCvObject.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>New location in cm: an UnrealCvVector, 100,-50,20 or @{X=100;Y=-50;Z=20}.</summary>
        [Parameter]
        [VectorTransformation]
        public UnrealCvVector? Location { get; set; }

        /// <summary>New rotation in degrees: an UnrealCvRotator, pitch,yaw,roll or @{Pitch=0;Yaw=90;Roll=0}.</summary>
        [Parameter]
        [RotatorTransformation]
        public UnrealCvRotator? Rotation { get; set; }

        /// <summary>New scale: an UnrealCvVector, 2,2,2 or @{X=2;Y=2;Z=2}.</summary>
        [Parameter]
        [VectorTransformation]
        public UnrealCvVector? Scale { get; set; }

        /// <summary>New labelling colour (its pixels in object_mask captures): an UnrealCvColor, 255,0,0 or @{R=255;G=0;B=0}.</summary>
        [Parameter]
        [ColorTransformation]
        public UnrealCvColor? Color { get; set; }

        /// <summary>Writes each changed object, read back from the server.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _changes.Add("location", Location);
            _changes.Add("rotation", Rotation);
            _changes.Add("scale", Scale);
            _changes.Add("color", Color);
            if (_changes.Count == 0)
                ThrowTerminatingError(SceneChanges.NothingToSet("-Location, -Rotation, -Scale or -Color", "Set-UnrealCvObject RedBox -Location 0,0,100"));
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            string name = Name;
            Reader.Change(TargetSessions(), $"object '{name}'", "vset /object/" + name, _changes,
                PassThru ? session => Reader.ReadObject(session, name, WriteObject) : (Action<UnrealCvSession>?)null);
        }

    }
}
