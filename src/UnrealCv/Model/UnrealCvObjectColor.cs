using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>An object's labelling colour: its pixels' colour in object_mask captures.</summary>
    public sealed class UnrealCvObjectColor
    {
        internal UnrealCvObjectColor(UnrealCvSession session, string name, UnrealCvColor color)
        {
            Session = session;
            Name = name;
            Color = color;
        }

        public string Name { get; }
        public UnrealCvColor Color { get; }
        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        public override string ToString() => Name + " " + Color;
    }
}
