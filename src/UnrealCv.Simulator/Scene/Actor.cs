using System;
using System.Collections.Generic;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>What an actor looks like to the ray caster.</summary>
    internal enum ShapeKind
    {
        /// <summary>No geometry (WorldSettings, controllers, lights…): never drawn.</summary>
        None,
        /// <summary>A cube of 100 cm at scale 1 (UE's engine cube), centred on the actor.</summary>
        Box,
        /// <summary>A sphere of 100 cm diameter at scale 1, centred on the actor; non-uniform scale makes an ellipsoid.</summary>
        Sphere,
    }

    /// <summary>UE's EComponentMobility as <c>vget /object/[str]/mobility</c> prints it.</summary>
    internal enum Mobility
    {
        Static,
        Stationary,
        Movable,
        Unknown,
    }

    /// <summary>One actor of the simulated game world.</summary>
    internal sealed class Actor
    {
        /// <summary>Half the edge of the engine cube and the radius of the engine sphere, in cm.</summary>
        public const double UnitHalfSize = 50;

        public Actor(string name, string className, ShapeKind shape = ShapeKind.None)
        {
            Name = name;
            ClassName = className;
            Shape = shape;
            HasMesh = shape != ShapeKind.None;
        }

        public string Name { get; internal set; }

        /// <summary>The UClass name (for spawning); the wire never shows it (uclass_name always says Actor).</summary>
        public string ClassName { get; }

        public ShapeKind Shape { get; }
        public Vector3 Location { get; set; }

        /// <summary>
        /// The root component's rotation as GetActorRotation reads it: the stored quaternion converted back
        /// (so pitch 100 reads as pitch 80 with yaw and roll turned by 180). Setting it places the actor as a
        /// level does: the rotator is normalised, then made a quaternion.
        /// </summary>
        public Rotator Rotation
        {
            get => RotationQuat.ToRotator();
            set => RotationQuat = UeRotationMath.Quaternion(UeRotationMath.Normalize(value));
        }

        /// <summary>The root component's world rotation (FTransform::GetRotation).</summary>
        internal Quat RotationQuat { get; set; } = Quat.Identity;

        public Vector3 Scale { get; set; } = Vector3.One;

        /// <summary>The mesh component's own scale under the actor's (the default pawn's sphere is 35/50 of the unit sphere).</summary>
        internal Vector3 MeshScale { get; set; } = Vector3.One;

        /// <summary>The scale the geometry is drawn at: actor scale times mesh scale.</summary>
        internal Vector3 GeometryScale => new Vector3(Scale.X * MeshScale.X, Scale.Y * MeshScale.Y, Scale.Z * MeshScale.Z);

        public bool Hidden { get; set; }
        public Mobility Mobility { get; set; } = Mobility.Static;

        /// <summary>
        /// False for actors without a root component (a cooked game's AInfo actors: WorldSettings, GameMode…,
        /// and a bare Actor): their location reads zero, moves are ignored, and asking their mobility
        /// dereferences a null root, which crashes a binary.
        /// </summary>
        public bool HasRoot { get; set; } = true;

        /// <summary>Whether the actor has a mesh component, which the annotator can give an annotation component.</summary>
        public bool HasMesh { get; set; }

        /// <summary>
        /// The colour of this actor's annotation components, which draw it in object_mask images; null while it
        /// has none (an actor without a mesh, or one spawned after the world was annotated and not coloured since).
        /// </summary>
        public Color? Annotation { get; set; }

        /// <summary>SetActorLocation/SetActorRotation move only a root component that is Movable (CheckStaticMobilityAndWarn).</summary>
        public bool CanMove => HasRoot && Mobility == Mobility.Movable;

        /// <summary>The surface colour the lit image shades.</summary>
        public Color BaseColor { get; set; } = new Color(200, 200, 200);

        /// <summary>A checker pattern on the surface (the floor), so camera motion shows in lit images.</summary>
        public bool Checkered { get; set; }

        /// <summary>Blueprint functions callable with vexec/vbp, by name (case-insensitive like FName).</summary>
        internal Dictionary<string, BlueprintFunction> Functions { get; } = new Dictionary<string, BlueprintFunction>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Numeric blueprint variables that the simulated functions read and write.</summary>
        internal Dictionary<string, double> Variables { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        public bool IsVisibleGeometry => Shape != ShapeKind.None && !Hidden;

        /// <summary>World-space axis-aligned bounds (UE GetActorBounds); an actor without geometry has empty bounds at the origin.</summary>
        public void GetBounds(out Vector3 min, out Vector3 max)
        {
            if (Shape == ShapeKind.None)
            {
                min = max = Vector3.Zero;
                return;
            }
            Rotation.GetAxes(out Vector3 f, out Vector3 r, out Vector3 u);
            Vector3 scale = GeometryScale;
            double hx = UnitHalfSize * Math.Abs(scale.X), hy = UnitHalfSize * Math.Abs(scale.Y), hz = UnitHalfSize * Math.Abs(scale.Z);
            // Extent of the rotated box along each world axis.
            var extent = new Vector3(
                Math.Abs(f.X) * hx + Math.Abs(r.X) * hy + Math.Abs(u.X) * hz,
                Math.Abs(f.Y) * hx + Math.Abs(r.Y) * hy + Math.Abs(u.Y) * hz,
                Math.Abs(f.Z) * hx + Math.Abs(r.Z) * hy + Math.Abs(u.Z) * hz);
            min = Location - extent;
            max = Location + extent;
        }

        /// <summary>The corners of the box (or of the sphere's bounding box) in world space, for vertex_location.</summary>
        public IEnumerable<Vector3> GetVertices()
        {
            if (Shape == ShapeKind.None) yield break;
            Rotation.GetAxes(out Vector3 f, out Vector3 r, out Vector3 u);
            Vector3 scale = GeometryScale;
            for (int i = 0; i < 8; i++)
            {
                double sx = (i & 1) == 0 ? -1 : 1, sy = (i & 2) == 0 ? -1 : 1, sz = (i & 4) == 0 ? -1 : 1;
                yield return Location
                    + f * (sx * UnitHalfSize * scale.X)
                    + r * (sy * UnitHalfSize * scale.Y)
                    + u * (sz * UnitHalfSize * scale.Z);
            }
        }

        public override string ToString() => Name;
    }

}
