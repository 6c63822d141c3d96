using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace UnrealCv.Launch
{
    /// <summary>Why an instance folder could not be made; <see cref="CanUseArguments"/> when the arguments can stand in.</summary>
    internal sealed class InstanceFolderException : Exception
    {
        public InstanceFolderException(string message, bool canUseArguments, Exception? inner = null) : base(message, inner)
        {
            CanUseArguments = canUseArguments;
        }

        public bool CanUseArguments { get; }
    }

    /// <summary>
    /// One instance's own copy of the game's binary folder: <c>&lt;Project&gt;/Binaries/Linux_&lt;port&gt;/</c> beside
    /// <c>&lt;Project&gt;/Binaries/Linux/</c>, so the engine's paths relative to its binary (../../ to the project)
    /// still lead to the game, holding a hard link to the executable and the instance's own unrealcv.ini, which the
    /// plugin reads beside its binary and rewrites at start (ServerConfig.cpp). Instances never share or race on one ini.
    /// A marker file names what we made, so that we only ever remove that, and recognise a folder a crashed run left.
    /// </summary>
    internal sealed class InstanceFolder
    {
        public const string MarkerName = ".unrealcv-instance";
        private const string MarkerHeading = "Made by Start-UnrealCvBinary (PowerShell module UnrealCv); Stop-UnrealCvBinary removes it.";

        private readonly bool _createdFolder;
        private readonly string[] _ownFiles;

        private InstanceFolder(string path, string executable, bool createdFolder, string[] ownFiles)
        {
            Path = path;
            Executable = executable;
            _createdFolder = createdFolder;
            _ownFiles = ownFiles;
        }

        /// <summary>The folder, e.g. .../Game/Binaries/Linux_9001.</summary>
        public string Path { get; }

        /// <summary>The hard link that is run.</summary>
        public string Executable { get; }

        public string ConfigFile => System.IO.Path.Combine(Path, InstanceIni.FileName);

        /// <summary>True when the folder was left by a run of ours that ended without stopping its binaries, and was reused.</summary>
        public bool ReusedLeftover => !_createdFolder;

        /// <summary>The folder for <paramref name="port"/> beside the executable's folder.</summary>
        public static string PathFor(string executable, int port)
        {
            string binaries = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(executable))!;
            string parent = System.IO.Path.GetDirectoryName(binaries) ?? binaries;
            return System.IO.Path.Combine(parent, System.IO.Path.GetFileName(binaries) + "_" + port.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>
        /// Makes the folder with the hard link and the ini. On failure nothing of it is left, and the exception says
        /// whether the binary can be started with its settings on the command line instead.
        /// </summary>
        public static InstanceFolder Create(string executable, int port, int? width, int? height, double? fov)
        {
            string folder = PathFor(executable, port);
            string name = System.IO.Path.GetFileName(executable);
            string[] own = { name, InstanceIni.FileName, MarkerName };
            string marker = System.IO.Path.Combine(folder, MarkerName);
            bool created;
            if (File.Exists(folder))
                throw new InstanceFolderException($"'{folder}' is a file that Start-UnrealCvBinary did not make, so it is left alone. Move it away, pick other ports, or use -PortDelivery Arguments.", canUseArguments: false);
            if (Directory.Exists(folder))
            {
                if (!File.Exists(marker))
                    throw new InstanceFolderException($"'{folder}' exists and was not made by Start-UnrealCvBinary (it has no {MarkerName} file), so it is left alone. Move it away, pick other ports, or use -PortDelivery Arguments.", canUseArguments: false);
                RemoveListed(folder, marker); // left by a run of ours that ended without Stop-UnrealCvBinary; the port is ours now
                created = false;
            }
            else
            {
                try { Directory.CreateDirectory(folder); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
                {
                    throw new InstanceFolderException($"cannot create '{folder}': {e.Message}", canUseArguments: true, e);
                }
                created = true;
            }
            var instance = new InstanceFolder(folder, System.IO.Path.Combine(folder, name), created, own);
            try
            {
                // The marker first: whatever happens next, the folder is recognisably ours.
                using (var self = System.Diagnostics.Process.GetCurrentProcess())
                    File.WriteAllText(marker, MarkerHeading + "\n" + $"pid={self.Id}\n" + string.Concat(own.Select(f => "file=" + f + "\n")));
                // The file itself, not a symbolic link to it: a link would be linked as a link, and resolve from the wrong folder.
                string source = NativeFile.RealPath(executable);
                string? linkError = NativeFile.TryHardLink(source, instance.Executable);
                if (linkError != null)
                    throw new InstanceFolderException($"cannot hard link '{source}' into '{folder}': {linkError}", canUseArguments: true);
                // The ini the game uses when run as it is: beside its real file.
                string shared = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, InstanceIni.FileName);
                string? original = File.Exists(shared) ? File.ReadAllText(shared) : null;
                File.WriteAllText(instance.ConfigFile, InstanceIni.Write(original, port, width, height, fov));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InstanceFolderException)
            {
                instance.Remove();
                if (e is InstanceFolderException) throw;
                throw new InstanceFolderException($"cannot write into '{folder}': {e.Message}", canUseArguments: true, e);
            }
            return instance;
        }

        /// <summary>
        /// Removes what we made: our files, then the folder if nothing else is in it. Returns null when all is gone, or
        /// what was left and why (files the binary wrote there are not ours to delete).
        /// </summary>
        public string? Remove()
        {
            if (!Directory.Exists(Path)) return null;
            var problems = new List<string>();
            foreach (string file in _ownFiles.Where(f => f != MarkerName))
                TryDelete(System.IO.Path.Combine(Path, file), problems);
            try
            {
                string[] others = Directory.EnumerateFileSystemEntries(Path).Select(e => System.IO.Path.GetFileName(e)!).Where(n => n != MarkerName).ToArray();
                if (others.Length > 0) problems.Add("it holds files that are not ours: " + string.Join(", ", others));
                if (problems.Count > 0) return $"left '{Path}' (with its {MarkerName}): " + string.Join("; ", problems);
                TryDelete(System.IO.Path.Combine(Path, MarkerName), problems);
                if (problems.Count == 0) Directory.Delete(Path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                problems.Add(e.Message);
            }
            return problems.Count == 0 ? null : $"left '{Path}': " + string.Join("; ", problems);
        }

        private static void TryDelete(string file, List<string> failures)
        {
            try { if (File.Exists(file)) File.Delete(file); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { failures.Add($"cannot delete {System.IO.Path.GetFileName(file)}: {e.Message}"); }
        }

        /// <summary>Deletes the files a leftover marker names (plain names in the folder only), keeping the marker.</summary>
        private static void RemoveListed(string folder, string marker)
        {
            foreach (string line in File.ReadAllLines(marker))
            {
                if (!line.StartsWith("file=", StringComparison.Ordinal)) continue;
                string file = line.Substring(5);
                if (file.Length == 0 || file == MarkerName || file.IndexOfAny(new[] { '/', '\\' }) >= 0 || file == "." || file == "..") continue;
                string target = System.IO.Path.Combine(folder, file);
                try { if (File.Exists(target)) File.Delete(target); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new InstanceFolderException($"'{folder}' was left by an earlier run, and its {file} cannot be removed: {e.Message}", canUseArguments: false, e);
                }
            }
        }
    }
}
