using System;
using System.Text;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>ObjectHandler.cpp: the actor list, spawning, and per-actor pose, colour, visibility and names.</summary>
    internal static class ObjectCommands
    {
        private const string NotFound = "Can not find object";

        public static void Register(CommandRouter router, SimulatorContext context)
        {
            router.Register("vget /objects", "Get the name of all objects", _ => Reply.OfText(ObjectList(context.World)));
            router.Register("vset /objects/spawn_cube", "Spawn a box in the scene for debugging purpose.", _ => SpawnCube(context.World));
            router.Register("vset /objects/spawn_cube [str]", "Spawn a box in the scene for debugging purpose, with optional argument name.", _ => SpawnCube(context.World));
            router.Register("vset /objects/spawn [str]", "Spawn an object with UClassName as the argument.", a => Spawn(context.World, a[0], null));
            router.Register("vset /objects/spawn [str] [str]", "Spawn an object with UClassName as the argument.", a => Spawn(context.World, a[0], a[1]));

            Get(router, context, "location", "Get object location [x, y, z]", actor => PluginText.Triple(actor.Location));
            // SetActorLocation/SetActorRotation move only a Movable root (a Static or rootless actor stays put) and still answer ok.
            Set(router, context, "location [float] [float] [float]", "Set object location [x, y, z]", (actor, a) =>
            {
                if (actor.CanMove) actor.Location = PluginText.Vector(a, 1);
            });
            Get(router, context, "rotation", "Get object rotation [pitch, yaw, roll]", actor => PluginText.Triple(actor.Rotation));
            // MoveComponent(FRotator) on a root: the rotator as given becomes a quaternion; reading converts it back.
            Set(router, context, "rotation [float] [float] [float]", "Set object rotation [pitch, yaw, roll]", (actor, a) =>
            {
                if (actor.CanMove) actor.RotationQuat = UeRotationMath.Quaternion(PluginText.Rotator(a, 1));
            });
            // FVertexSensor answers an empty list (so "ok") for an object it cannot find.
            router.Register("vget /object/[str]/vertex_location", "Get vertex location", a =>
                Reply.OfText(context.World.FindActor(a[0]) is Actor found ? VertexLocations(found) : ""));
            // The annotator reads the colour from the actor's annotation component; without one it prints an
            // FColor it never set.
            Get(router, context, "color", "Get the labeling color of an object (used in object instance mask)",
                actor => (actor.Annotation ?? context.World.UninitialisedColor()).ToString());
            // FColor(uint8...) from uint32 Atoi values: truncated to the low byte; alpha forced to 255. Only an actor
            // with a mesh component can get an annotation component.
            Set(router, context, "color [uint] [uint] [uint]", "Set the labeling color of an object [r, g, b]", (actor, a) =>
            {
                if (actor.HasMesh) actor.Annotation = new Color(unchecked((byte)PluginText.Atoi(a[1])), unchecked((byte)PluginText.Atoi(a[2])), unchecked((byte)PluginText.Atoi(a[3])));
            });
            // GetMobility reads Actor->GetRootComponent()->Mobility: a rootless actor crashes the binary.
            router.Register("vget /object/[str]/mobility", "Is the object static or movable?", a => WithActor(context, a[0],
                actor => actor.HasRoot ? Reply.OfText(actor.Mobility.ToString()) : context.Crash()));
            Set(router, context, "show", "Show object", (actor, _) => actor.Hidden = false);
            Set(router, context, "hide", "Hide object", (actor, _) => actor.Hidden = true);
            Set(router, context, "destroy", "Destroy object", (actor, _) => context.World.Destroy(actor));
            // The plugin asks Actor->StaticClass(), which is always AActor: every object answers "Actor".
            Get(router, context, "uclass_name", "Get the UClass name for filtering objects", _ => "Actor");
            router.Register("vset /object/[str]/name [str]", "Set the name of the object", a => WithActor(context, a[0], actor => Rename(context.World, actor, a[1])));
            Get(router, context, "scale", "Get object rotation [x, y, z]", actor => PluginText.Triple(actor.Scale));
            // SetActorScale3D needs a root but, unlike a move, no Movable mobility.
            Set(router, context, "scale [float] [float] [float]", "Set object scale [x, y, z]", (actor, a) =>
            {
                if (actor.HasRoot) actor.Scale = PluginText.Vector(a, 1);
            });
            Get(router, context, "bounds", "Return the bounds in the world coordinate, formate is [minx, y, z, maxx, y, z]", Bounds);
        }

        /// <summary><c>vget /object/[str]/&lt;what&gt;</c>: a text about one actor.</summary>
        private static void Get(CommandRouter router, SimulatorContext context, string what, string description, Func<Actor, string> read) =>
            router.Register("vget /object/[str]/" + what, description, a => WithActor(context, a[0], actor => Reply.OfText(read(actor))));

        /// <summary><c>vset /object/[str]/&lt;what&gt; args</c>: change one actor, answer <c>ok</c>.</summary>
        private static void Set(CommandRouter router, SimulatorContext context, string what, string description, Action<Actor, string[]> write) =>
            router.Register("vset /object/[str]/" + what, description, a => WithActor(context, a[0], actor =>
            {
                write(actor, a);
                return Reply.Ok;
            }));

        private static Reply WithActor(SimulatorContext context, string name, Func<Actor, Reply> action)
        {
            Actor? actor = context.World.FindActor(name);
            return actor == null ? Reply.Error(NotFound) : action(actor);
        }

        private static string ObjectList(World world)
        {
            var list = new StringBuilder();
            foreach (Actor actor in world.Actors) list.Append(actor.Name).Append(' ');
            return list.ToString();
        }

        private static string VertexLocations(Actor actor)
        {
            var text = new StringBuilder();
            foreach (Vector3 v in actor.GetVertices())
                text.Append(PluginText.Fixed(v.X, 5)).Append("     ").Append(PluginText.Fixed(v.Y, 5)).Append("     ").Append(PluginText.Fixed(v.Z, 5)).Append('\n');
            return text.ToString();
        }

        private static string Bounds(Actor actor)
        {
            actor.GetBounds(out Vector3 min, out Vector3 max);
            return string.Join(" ", PluginText.Fixed(min.X, 2), PluginText.Fixed(min.Y, 2), PluginText.Fixed(min.Z, 2), PluginText.Fixed(max.X, 2), PluginText.Fixed(max.Y, 2), PluginText.Fixed(max.Z, 2));
        }

        /// <summary>SpawnBox: a CubeActor at the origin; the name argument is ignored and the reply is just ok.</summary>
        private static Reply SpawnCube(World world)
        {
            world.Spawn("CubeActor");
            return Reply.Ok;
        }

        private static Reply Spawn(World world, string className, string? name)
        {
            if (name != null && world.FindActor(name) != null)
                return Reply.Error($"Failed to spawn {name}, object exsit.");
            Actor? actor = world.Spawn(className);
            if (actor == null) return Reply.Error($"Can not find a class with name '{className}'");
            if (name != null) Rename(world, actor, name);
            return Reply.OfText(actor.Name);
        }

        /// <summary>SetActorName: renaming onto itself is fine (case-insensitively), onto another object is refused.</summary>
        private static Reply Rename(World world, Actor actor, string newName)
        {
            Actor? existing = world.FindActor(newName);
            if (existing == actor) return Reply.OfText("The name has already been set");
            if (existing != null || PluginText.SameName(newName, world.PersistentLevelName))
                return Reply.Error($"Renaming an object to overwrite an existing object is not allowed, {newName}");
            actor.Name = newName;
            return Reply.Ok;
        }
    }
}
