using System;
using System.Collections.Generic;
using System.Globalization;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>
    /// The simulated game world: its actors in spawn order (what <c>vget /objects</c> lists), its camera
    /// sensors (camera id = index), and the little game state the commands touch. Only the game thread uses it.
    /// </summary>
    internal sealed class World
    {
        private readonly List<Actor> _actors = new List<Actor>();
        private readonly List<CameraSensor> _cameras = new List<CameraSensor>();
        private readonly Dictionary<string, int> _nameCounters = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private uint _garbage = 0x9E3779B9;

        public World(string levelName, int cameraWidth, int cameraHeight, double cameraFov)
        {
            LevelName = levelName;
            CameraWidth = cameraWidth;
            CameraHeight = cameraHeight;
            CameraFov = cameraFov;
        }

        /// <summary>Film size and FOV of new camera sensors (from unrealcv.ini / the command line).</summary>
        public int CameraWidth { get; }
        public int CameraHeight { get; }
        public double CameraFov { get; }

        public string LevelName { get; set; }

        /// <summary>What <c>vget /persistent_level/id</c> reports (ULevel::GetName of the persistent level).</summary>
        public string PersistentLevelName => "PersistentLevel";

        public IReadOnlyList<Actor> Actors => _actors;
        public IReadOnlyList<CameraSensor> Cameras => _cameras;

        public Actor? Pawn { get; set; }
        public Actor? LevelScriptActor { get; set; }

        /// <summary>The world's pause state (the WorldSettings' pauser): set at once, it stops frames from the next one.</summary>
        public bool Paused { get; set; }

        /// <summary>The WorldSettings' time dilation (<c>slomo</c>), clamped as SetTimeDilation does: it scales every frame's game time.</summary>
        public float TimeDilation { get; set; } = 1f;

        /// <summary>UWorld::TimeSeconds: game time, advanced by the dilated frame delta on every frame that is not paused.</summary>
        public double TimeSeconds { get; private set; }

        /// <summary>The player controller's keys, the world's timers and the default pawn's movement.</summary>
        public PlayerInput Input { get; } = new PlayerInput();

        /// <summary>AWorldSettings' MinUndilatedFrameTime and MaxUndilatedFrameTime (0.0005 s and 0.4 s).</summary>
        internal const double MinUndilatedFrameTime = 0.0005, MaxUndilatedFrameTime = 0.4;

        /// <summary>
        /// UWorld::Tick's game delta: the real frame time times the time dilation, clamped by FixupDeltaSeconds to the
        /// dilated [MinUndilatedFrameTime, MaxUndilatedFrameTime].
        /// </summary>
        internal double GameDelta(double realDeltaSeconds)
        {
            double dilation = TimeDilation;
            return Math.Max(MinUndilatedFrameTime * dilation, Math.Min(realDeltaSeconds * dilation, MaxUndilatedFrameTime * dilation));
        }

        public string ViewMode { get; set; } = "lit";

        /// <summary>
        /// The player controller's control rotation: <c>vset /camera/0/rotation</c> sets it as given
        /// (ClientSetRotation); the camera follows on the next frame that is not paused.
        /// </summary>
        public Rotator ControlRotation { get; set; }

        /// <summary>
        /// One game frame of the engine before the plugin's tick runs the queued requests: unless paused, game time
        /// advances by the dilated frame time, the player controller limits its view rotation
        /// (PlayerCameraManager::ProcessViewRotation), held keys move the default pawn, the world's timers run (releasing
        /// keys), and the PawnSensor (camera 0) takes the view rotation. Moves by command are immediate and need no frame.
        /// </summary>
        public void AdvanceFrame(double realDeltaSeconds = 0)
        {
            if (Paused) return;
            double delta = GameDelta(realDeltaSeconds);
            TimeSeconds += delta;
            ControlRotation = LimitViewRotation(ControlRotation);
            // TG_PrePhysics: the controller reads its keys, the pawn's movement component moves it; then the timers.
            Input.MovePawn(this, delta);
            Input.TickTimers(delta);
            foreach (CameraSensor camera in _cameras)
                if (camera.AttachedToPawn && camera.Owner == Pawn) camera.FollowView(ControlRotation);
        }

        /// <summary>LimitViewPitch/Yaw/Roll with the default PlayerCameraManager's limits: pitch and roll ±89.9, yaw 0..359.999, each then in [0, 360).</summary>
        internal static Rotator LimitViewRotation(Rotator r) => new Rotator(
            UeRotationMath.ClampAxis(UeRotationMath.ClampAngle((float)r.Pitch, -89.9f, 89.9f)),
            UeRotationMath.ClampAxis(UeRotationMath.ClampAngle((float)r.Yaw, 0f, 359.999f)),
            UeRotationMath.ClampAxis(UeRotationMath.ClampAngle((float)r.Roll, -89.9f, 89.9f)));

        /// <summary>Unit vector towards the sun (the scene's directional light).</summary>
        public Vector3 SunDirection { get; set; } = new Vector3(-0.45, -0.3, 0.84).Normalized();

        /// <summary>Finds an actor by name the way UE compares FNames: case-insensitively.</summary>
        public Actor? FindActor(string name)
        {
            foreach (Actor actor in _actors)
                if (string.Equals(actor.Name, name, StringComparison.OrdinalIgnoreCase)) return actor;
            return null;
        }

        /// <summary>Adds an actor (unannotated) with AActor's blueprint functions.</summary>
        public Actor Add(Actor actor)
        {
            BlueprintLibrary.AddActorFunctions(actor, this);
            _actors.Add(actor);
            return actor;
        }

        public CameraSensor AddCamera(CameraSensor camera)
        {
            _cameras.Add(camera);
            return camera;
        }

        public void Destroy(Actor actor)
        {
            _actors.Remove(actor);
            _cameras.RemoveAll(c => c.Owner == actor);
            if (Pawn == actor) Pawn = null;
        }

        /// <summary>
        /// FObjectAnnotator::AnnotateWorld, run once when the plugin first ticks in a world: every actor, in
        /// list order, takes the next colour of the plugin's map, and those with a mesh get annotation
        /// components of that colour. Actors spawned later get none until <c>vset /object/[str]/color</c>.
        /// </summary>
        public void AnnotateWorld()
        {
            for (int i = 0; i < _actors.Count && i < AnnotationPalette.Count; i++)
                if (_actors[i].HasMesh) _actors[i].Annotation = AnnotationPalette.At(i);
        }

        /// <summary>
        /// What <c>vget /object/[str]/color</c> prints for an actor without annotation components: the plugin
        /// prints an FColor it never initialised (stack memory). Unknowable, so it differs on every call.
        /// </summary>
        public Color UninitialisedColor()
        {
            _garbage ^= _garbage << 13;
            _garbage ^= _garbage >> 17;
            _garbage ^= _garbage << 5;
            uint v = _garbage;
            return new Color((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24));
        }

        /// <summary>
        /// Spawns an actor of a class the simulated game has loaded (null for an unknown class), at the
        /// origin like SpawnActor without a transform. A FusionCameraActor brings its camera sensor. The
        /// actor is not annotated: the plugin annotates only when the world starts.
        /// </summary>
        public Actor? Spawn(string className)
        {
            string? canonical = null;
            foreach (string known in SpawnableClasses)
                if (string.Equals(known, className, StringComparison.OrdinalIgnoreCase)) canonical = known;
            if (canonical == null) return null;
            Actor actor = Add(Create(canonical, MakeUniqueName(canonical)));
            if (canonical == "FusionCameraActor") AddCamera(new CameraSensor("FusionCameraSensor", actor, CameraWidth, CameraHeight, CameraFov));
            return actor;
        }

        /// <summary>The UClass names <c>vset /objects/spawn</c> finds (engine classes plus the level's blueprints).</summary>
        public static readonly string[] SpawnableClasses =
        {
            "Actor", "StaticMeshActor", "CubeActor", "FusionCameraActor", "CameraActor", "PointLight", "SpotLight",
            "DirectionalLight", "TargetPoint", "Note", "DefaultPawn", "BP_Agent_C",
        };

        /// <summary>
        /// A new actor of a known class with the root component and mobility its constructor gives it: AActor has
        /// no root; AStaticMeshActor (and ACubeActor) roots a Static mesh component, a spawned StaticMeshActor with
        /// no mesh set; lights are Stationary; camera actors and pawns are Movable.
        /// </summary>
        internal static Actor Create(string className, string name)
        {
            switch (className)
            {
                case "Actor":
                    return new Actor(name, className) { HasRoot = false };
                case "StaticMeshActor":
                    return new Actor(name, className) { HasMesh = true, Mobility = Mobility.Static };
                case "CubeActor":
                    return new Actor(name, className, ShapeKind.Box) { Mobility = Mobility.Static };
                case "PointLight":
                case "SpotLight":
                case "DirectionalLight":
                    return new Actor(name, className) { Mobility = Mobility.Stationary };
                case "TargetPoint":
                case "Note":
                    return new Actor(name, className) { Mobility = Mobility.Static };
                case "DefaultPawn":
                    return NewDefaultPawn(name);
                case "BP_Agent_C":
                    var agent = new Actor(name, className) { Mobility = Mobility.Movable };
                    BlueprintLibrary.AddAgentFunctions(agent);
                    return agent;
                default:
                    return new Actor(name, className) { Mobility = Mobility.Movable };
            }
        }

        /// <summary>
        /// ADefaultPawn: a Movable 35 cm collision sphere with a sphere mesh of the same size (hidden only from its
        /// owner's own view, and the player camera sits inside it anyway).
        /// </summary>
        internal static Actor NewDefaultPawn(string name) =>
            new Actor(name, "DefaultPawn", ShapeKind.Sphere) { Mobility = Mobility.Movable, MeshScale = new Vector3(0.7, 0.7, 0.7) };

        /// <summary>A fresh UE-style name <c>Class_N</c>, N counting per class from 0 and skipping names in use.</summary>
        public string MakeUniqueName(string className)
        {
            _nameCounters.TryGetValue(className, out int n);
            string name;
            do name = className + "_" + (n++).ToString(CultureInfo.InvariantCulture);
            while (FindActor(name) != null);
            _nameCounters[className] = n;
            return name;
        }
    }
}
