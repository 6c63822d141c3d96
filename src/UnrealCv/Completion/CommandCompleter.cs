using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using UnrealCv.Session;
using UnrealCv.Simulator;

namespace UnrealCv.Completion
{
    /// <summary>
    /// Tab completion for UnrealCV commands, one piece at a time ('vget /' → 'vget /camera/' → 'vget /camera/0/' →
    /// 'vget /camera/0/lit ' → 'vget /camera/0/lit png'), from the templates of the session's own
    /// <c>vget /unrealcv/help</c> (a binary may register extra commands) or the plugin's built-in list. Placeholders are
    /// never inserted: [uint] after /camera/ becomes the session's camera ids, [str] after /object/ its object names,
    /// image formats and view modes their values, and a 'vset' of numbers the current values its 'vget' reads.
    /// A placeholder with no known values (a new name, a console command) offers nothing.
    /// </summary>
    internal sealed class CommandCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan KeepHelp = TimeSpan.FromMinutes(10); // a binary's commands do not change while it runs
        private static readonly string[] ImageFormats = { "png", "bmp" };
        private static readonly string[] ViewModes =
            { "lit", "depth", "normal", "object_mask", "unlit", "base_color", "debug", "wireframe", "vertex_color", "no_transparency" };

        private const string ObjectsCommand = "vget /objects";
        private const string CamerasCommand = "vget /cameras";

        /// <summary>A template's pieces and its help text.</summary>
        private sealed class Template
        {
            public Template(string text, string description)
            {
                Tokens = CommandToken.SplitTemplate(text);
                Description = description;
            }

            public List<CommandToken> Tokens { get; }
            public string Description { get; }
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            UnrealCvSession? session = CompletionSessions.Of(fakeBoundParameters).FirstOrDefault();
            return Complete(Unquote(wordToComplete), session)
                .Select(c => new CompletionResult(Quote(c.Text), c.ListItem, CompletionResultType.ParameterValue, c.ToolTip))
                .ToList();
        }

        /// <summary>The completions of a partly typed command, each the whole command so far plus its next piece.</summary>
        internal static List<(string Text, string ListItem, string ToolTip)> Complete(string word, UnrealCvSession? session)
        {
            List<CommandToken> typed = CommandToken.Split(word, out string partial);
            string done = word.Substring(0, word.Length - partial.Length);
            List<Template> all = Templates(session);
            var matching = all.Where(t => Fits(t.Tokens, typed)).ToList();

            // What the next pieces need from the session, asked all at once.
            var needed = new List<string>();
            foreach (Template t in matching)
            {
                string? ask = Source(t.Tokens, typed.Count) switch { Values.Objects => ObjectsCommand, Values.Cameras => CamerasCommand, _ => null };
                if (ask != null && !needed.Contains(ask)) needed.Add(ask);
            }
            string?[] answers = SessionAnswers.Ask(session, needed.ToArray());
            string? Answer(string command) => needed.IndexOf(command) is int i && i >= 0 ? answers[i] : null;
            // A current value changes with every vset, so it is asked afresh (still within the timeout, and not while the session is muted).
            string? current = CurrentValueCommand(all, matching, typed, done);
            string? currentValue = current == null ? null : SessionAnswers.Ask(session, current, TimeSpan.Zero);

            var found = new List<(string Text, string ListItem, string ToolTip)>();
            void Offer(string piece, string toolTip)
            {
                string text = done + piece;
                if (text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !found.Any(f => f.Text == text)) found.Add((text, piece, toolTip));
            }
            foreach (Template t in matching)
            {
                CommandToken next = t.Tokens[typed.Count];
                string toolTip = typed.Count + 1 == t.Tokens.Count ? t.Description : string.Join("", t.Tokens.Select(k => k.Typed));
                string end = next.End == '\0' ? "" : next.End.ToString();
                if (!next.IsPlaceholder) Offer(next.Typed, toolTip);
                else foreach (string value in ValuesOf(Source(t.Tokens, typed.Count), Answer)) Offer(value + end, toolTip);
            }
            if (currentValue != null)
                Offer(string.Join(" ", SessionAnswers.Names(currentValue)), "the current value ('" + current + "')");
            return found;
        }

