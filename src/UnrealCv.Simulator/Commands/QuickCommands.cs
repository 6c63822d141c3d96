using System.Collections.Generic;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>
    /// The templates whose handlers only read or set a few values: no rendering, no files, no spawning or level
    /// loads, no console, nothing that can crash or stop the engine. The game thread may hold the replies of earlier
    /// requests while one of these runs (they go out together); before any other handler it sends them, so a reply
    /// is never held back while the game thread does real work.
    /// </summary>
    internal static class QuickCommands
    {
        private static readonly HashSet<string> Templates = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "vget /unrealcv/echo [str]",
            "vget /unrealcv/version",
            "vget /unrealcv/status",
            "vget /scene/name",
            "vget /level/name",
            "vbatch [uint]",
            "vget /objects",
            "vget /cameras",
            "vget /object/[str]/location",
            "vset /object/[str]/location [float] [float] [float]",
            "vget /object/[str]/rotation",
            "vset /object/[str]/rotation [float] [float] [float]",
            "vget /object/[str]/scale",
            "vset /object/[str]/scale [float] [float] [float]",
            "vget /object/[str]/uclass_name",
            "vget /camera/[uint]/location",
            "vset /camera/[uint]/location [float] [float] [float]",
            "vget /camera/[uint]/rotation",
            "vset /camera/[uint]/rotation [float] [float] [float]",
            "vget /camera/[uint]/fov",
            "vget /camera/[uint]/size",
            "vget /action/game/is_paused",
            "vget /viewmode",
            "vget /persistent_level/id",
        };

        public static bool Contains(string template) => Templates.Contains(template);

        /// <summary>The list (tests: each names a template of the table).</summary>
        internal static IEnumerable<string> All => Templates;
    }
}
