using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// The game a session runs, as Get-UnrealCvGame reads it: the level loaded (<c>vget /level/name</c>) and whether the
    /// game is paused (<c>vget /action/game/is_paused</c>). Time dilation and the frame limit are console variables the
    /// plugin cannot read back, so they are not here.
    /// </summary>
    public sealed class UnrealCvGame
    {
        internal UnrealCvGame(UnrealCvSession session, string level, bool isPaused)
        {
            Session = session;
            Level = level;
            IsPaused = isPaused;
        }

        /// <summary>The map's name (<c>vget /level/name</c>), without the streaming prefix.</summary>
        public string Level { get; }

        /// <summary>Whether the first player controller says the game is paused.</summary>
        public bool IsPaused { get; }

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        public override string ToString() => Level;
    }
}