        /// <summary>True when the typed pieces fit the start of the template and it has a piece after them.</summary>
        private static bool Fits(List<CommandToken> template, List<CommandToken> typed)
        {
            if (typed.Count >= template.Count) return false;
            for (int i = 0; i < typed.Count; i++)
                if (!template[i].Accepts(typed[i])) return false;
            return true;
        }

        private enum Values { None, Objects, Cameras, ImageFormats, DepthFormats, ViewModes, Projections }

        /// <summary>Where the values of the template's piece at <paramref name="index"/> come from (literals have none).</summary>
        private static Values Source(List<CommandToken> template, int index)
        {
            CommandToken piece = template[index];
            if (!piece.IsPlaceholder) return Values.None;
            string before = index > 0 ? template[index - 1].Text : "";
            if (index == 1 && (before == "vexec" || before == "vbp")) return Values.Objects; // vexec <object> <function> ...
            switch (before)
            {
                case "camera" when piece.Text == "[uint]": return Values.Cameras;
                case "object" when piece.Text == "[str]": return Values.Objects;
                case "lit": case "normal": case "object_mask": case "seg": case "screenshot": return Values.ImageFormats;
                case "depth": return Values.DepthFormats;
                case "viewmode": return Values.ViewModes;
                case "projection_type": return Values.Projections;
                default: return Values.None;
            }
        }

        private static IEnumerable<string> ValuesOf(Values source, Func<string, string?> answer)
        {
            switch (source)
            {
                case Values.Objects: return SessionAnswers.Names(answer(ObjectsCommand));
                case Values.Cameras: return SessionAnswers.Names(answer(CamerasCommand)).Select((_, i) => i.ToString(CultureInfo.InvariantCulture));
                case Values.ImageFormats: return ImageFormats;
                case Values.DepthFormats: return new[] { "npy" };
                case Values.ViewModes: return ViewModes;
                case Values.Projections: return new[] { "perspective", "orthographic" };
                default: return Array.Empty<string>();
            }
        }

        /// <summary>
        /// For a 'vset' typed up to its numbers (e.g. 'vset /object/RedBox/location '), the 'vget' that reads what it sets,
        /// when the session has it; its reply is offered, ready to edit.
        /// </summary>
        private static string? CurrentValueCommand(List<Template> all, List<Template> matching, List<CommandToken> typed, string done)
        {
            if (typed.Count < 2 || typed[0].Text != "vset" || typed[typed.Count - 1].End != ' ') return null;
            if (!matching.Any(t => t.Tokens.Skip(typed.Count).All(k => k.Text == "[float]" || k.Text == "[uint]"))) return null;
            string read = "vget" + done.Substring(4).TrimEnd(' ');
            List<CommandToken> readTokens = CommandToken.SplitTemplate(read);
            bool known = all.Any(t => t.Tokens.Count == readTokens.Count && t.Tokens.Zip(readTokens, (k, r) => k.Accepts(r)).All(ok => ok));
            return known ? read : null;
        }

        /// <summary>The session's help as templates ("template\ndescription\n" per command), or the plugin's own list.</summary>
        private static List<Template> Templates(UnrealCvSession? session)
        {
            string[] lines = (SessionAnswers.Ask(session, "vget /unrealcv/help", KeepHelp) ?? "").Split('\n');
            var fromHelp = new List<Template>();
            for (int i = 0; i + 1 < lines.Length; i += 2)
                if (lines[i].StartsWith("v", StringComparison.Ordinal)) fromHelp.Add(new Template(lines[i], lines[i + 1]));
            return fromHelp.Count > 0 ? fromHelp : UnrealCvSimulator.CommandTemplates.Select(t => new Template(t, t)).ToList();
        }

        internal static string Unquote(string word) => word.Trim('\'', '"');

        internal static string Quote(string text) => text.IndexOfAny(new[] { ' ', '$', '\'', '"', '{', '(', ';', '`', '#', ',', '@' }) < 0 || text.Length == 0 ? text : "'" + text.Replace("'", "''") + "'";
    }
}
