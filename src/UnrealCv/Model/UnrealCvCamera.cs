using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// A camera sensor as Get-UnrealCvCamera reads it: its id (its index in <c>vget /cameras</c>; 0 is the player
    /// pawn's sensor), pose, field of view and film size, with the session it came from so it can pipe on to
    /// Set-UnrealCvCamera and Get-UnrealCvImage.
    /// </summary>
    public sealed class UnrealCvCamera
    {
        internal UnrealCvCamera(UnrealCvSession session, int id, string name, UnrealCvVector location, UnrealCvRotator rotation, double fov, UnrealCvSize size)
        {
            Session = session;
            Id = id;
            Name = name;
            Location = location;
            Rotation = rotation;
            Fov = fov;
            Width = size.Width;
            Height = size.Height;
        }

        /// <summary>The camera id used in <c>vget /camera/&lt;id&gt;/…</c> commands.</summary>
        public int Id { get; }

        /// <summary>The sensor component's name, as <c>vget /cameras</c> lists it.</summary>
        public string Name { get; }

        public UnrealCvVector Location { get; }

        /// <summary>Rotation in degrees (pitch yaw roll).</summary>
        public UnrealCvRotator Rotation { get; }

        /// <summary>Horizontal field of view in degrees.</summary>
        public double Fov { get; }

        /// <summary>Film width in pixels: the width of this camera's captures.</summary>
        public int Width { get; }

        /// <summary>Film height in pixels.</summary>
        public int Height { get; }

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        public override string ToString() => Name;
    }
}
