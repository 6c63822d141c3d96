namespace UnrealCv.Simulator.Scene
{
    public enum ProjectionType
    {
        Perspective,
        Orthographic,
    }

    /// <summary>
    /// A UFusionCamSensor: a camera component attached to an actor (the player pawn for camera 0, a
    /// FusionCameraActor otherwise). Its pose is its owner's pose; the film size and FOV are its own.
    /// </summary>
    public sealed class CameraSensor
    {
        public CameraSensor(string name, Actor owner, int width, int height, double fov)
        {
            Name = name;
            Owner = owner;
            Width = width;
            Height = height;
            Fov = fov;
        }

        /// <summary>The component name <c>vget /cameras</c> lists (PawnSensor, FusionCameraSensor).</summary>
        public string Name { get; }

        public Actor Owner { get; }

        public Vector3 Location
        {
            get => Owner.Location;
            set => Owner.Location = value;
        }

        public Rotator Rotation
        {
            get => Owner.Rotation;
            set => Owner.Rotation = value;
        }

        public int Width { get; set; }
        public int Height { get; set; }

        /// <summary>Horizontal field of view in degrees.</summary>
        public double Fov { get; set; }

        public ProjectionType Projection { get; set; } = ProjectionType.Perspective;

        /// <summary>Width of the view in cm for the orthographic projection (UE's default is 512).</summary>
        public double OrthoWidth { get; set; } = 512;
    }
}
