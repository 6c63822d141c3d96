using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// An actor of the game world as Get-UnrealCvObject reads it: its pose, scale and labelling colour (the colour
    /// of its pixels in <c>object_mask</c> captures), with the session it came from so it can pipe on to
    /// Set-UnrealCvObject.
    /// </summary>
    public sealed class UnrealCvObject
    {
        internal UnrealCvObject(UnrealCvSession session, string name, UnrealCvVector location, UnrealCvRotator rotation, UnrealCvVector scale, UnrealCvColor color)
        {
            Session = session;
            Name = name;
            Location = location;
            Rotation = rotation;
            Scale = scale;
            Color = color;
        }

        /// <summary>The actor's name as <c>vget /objects</c> lists it.</summary>
        public string Name { get; }

        /// <summary>World location in UE units (cm).</summary>
        public UnrealCvVector Location { get; }

        /// <summary>World rotation in degrees (pitch yaw roll).</summary>
        public UnrealCvRotator Rotation { get; }

        public UnrealCvVector Scale { get; }

        /// <summary>The labelling colour: the colour of this object's pixels in <c>object_mask</c> captures.</summary>
        public UnrealCvColor Color { get; }

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        public override string ToString() => Name;
    }
}
