using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using UnrealCv.Common;

namespace UnrealCv.Launch
{
    /// <summary>
    /// What exactly is run for one instance, and how its port and image size reach it.
    /// <para>
    /// InstanceFolder: the hard link in the instance's own folder, with the launch script's arguments around the
    /// user's; the settings are in that folder's unrealcv.ini only, so what the binary serves proves it read it.
    /// </para>
    /// <para>
    /// Arguments: the given file as it is (a launch script passes our arguments on with "$@"), the settings on the
    /// command line. The plugin reads them with FParse::Value(cmdline, "cvport", int&amp;) (ServerConfig.cpp) and
    /// "UnrealCVPort", "UnrealCVWidth"... (UnrealcvModule.cpp): the first case-insensitive match anywhere in the line
    /// that does not follow a letter or digit, then atoi from the character right after the name. So
    /// "-UnrealCVPort=9001" reads 0 (an OS-picked port). "-UnrealCVPort 9001" would work (atoi skips blanks) but
    /// leaves a bare "9001" word that the engine could take for a map; the glued "-UnrealCVPort9001" is one
    /// switch-shaped word nothing else reads. "cvport" is not found inside "-UnrealCVPort9001" (it follows an 'l'),
    /// so both are given, with the same number: 4.27-stable lets UnrealCVPort override cvport, and a plugin older
    /// than UnrealCVPort reads cvport alone.
    /// </para>
    /// </summary>
    internal sealed class LaunchPlan
    {
        private LaunchPlan(string path, string executable, List<string> arguments, string workingDirectory, PortDelivery delivery,
            InstanceFolder? folder, string? configFile, string? fallbackReason)
        {
            Path = path;
            Executable = executable;
            Arguments = arguments;
            WorkingDirectory = workingDirectory;
            Delivery = delivery;
            Folder = folder;
            ConfigFile = configFile;
            FallbackReason = fallbackReason;
        }

        public string Path { get; }
        public string Executable { get; }
        public IReadOnlyList<string> Arguments { get; }
        public string WorkingDirectory { get; }
        public PortDelivery Delivery { get; }
        public InstanceFolder? Folder { get; }
        public string? ConfigFile { get; }
        public string? FallbackReason { get; }

        /// <summary>Makes the instance folder when the delivery asks for one; throws <see cref="ClientException"/> when it cannot be had.</summary>
        public static LaunchPlan For(LaunchOptions o, int port)
        {
            string? fallback = null;
            if (o.Delivery != PortDelivery.Arguments && o.Target != null)
            {
                try
                {
                    InstanceFolder folder = InstanceFolder.Create(o.Target.Executable, port, o.Width, o.Height, o.Fov);
                    var arguments = o.Target.LeadingArguments.Concat(Common(o)).Concat(o.Target.TrailingArguments).ToList();
                    return new LaunchPlan(o.Path, folder.Executable, arguments, folder.Path, PortDelivery.InstanceFolder, folder, folder.ConfigFile, null);
                }
                catch (InstanceFolderException e) when (e.CanUseArguments && o.Delivery == PortDelivery.Auto)
                {
                    fallback = e.Message;
                }
                catch (InstanceFolderException e)
                {
                    throw new ClientException(ClientFault.NotSupported, e.Message +
                        (e.CanUseArguments ? " Use -PortDelivery Arguments (or Auto) to pass the settings on the command line instead." : ""), e);
                }
            }
            var list = new List<string>();
            if (!string.IsNullOrEmpty(o.Map)) list.Add(o.Map!);
            list.AddRange(SettingArguments(o, port));
            list.AddRange(Common(o).Skip(string.IsNullOrEmpty(o.Map) ? 0 : 1));
            string folderOfPath = System.IO.Path.GetDirectoryName(o.Path) ?? "";
            // The plugin's ini is beside the binary's real file (a symbolic link is resolved when it is run).
            string? sharedIni = o.Target == null ? null : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(NativeFile.RealPath(o.Target.Executable)) ?? "", InstanceIni.FileName);
            return new LaunchPlan(o.Path, o.Path, list, folderOfPath, PortDelivery.Arguments, null, sharedIni, fallback);
        }

        /// <summary>The map first (the engine takes the first word after the project for it), then -RenderOffScreen and the user's.</summary>
        private static IEnumerable<string> Common(LaunchOptions o)
        {
            if (!string.IsNullOrEmpty(o.Map)) yield return o.Map!;
            if (o.RenderOffScreen) yield return "-RenderOffScreen";
            foreach (string a in o.Arguments) yield return a;
        }

        private static IEnumerable<string> SettingArguments(LaunchOptions o, int port)
        {
            yield return "-cvport" + port.ToString(CultureInfo.InvariantCulture);
            yield return "-UnrealCVPort" + port.ToString(CultureInfo.InvariantCulture);
            if (o.Width.HasValue) yield return "-UnrealCVWidth" + o.Width.Value.ToString(CultureInfo.InvariantCulture);
            if (o.Height.HasValue) yield return "-UnrealCVHeight" + o.Height.Value.ToString(CultureInfo.InvariantCulture);
            if (o.Fov.HasValue) yield return "-UnrealCVFOV" + CommandText.Number(o.Fov.Value);
        }
    }
}
