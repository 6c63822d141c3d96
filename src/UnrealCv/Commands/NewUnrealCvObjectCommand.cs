using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Spawns an actor of a UClass (<c>vset /objects/spawn &lt;class&gt; [&lt;name&gt;]</c>), at the origin as the plugin does,
    /// then moves or turns it if asked (<c>vset /object/&lt;name&gt;/location|rotation</c>) and writes it as read back.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "UnrealCvObject", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class NewUnrealCvObjectCommand : UnrealCvGameCmdlet
    {
        /// <summary>The UClass name, e.g. StaticMeshActor, PointLight, or a blueprint's generated class such as BP_Agent_C.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[^\s]+$")]
        public string Class { get; set; } = "";

        /// <summary>The new actor's name; without it the engine names it Class_N.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[^\s]+$")]
        public string? Name { get; set; }

        /// <summary>Where to move the new actor after spawning it (it spawns at the origin).</summary>
        [Parameter]
        [VectorTransformation]
        public UnrealCvVector? Location { get; set; }

        /// <summary>How to turn the new actor after spawning it.</summary>
        [Parameter]
        [RotatorTransformation]
        public UnrealCvRotator? Rotation { get; set; }

        private protected override void Act(UnrealCvSession session)
        {
            string command = "vset /objects/spawn " + Class + (Name == null ? "" : " " + Name);
            if (!ShouldProcess($"class '{Class}' on {session.Name}", $"Spawn ({command})")) return;
            UnrealCvVector? location = Location;
            UnrealCvRotator? rotation = Rotation;
            Reader.SendThen(session, command, r =>
            {
                if (!Reader.TryRead(r, out string spawned)) return;
                string name = spawned.Trim();
                var moves = new SceneChanges();
                moves.Add("location", location);
                moves.Add("rotation", rotation);
                foreach (string move in moves.Commands("vset /object/" + name)) Reader.Send(session, move, _ => { });
                Reader.ReadObject(session, name, WriteObject);
            });
        }
    }
}
