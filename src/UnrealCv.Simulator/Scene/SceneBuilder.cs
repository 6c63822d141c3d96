namespace UnrealCv.Simulator.Scene
{
    /// <summary>
    /// The default level: a floor, a few boxes and spheres, a placed FusionCameraActor looking straight
    /// down, and the actors any UE game world has (WorldSettings, lights, game mode, controller, pawn…),
    /// in the order a packaged game lists them: level actors first, then those spawned at BeginPlay.
    /// </summary>
    internal static class SceneBuilder
    {
        /// <summary>Height of the placed top-down camera (camera 1): its depth image reads this at the centre.</summary>
        public const double TopCameraHeight = 800;

        public static World Build(string levelName, int width, int height, double fov)
        {
            var world = new World(levelName, width, height, fov);

            Info(world, "WorldSettings", "WorldSettings", hasRoot: false);
            Info(world, null, "DirectionalLight").Mobility = Mobility.Stationary;
            Info(world, null, "SkyLight").Mobility = Mobility.Stationary;
            Info(world, "SkySphereBlueprint", "BP_Sky_Sphere_C");
            Info(world, null, "PlayerStart");

            var floor = Geometry(world, "Floor", ShapeKind.Box, new Vector3(0, 0, -5), new Vector3(40, 40, 0.1), new Color(180, 180, 175));
            floor.Checkered = true;
            floor.Mobility = Mobility.Static;
            Geometry(world, "RedBox", ShapeKind.Box, new Vector3(100, -150, 50), Vector3.One, new Color(200, 40, 40));
            Geometry(world, "GreenBox", ShapeKind.Box, new Vector3(300, 120, 75), new Vector3(1.5, 1.5, 1.5), new Color(40, 170, 60)).Rotation = new Rotator(0, 30, 0);
            Geometry(world, "BlueBox", ShapeKind.Box, new Vector3(-50, 260, 40), new Vector3(0.8, 1.6, 0.8), new Color(50, 80, 200));
            Geometry(world, "YellowSphere", ShapeKind.Sphere, new Vector3(180, -10, 60), new Vector3(1.2, 1.2, 1.2), new Color(220, 200, 40));
            Geometry(world, "PurpleSphere", ShapeKind.Sphere, new Vector3(450, -260, 100), new Vector3(2, 2, 2), new Color(140, 60, 170));

            var topCamera = world.Add(new Actor(world.MakeUniqueName("FusionCameraActor"), "FusionCameraActor")
            {
                Location = new Vector3(0, 0, TopCameraHeight),
                Rotation = new Rotator(-90, 0, 0),
                Mobility = Mobility.Movable,
            });

            world.Add(World.Create("BP_Agent_C", "BP_Agent_C_1")).Location = new Vector3(-200, -300, 0);
            world.LevelScriptActor = Info(world, null, "LevelScriptActor", hasRoot: false);

            // Spawned by the engine when the game starts. The AInfo ones, the HUD and the particle manager have no
            // root component in a cooked game; the controller and camera manager root a Movable scene component.
            foreach (string gameplayClass in new[] { "GameNetworkManager", "GameModeBase", "GameSession", "GameStateBase", "ParticleEventManager" })
                Info(world, null, gameplayClass, hasRoot: false);
            Info(world, null, "PlayerController").Mobility = Mobility.Movable;
            Info(world, null, "PlayerState", hasRoot: false);
            Info(world, null, "PlayerCameraManager").Mobility = Mobility.Movable;
            // The game mode spawns the pawn upright (yaw only); the level's view starts pitched down by 10 degrees.
            var pawn = world.Add(World.NewDefaultPawn(world.MakeUniqueName("DefaultPawn")));
            pawn.Location = new Vector3(-500, 0, 170);
            world.Pawn = pawn;
            world.ControlRotation = new Rotator(-10, 0, 0);
            Info(world, null, "HUD", hasRoot: false);
            // The plugin spawns its world controller on its first tick, then annotates the world and mounts the PawnSensor.
            Info(world, null, "UnrealcvWorldController", hasRoot: false);
            world.AnnotateWorld();

            world.AddCamera(new CameraSensor("PawnSensor", pawn, width, height, fov, attachedToPawn: true));
            world.AddCamera(new CameraSensor("FusionCameraSensor", topCamera, width, height, fov));
            world.AdvanceFrame();
            return world;
        }

        private static Actor Info(World world, string? name, string className, bool hasRoot = true) =>
            world.Add(new Actor(name ?? world.MakeUniqueName(className), className) { Mobility = Mobility.Static, HasRoot = hasRoot });

        private static Actor Geometry(World world, string name, ShapeKind shape, Vector3 location, Vector3 scale, Color color) =>
            world.Add(new Actor(name, "StaticMeshActor", shape)
            {
                Location = location,
                Scale = scale,
                BaseColor = color,
                Mobility = Mobility.Movable,
            });
    }
}
