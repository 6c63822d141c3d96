namespace UnrealCv.Simulator.Scene
{
    internal enum ProjectionType
    {
        Perspective,
        Orthographic,
    }

    /// <summary>
    /// A UFusionCamSensor: a camera component. A FusionCameraActor's sensor is its root, so its pose is the
    /// actor's. The player's PawnSensor is attached to the pawn's root: it moves with the pawn at once, and each
    /// game frame (not while paused) it takes the controller's view rotation, which it keeps as a rotation
    /// relative to the pawn until the next frame. The film size and FOV are the sensor's own.
    /// </summary>
    internal sealed class CameraSensor
    {
        public CameraSensor(string name, Actor owner, int width, int height, double fov, bool attachedToPawn = false)
        {
            Name = name;
            Owner = owner;
            Width = width;
            Height = height;
            Fov = fov;
            AttachedToPawn = attachedToPawn;
        }

        /// <summary>The component name <c>vget /cameras</c> lists (PawnSensor, FusionCameraSensor).</summary>
        public string Name { get; }

        public Actor Owner { get; }

        /// <summary>True for the PawnSensor (camera 0), attached to the pawn; false for an actor's root sensor.</summary>
        public bool AttachedToPawn { get; }

        /// <summary>The PawnSensor's rotation relative to the pawn's root, set on each game frame.</summary>
        internal Quat RelativeRotation { get; set; } = Quat.Identity;

        public Vector3 Location => Owner.Location;

        /// <summary>World rotation as GetComponentRotation reads it.</summary>
        public Rotator Rotation => WorldRotation.ToRotator();

        internal Quat WorldRotation => AttachedToPawn ? Owner.RotationQuat * RelativeRotation : Owner.RotationQuat;

        /// <summary>UPawnCamSensor::TickComponent: SetWorldRotation(view rotation), kept relative to the pawn.</summary>
        internal void FollowView(Rotator viewRotation) =>
            RelativeRotation = Owner.RotationQuat.Inverse() * UeRotationMath.Quaternion(viewRotation);

        /// <summary>The same view at another film size (the game viewport, for screenshots).</summary>
        internal CameraSensor WithFilm(int width, int height) =>
            new CameraSensor(Name, Owner, width, height, Fov, AttachedToPawn) { RelativeRotation = RelativeRotation, Projection = Projection, OrthoWidth = OrthoWidth };

        public int Width { get; set; }
        public int Height { get; set; }

        /// <summary>Horizontal field of view in degrees.</summary>
        public double Fov { get; set; }

        public ProjectionType Projection { get; set; } = ProjectionType.Perspective;

        /// <summary>Width of the view in cm for the orthographic projection (UE's default is 512).</summary>
        public double OrthoWidth { get; set; } = 512;
    }
}
