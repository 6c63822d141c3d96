using System.Globalization;
using System.Text;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>The plugin's own commands (PluginHandler.cpp): status, help, echo, version, scene and level names.</summary>
    internal static class PluginCommands
    {
        public const string Version = "1.0.1";

        public static void Register(CommandRouter router, SimulatorContext context)
        {
            router.Register("vget /unrealcv/status", "Get the status of UnrealCV plugin", _ => Reply.OfText(Status(context)));
            router.Register("vget /unrealcv/help", "List all available commands and their help message", _ => Reply.OfText(router.HelpText()));
            router.Register("vget /unrealcv/echo [str]", "[debug] Echo back all message, for debug", a => Reply.OfText(a[0]));
            router.Register("vget /unrealcv/version", "Get the version of UnrealCV, the format is v0.*.*", _ => Reply.OfText(Version));
            router.Register("vget /scene/name", "Get the name of this scene, to make sure the annotation data is for this scene.", _ => Reply.OfText(context.Options.ProjectName));
            router.Register("vget /level/name", "Get current level name", _ => Reply.OfText(context.World.LevelName));
            // vbatch is read by the server, not the dispatcher (never in help). In 4.27-stable a bug resets
            // its counter, so it only answers ok.
            router.RegisterUnlisted("vbatch [uint]", _ => Reply.Ok);
        }

        /// <summary>The 4.27-stable layout: every line ends with a newline, FOV with %f.</summary>
        internal static string Status(SimulatorContext context)
        {
            SimulatorOptions o = context.Options;
            var text = new StringBuilder();
            text.Append("Is Listening\n");
            text.Append(context.ClientConnected ? "Client Connected\n" : "No Client Connected\n");
            text.Append(context.Port.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("Configuration\n");
            text.Append("Config file: ").Append(o.ResolveConfigFilePath()).Append('\n');
            text.Append("Port: ").Append(context.Port.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("Width: ").Append(o.Width.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("Height: ").Append(o.Height.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("FOV: ").Append(PluginText.F(o.Fov)).Append('\n');
            text.Append("EnableInput: ").Append(o.EnableInput ? "true" : "false").Append('\n');
            text.Append("EnableRightEye: ").Append(o.EnableRightEye ? "true" : "false").Append('\n');
            return text.ToString();
        }
    }
}
