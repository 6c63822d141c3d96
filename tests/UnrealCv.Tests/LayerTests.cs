using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>
    /// The folders of src/UnrealCv are layers that depend one way: a file may use the types of its own folder and of
    /// the folders in lower tiers, never a sibling's or a higher tier's. Read from the source, so a reference in a method
    /// body counts as much as one in a signature.
    /// </summary>
    public class LayerTests
    {
        /// <summary>
        /// The order, lowest first; folders in one tier are siblings that may not use each other. The wire
        /// (UnrealCv.Protocol) and the simulator are other assemblies, below all of these. "" is the root folder.
        /// </summary>
        private static readonly string[][] Tiers =
        {
            new[] { "Common" },             // ClientException, Deadline, CommandText: what every layer says and waits with
            new[] { "Transport" },          // sockets, socket files and their naming
            new[] { "Replies" },            // reply shapes and typed values, parsed from text or bytes
            new[] { "Pictures" },           // decoded pixels of captures, depth pictures, terminal drawings
            new[] { "Connection" },         // the client engine: one link, ids, pending requests
            new[] { "Session" },            // what the user holds; links under one identity; transport switches
            new[] { "Requests" },           // batches of requests on sessions, one response each
            new[] { "Launch", "Model" },    // starting binaries and simulators | objects and cameras of the scene
            new[] { "State" },              // the per-runspace registries
            new[] { "Completion" },         // tab completion
            new[] { "Commands" },           // the cmdlets
            new[] { "" },                   // module entry points (ModuleCleanup)
        };

        /// <summary>
        /// Below Commands, only these folders may use PowerShell (System.Management.Automation):
        /// Requests and Model write their errors and responses through the cmdlet that owns them, Model also holds the
        /// parameter transformation attributes, State keys its registries by Runspace, Completion implements
        /// IArgumentCompleter. Everything under them is plain .NET and could serve another host.
        /// </summary>
        private static readonly string[] MayUsePowerShell = { "Requests", "Model", "State", "Completion", "Commands", "" };

        [Fact]
        public void Every_folder_uses_only_its_own_and_lower_layers()
        {
            List<string> violations = Violations(SourceFiles());
            Assert.True(violations.Count == 0,
                "References to a layer above or beside (order in LayerTests.Tiers):" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        }

        [Fact]
        public void Every_folder_is_in_the_order()
        {
            string[] unknown = SourceFiles().Select(f => Folder(f.Path)).Distinct().Where(f => TierOf(f) < 0).ToArray();
            Assert.True(unknown.Length == 0, "Folders in no tier of LayerTests.Tiers: " + string.Join(", ", unknown));
        }

        [Fact]
        public void An_upward_reference_is_named_with_its_file()
        {
            var files = SourceFiles().ToList();
            files.Add(("Session/Upward.cs", "using UnrealCv.Launch;\nnamespace UnrealCv.Session { class Upward { void Stop(UnrealCvBinary b) => BinaryLauncher.Stop(b, default); } }"));
            files.Add(("Launch/Sideways.cs", "namespace UnrealCv.Launch { class Sideways { UnrealCv.Model.UnrealCvObject? _o; } }"));
            files.Add(("Transport/Hosted.cs", "namespace UnrealCv.Transport { class Hosted { System.Management.Automation.PSObject? _p; } }"));
            files.Add(("Launch/Hidden.cs", "namespace UnrealCv.Launch { class Hidden { private sealed class Secret { } } }"));
            files.Add(("Session/SameName.cs", "namespace UnrealCv.Session { class SameName { Secret? _s; } class Secret { } }"));
            files.Add(("Connection/Quoted.cs", "namespace UnrealCv.Connection { class Quoted { string s = \"see BinaryLauncher\"; } } // BinaryLauncher"));

            List<string> violations = Violations(files);

            Assert.Contains("Session/Upward.cs uses Launch (using UnrealCv.Launch)", violations);
            Assert.Contains("Session/Upward.cs uses Launch (UnrealCvBinary)", violations);
            Assert.Contains("Session/Upward.cs uses Launch (BinaryLauncher)", violations);
            Assert.Contains("Launch/Sideways.cs uses Model (UnrealCvObject)", violations);
            Assert.Contains("Transport/Hosted.cs uses PowerShell (System.Management.Automation)", violations);
            Assert.DoesNotContain(violations, v => v.StartsWith("Session/SameName.cs", StringComparison.Ordinal)); // a private nested type of a higher layer is not what it names
            Assert.DoesNotContain(violations, v => v.StartsWith("Connection/Quoted.cs", StringComparison.Ordinal)); // strings and comments are not references
        }

        private static List<string> Violations(IEnumerable<(string Path, string Text)> files)
        {
            var code = files.Select(f => (f.Path, Folder: Folder(f.Path), Code: StripCommentsAndStrings(f.Text))).ToList();
            var typeFolder = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in code)
                // A private nested type is invisible outside its file, so its name elsewhere is another type's.
                foreach (Match m in Regex.Matches(file.Code, @"(?<!\bprivate\s+(?:\w+\s+)*)\b(?:class|struct|interface|enum|record)\s+([A-Za-z_]\w*)"))
                    typeFolder[m.Groups[1].Value] = file.Folder;

            var folders = new HashSet<string>(code.Select(f => f.Folder));
            var violations = new List<string>();
            foreach (var file in code)
            {
                var seen = new HashSet<string>();
                void Check(string usedFolder, string what)
                {
                    if (!MayUse(file.Folder, usedFolder) && seen.Add(what))
                        violations.Add($"{file.Path} uses {(usedFolder.Length == 0 ? "the root folder" : usedFolder)} ({what})");
                }
                foreach (Match m in Regex.Matches(file.Code, @"\busing\s+(?:static\s+)?UnrealCv\.(\w+)\s*;"))
                    if (folders.Contains(m.Groups[1].Value)) Check(m.Groups[1].Value, "using UnrealCv." + m.Groups[1].Value); // not UnrealCv.Wire, .Simulator: other assemblies
                foreach (Match m in Regex.Matches(file.Code, @"\b[A-Z]\w*\b"))
                    if (typeFolder.TryGetValue(m.Value, out string? folder) && folder != file.Folder) Check(folder, m.Value);
                if (!MayUsePowerShell.Contains(file.Folder) && file.Code.Contains("System.Management.Automation") && seen.Add("PowerShell"))
                    violations.Add($"{file.Path} uses PowerShell (System.Management.Automation)");
            }
            return violations;
        }

        private static bool MayUse(string folder, string used)
        {
            if (folder == used) return true;
            int tier = TierOf(folder), usedTier = TierOf(used);
            return usedTier >= 0 && usedTier < tier;
        }

        private static int TierOf(string folder) => Array.FindIndex(Tiers, t => t.Contains(folder));

        /// <summary>The layer of a path relative to src/UnrealCv: its first folder, or "" for a file at the root.</summary>
        private static string Folder(string path)
        {
            int slash = path.IndexOf('/');
            return slash < 0 ? "" : path.Substring(0, slash);
        }

        /// <summary>Comments, string and character literals blanked out: names in messages and prose are not references.</summary>
        private static string StripCommentsAndStrings(string text) =>
            Regex.Replace(text, @"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|\$?""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])'", " ", RegexOptions.Singleline);

        private static IEnumerable<(string Path, string Text)> SourceFiles()
        {
            string root = ModuleSource();
            return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (p, File.ReadAllText(Path.Combine(root, p))));
        }

        private static string ModuleSource()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "src", "UnrealCv");
                if (File.Exists(Path.Combine(candidate, "UnrealCv.csproj"))) return candidate;
            }
            throw new DirectoryNotFoundException("src/UnrealCv not found above " + AppContext.BaseDirectory);
        }
    }
}
