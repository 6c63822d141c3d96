using System;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that change a thing of the scene (an object, a camera) on every target session: the changes
    /// are decided once from the parameters, sent for each piped thing without waiting, and with -PassThru the thing is
    /// read back once its changes succeeded.
    /// </summary>
    public abstract class UnrealCvSceneChangeCmdlet : UnrealCvSceneCmdlet
    {
        private readonly SceneChanges _changes = new SceneChanges();

        /// <summary>New location in cm: an UnrealCvVector, 100,-50,20 or @{X=100;Y=-50;Z=20}.</summary>
        [Parameter]
        [VectorTransformation]
        public UnrealCvVector? Location { get; set; }

        /// <summary>New rotation in degrees: an UnrealCvRotator, pitch,yaw,roll or @{Pitch=0;Yaw=90;Roll=0}.</summary>
        [Parameter]
        [RotatorTransformation]
        public UnrealCvRotator? Rotation { get; set; }

        /// <summary>Writes each changed thing, read back from the server.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The changes beside location and rotation (checking the parameters that go together first).</summary>
        private protected abstract void AddChanges(SceneChanges changes);

        /// <summary>For the error when nothing is to be set: the parameters that set something, and an example.</summary>
        private protected abstract (string Parameters, string Example) NothingToSetHint { get; }

        /// <summary>
        /// The thing of the current record: how messages name it, the command prefix its changes go after, and how to read
        /// it back (capturing the record's values, as the read runs after later records have been bound).
        /// </summary>
        private protected abstract (string Target, string Prefix, Action<UnrealCvSession> ReadBack) ThisRecord();

        private protected bool Has(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        protected override void BeginProcessing()
        {
            _changes.Add("location", Location);
            _changes.Add("rotation", Rotation);
            AddChanges(_changes);
            if (_changes.Count == 0)
                ThrowTerminatingError(SceneChanges.NothingToSet(NothingToSetHint.Parameters, NothingToSetHint.Example));
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            (string target, string prefix, Action<UnrealCvSession> readBack) = ThisRecord();
            Reader.Change(TargetSessions(), target, prefix, _changes, PassThru ? readBack : null);
        }
    }
}
