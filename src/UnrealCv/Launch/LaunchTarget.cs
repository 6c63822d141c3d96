using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace UnrealCv.Launch
{
    /// <summary>
    /// The executable behind what the user gave, and the arguments its launch script puts around the user's. A packaged
    /// Linux game has <c>Game.sh</c> at the top, written by Unreal as
    /// <c>"$UE4_PROJECT_ROOT/Game/Binaries/Linux/Game" Game "$@"</c> (UE5: <c>$UE_PROJECT_ROOT</c>), where the root is
    /// the folder of the script's real path. Anything that does not start with <c>#!</c> is taken as the executable.
    /// </summary>
    internal sealed class LaunchTarget
    {
        private static readonly string[] RootVariables = { "UE4_PROJECT_ROOT", "UE_PROJECT_ROOT" };

        private LaunchTarget(string executable, string[] leading, string[] trailing, string? script)
        {
            Executable = executable;
            LeadingArguments = leading;
            TrailingArguments = trailing;
            Script = script;
        }

        /// <summary>The game's own executable: what is hard linked into an instance folder and run.</summary>
        public string Executable { get; }

        /// <summary>What the script passes before the user's arguments ("$@"), such as the project name.</summary>
        public string[] LeadingArguments { get; }

        /// <summary>What the script passes after the user's arguments.</summary>
        public string[] TrailingArguments { get; }

        /// <summary>The launch script the executable was found through; null when the executable was given.</summary>
        public string? Script { get; }

        /// <summary>Throws <see cref="ArgumentException"/> with what was looked for when a script leads to no executable.</summary>
        public static LaunchTarget Resolve(string path)
        {
            ShippedSimulator.RestoreExecuteBit(path);
            if (!IsScript(path)) return new LaunchTarget(path, Array.Empty<string>(), Array.Empty<string>(), null);
            string root = Path.GetDirectoryName(NativeFile.RealPath(path)) ?? ".";
            string text = File.ReadAllText(path).Replace("\r\n", "\n").Replace("\\\n", " ");
            foreach (string line in text.Split('\n'))
            {
                List<Word>? words = Words(line);
                if (words == null) continue;
                int first = words.Count > 0 && words[0].Text == "exec" && !words[0].Quoted ? 1 : 0;
                if (words.Count <= first || !StartsWithRoot(words[first].Text)) continue;
                return FromLine(path, root, line.Trim(), words.Skip(first).ToList());
            }
            return FromBinariesFolder(path, root);
        }

        private static bool IsScript(string path)
        {
            var start = new byte[2];
            using (var file = File.OpenRead(path))
                return file.Read(start, 0, 2) == 2 && start[0] == '#' && start[1] == '!';
        }

        private static string WithRoot(string word, string root)
        {
            foreach (string v in RootVariables)
                word = word.Replace("${" + v + "}/", root + "/").Replace("$" + v + "/", root + "/");
            return word;
        }

        private static bool StartsWithRoot(string word) =>
            RootVariables.Any(v => word.StartsWith("$" + v + "/", StringComparison.Ordinal) || word.StartsWith("${" + v + "}/", StringComparison.Ordinal));

        private static LaunchTarget FromLine(string script, string root, string line, List<Word> words)
        {
            string executable = Path.GetFullPath(WithRoot(words[0].Text, root));
            if (!File.Exists(executable))
                throw new ArgumentException($"The launch script '{script}' runs '{executable}' (line: {line}), but there is no such file. Is the packaged game complete?");
            var leading = new List<string>();
            var trailing = new List<string>();
            bool afterUser = false;
            foreach (Word word in words.Skip(1))
            {
                if (word.Text == "$@") { afterUser = true; continue; }
                if (word.Expands || word.Text.Contains("$@"))
                    throw new ArgumentException($"The launch script '{script}' passes '{word.Text}' to the game (line: {line}), which only the shell can expand. Give the executable '{executable}' itself, with what it needs in -ArgumentList, or -PortDelivery Arguments to run the script as it is.");
                (afterUser ? trailing : leading).Add(WithRoot(word.Text, root));
            }
            return new LaunchTarget(executable, leading.ToArray(), trailing.ToArray(), script);
        }

        /// <summary>A script without Unreal's line: the one executable in &lt;Project&gt;/Binaries/Linux, with the project name first, as Unreal's script passes it.</summary>
        private static LaunchTarget FromBinariesFolder(string script, string root)
        {
            var found = new List<string>();
            foreach (string project in Directory.EnumerateDirectories(root))
            {
                string binaries = Path.Combine(project, "Binaries", "Linux");
                if (!Directory.Exists(binaries)) continue;
                found.AddRange(Directory.EnumerateFiles(binaries).Where(f => Path.GetExtension(f).Length == 0 && NativeFile.IsExecutable(f)));
            }
            if (found.Count == 1)
            {
                string project = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(found[0]))))!;
                return new LaunchTarget(found[0], new[] { project }, Array.Empty<string>(), script);
            }
            string what = found.Count == 0 ? "there is none" : "there are several: " + string.Join(", ", found.Select(f => "'" + f + "'"));
            throw new ArgumentException(
                $"Cannot tell which executable the launch script '{script}' starts. It has no line that runs \"$UE4_PROJECT_ROOT/<Project>/Binaries/Linux/<Game>\" (or $UE_PROJECT_ROOT), as Unreal's generated script does, and " +
                $"of executables without an extension in '{Path.Combine(root, "*", "Binaries", "Linux")}' {what}. Give the executable itself, or -PortDelivery Arguments to run the script as it is (it must pass its arguments on with \"$@\").");
        }

        private readonly struct Word
        {
            public Word(string text, bool quoted, bool expands)
            {
                Text = text;
                Quoted = quoted;
                Expands = expands;
            }

            public string Text { get; }
            public bool Quoted { get; }

            /// <summary>Holds a shell expansion other than the project root ($VAR, `cmd`, globs are not evaluated here).</summary>
            public bool Expands { get; }
        }

        /// <summary>
        /// The words of the first command on a line, with the shell's quoting rules ('…', "…", backslash) and the project
        /// root variables expanded to themselves (resolved by the caller); null for a blank line or a comment.
        /// </summary>
        private static List<Word>? Words(string line)
        {
            var words = new List<Word>();
            var current = new StringBuilder();
            bool inWord = false, quoted = false, expands = false;
            char quote = '\0';
            void End()
            {
                if (inWord) words.Add(new Word(current.ToString(), quoted, expands));
                current.Clear();
                inWord = quoted = expands = false;
            }
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quote == '\'')
                {
                    if (c == '\'') quote = '\0'; else current.Append(c);
                    continue;
                }
                if (c == '\\' && i + 1 < line.Length && (quote == '\0' || "\"\\$`".IndexOf(line[i + 1]) >= 0))
                {
                    current.Append(line[++i]);
                    inWord = true;
                    continue;
                }
                if (quote == '"')
                {
                    if (c == '"') quote = '\0';
                    else { if (c == '$' || c == '`') expands |= !IsRootOrArguments(line, i); current.Append(c); }
                    continue;
                }
                if (c == ' ' || c == '\t') { End(); continue; }
                if (c == ';' || c == '&' || c == '|' || (c == '#' && !inWord)) break;
                if (c == '\'' || c == '"') { quote = c; quoted = inWord = true; continue; }
                if (c == '$' || c == '`' || c == '*' || c == '?' || c == '<' || c == '>') expands |= !IsRootOrArguments(line, i);
                current.Append(c);
                inWord = true;
            }
            End();
            return words.Count == 0 ? null : words;
        }

        private static bool IsRootOrArguments(string line, int dollar)
        {
            string rest = line.Substring(dollar);
            return rest.StartsWith("$@", StringComparison.Ordinal)
                || RootVariables.Any(v => rest.StartsWith("$" + v + "/", StringComparison.Ordinal) || rest.StartsWith("${" + v + "}/", StringComparison.Ordinal));
        }
    }
}
