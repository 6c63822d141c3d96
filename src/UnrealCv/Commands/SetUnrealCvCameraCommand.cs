using System;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Moves or turns a camera, or changes its field of view or film size (<c>vset /camera/&lt;id&gt;/…</c>), all
    /// pipelined. Camera 0 is the player pawn's sensor: moving it teleports the pawn. With -PassThru each camera is
    /// read back once its changes succeeded.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "UnrealCvCamera", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UnrealCvCamera))]
    public sealed class SetUnrealCvCameraCommand : UnrealCvSceneChangeCmdlet
    {
        /// <summary>The camera id (its index in 'vget /cameras'), e.g. piped from Get-UnrealCvCamera.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Camera")]
        [ValidateRange(0, int.MaxValue)]
        [ArgumentCompleter(typeof(Completion.CameraIdCompleter))]
        public int Id { get; set; }

        /// <summary>New horizontal field of view in degrees.</summary>
        [Parameter]
        [ValidateRange(0.001, 360.0)]
        public double Fov { get; set; }

        /// <summary>New film width in pixels; give -Height with it.</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Width { get; set; }

        /// <summary>New film height in pixels; give -Width with it.</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Height { get; set; }

        private protected override void AddChanges(SceneChanges changes)
        {
            if (Has(nameof(Width)) != Has(nameof(Height)))
                ThrowTerminatingError(NewError(
                    "-Width and -Height go together (the plugin sets both at once, 'vset /camera/<id>/size w h'): give both, e.g. -Width 640 -Height 480.",
                    "UnrealCvIncompleteSize", ErrorCategory.InvalidArgument, null));
            if (Has(nameof(Fov))) changes.Add("fov", CommandText.Number(Fov), CommandText.Number(Fov));
            if (Has(nameof(Width)))
                changes.Add("size", SceneReader.CommandText(Width) + " " + SceneReader.CommandText(Height), SceneReader.CommandText(Width) + "x" + SceneReader.CommandText(Height));
        }

        private protected override (string Parameters, string Example) NothingToSetHint =>
            ("-Location, -Rotation, -Fov, or -Width with -Height", "Set-UnrealCvCamera 1 -Fov 60");

        private protected override (string Target, string Prefix, Action<UnrealCvSession> ReadBack) ThisRecord()
        {
            int id = Id;
            return ($"camera {id}", "vset /camera/" + SceneReader.CommandText(id), session => Reader.ReadCamera(session, id, null, WriteObject));
        }
    }
}
