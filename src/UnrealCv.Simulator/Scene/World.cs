using System;
using System.Collections.Generic;
using System.Globalization;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>
    /// The simulated game world: its actors in spawn order (what <c>vget /objects</c> lists), its camera
    /// sensors (camera id = index), and the little game state the commands touch. Only the game thread uses it.
    /// </summary>
    public sealed class World
    {
        private readonly List<Actor> _actors = new List<Actor>();
        private readonly List<CameraSensor> _cameras = new List<CameraSensor>();
        private readonly Dictionary<string, int> _nameCounters = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private int _nextColor;

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

        public bool Paused { get; set; }
        public string ViewMode { get; set; } = "lit";

        /// <summary>Unit vector towards the sun (the scene's directional light).</summary>
        public Vector3 SunDirection { get; set; } = new Vector3(-0.45, -0.3, 0.84).Normalized();

        /// <summary>Finds an actor by name the way UE compares FNames: case-insensitively.</summary>
        public Actor? FindActor(string name)
        {
            foreach (Actor actor in _actors)
                if (string.Equals(actor.Name, name, StringComparison.OrdinalIgnoreCase)) return actor;
            return null;
        }

        /// <summary>Adds an actor, giving it the next annotation colour unless it has one, and AActor's blueprint functions.</summary>
        public Actor Add(Actor actor)
        {
            if (actor.AnnotationColor.A == 0) actor.AnnotationColor = NextAnnotationColor();
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
        /// Spawns an actor of a class the simulated game has loaded (null for an unknown class), at the
        /// origin like SpawnActor without a transform. A FusionCameraActor brings its camera sensor.
        /// </summary>
        public Actor? Spawn(string className)
        {
            string? canonical = null;
            foreach (string known in SpawnableClasses)
                if (string.Equals(known, className, StringComparison.OrdinalIgnoreCase)) canonical = known;
            if (canonical == null) return null;
            var actor = new Actor(MakeUniqueName(canonical), canonical, canonical == "CubeActor" ? ShapeKind.Box : ShapeKind.None)
            {
                Mobility = Mobility.Movable,
            };
            Add(actor);
            if (canonical == "FusionCameraActor") AddCamera(new CameraSensor("FusionCameraSensor", actor, CameraWidth, CameraHeight, CameraFov));
            if (canonical == "BP_Agent_C") BlueprintLibrary.AddAgentFunctions(actor);
            return actor;
        }

        /// <summary>The UClass names <c>vset /objects/spawn</c> finds (engine classes plus the level's blueprints).</summary>
        public static readonly string[] SpawnableClasses =
        {
            "Actor", "StaticMeshActor", "CubeActor", "FusionCameraActor", "CameraActor", "PointLight", "SpotLight",
            "DirectionalLight", "TargetPoint", "Note", "DefaultPawn", "BP_Agent_C",
        };

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

        /// <summary>
        /// Well separated, saturated colours for the object masks (the plugin's annotator hands out colours
        /// from a palette in the same spirit); never black, which is the background.
        /// </summary>
        private Color NextAnnotationColor()
        {
            int i = _nextColor++;
            // Golden-angle hue steps give distinct neighbours; three brightness bands extend the palette.
            double hue = (i * 137.508) % 360;
            double value = 1.0 - 0.25 * ((i / 12) % 3);
            return FromHsv(hue, 0.85, value);
        }

        private static Color FromHsv(double h, double s, double v)
        {
            double c = v * s, x = c * (1 - Math.Abs((h / 60) % 2 - 1)), m = v - c;
            double r, g, b;
            if (h < 60) { r = c; g = x; b = 0; }
            else if (h < 120) { r = x; g = c; b = 0; }
            else if (h < 180) { r = 0; g = c; b = x; }
            else if (h < 240) { r = 0; g = x; b = c; }
            else if (h < 300) { r = x; g = 0; b = c; }
            else { r = c; g = 0; b = x; }
            return new Color(ToByte(r + m), ToByte(g + m), ToByte(b + m));
        }

        private static byte ToByte(double v) => (byte)Math.Max(1, Math.Min(255, Math.Round(v * 255)));
    }
}
