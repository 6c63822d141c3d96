using System.Linq;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Reads cameras: ids are indexes in <c>vget /cameras</c> (0 is the player pawn's sensor); for each, location,
    /// rotation, field of view and film size, all pipelined. Piped sessions are each read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvCamera")]
    [OutputType(typeof(UnrealCvCamera))]
    public sealed class GetUnrealCvCameraCommand : UnrealCvSceneListCmdlet
    {
        /// <summary>Camera ids. Default: every camera.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        [ArgumentCompleter(typeof(Completion.CameraIdCompleter))]
        public int[]? Id { get; set; }


        private protected override string ListCommand => "vget /cameras";

        private protected override void ReadListed(UnrealCvSession session, string[] names)
        {
            foreach (int id in Id?.Distinct() ?? Enumerable.Range(0, names.Length))
            {
                if (id < names.Length) Reader.ReadCamera(session, id, names[id], WriteObject);
                else WriteError(SceneReader.CameraNotFound(session, id, names));
            }
        }
    }
}
