using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Session;
using UnrealCv.State;
using UnrealCv.Simulator;

namespace UnrealCv.Completion
{
    /// <summary>
    /// Tab completion for UnrealCV commands: templates from the session's own <c>vget /unrealcv/help</c> (a binary
    /// may register extra commands) or the plugin's built-in list, object names after <c>/object/</c> and camera ids
    /// after <c>/camera/</c>, asked of the session with a short timeout and kept for a few seconds.
    /// </summary>
    internal sealed class CommandCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);
        private static readonly ConditionalWeakTable<UnrealCvSession, Answers> s_cache = new ConditionalWeakTable<UnrealCvSession, Answers>();

        /// <summary>What one session answered, and when.</summary>
        private sealed class Answers
        {
            public readonly Dictionary<string, (long At, string[] Items)> ByCommand = new Dictionary<string, (long, string[])>();
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = Unquote(wordToComplete);
            UnrealCvSession? session = SessionFrom(fakeBoundParameters) ?? ModuleState.Current.Sessions.Current;
            IEnumerable<string> candidates = Candidates(word, session);
            return candidates
                .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c))
                .ToList();
        }

        private static IEnumerable<string> Candidates(string word, UnrealCvSession? session)
        {
            if (TryNamePart(word, "/object/", out string objectPrefix))
                return Ask(session, "vget /objects").Select(name => objectPrefix + name + "/");
            if (TryNamePart(word, "/camera/", out string cameraPrefix))
                return Ask(session, "vget /cameras").Select((_, i) => cameraPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/");
            string[] fromHelp = HelpTemplates(Ask(session, "vget /unrealcv/help", splitLines: true));
            return fromHelp.Length > 0 ? fromHelp : UnrealCvSimulator.CommandTemplates;
        }

        /// <summary>True when the word ends inside the name part after <paramref name="marker"/> (no '/' after it yet).</summary>
        private static bool TryNamePart(string word, string marker, out string prefix)
        {
            int at = word.LastIndexOf(marker, StringComparison.Ordinal);
            prefix = at < 0 ? "" : word.Substring(0, at + marker.Length);
            return at >= 0 && word.IndexOf('/', at + marker.Length) < 0 && word.IndexOf(' ', at) < 0;
        }

        /// <summary>Help is "template\ndescription\n" per command.</summary>
        private static string[] HelpTemplates(string[] lines) =>
            lines.Where((line, i) => i % 2 == 0 && line.StartsWith("v", StringComparison.Ordinal)).ToArray();

        /// <summary>A command's reply split into names (or lines), cached per session; nothing when there is no usable session.</summary>
        private static string[] Ask(UnrealCvSession? session, string command, bool splitLines = false)
        {
            if (session == null || session.State != UnrealCvSessionState.Opened) return Array.Empty<string>();
            Answers answers = s_cache.GetValue(session, _ => new Answers());
            lock (answers)
            {
                if (answers.ByCommand.TryGetValue(command, out var kept) && Stopwatch.GetTimestamp() - kept.At < KeepFor.TotalSeconds * Stopwatch.Frequency)
                    return kept.Items;
            }
            string[] items;
            try
            {
                UnrealCvConnection link = session.ConnectionForSend();
                string text = link.Send(command, ReplyShape.Text, AskTimeout, CancellationToken.None).Wait(AskTimeout, CancellationToken.None).Text ?? "";
                items = ErrorReply.Is(text) ? Array.Empty<string>()
                    : text.Split(splitLines ? new[] { '\n' } : new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            }
            catch (ClientException)
            {
                return Array.Empty<string>(); // completion never fails loudly; the user sees no candidates
            }
            lock (answers) answers.ByCommand[command] = (Stopwatch.GetTimestamp(), items);
            return items;
        }

        private static UnrealCvSession? SessionFrom(IDictionary bound)
        {
            object? value = bound["Session"];
            if (value is PSObject ps) value = ps.BaseObject;
            if (value is object[] many && many.Length > 0) value = many[0] is PSObject p ? p.BaseObject : many[0];
            return value as UnrealCvSession;
        }

        internal static string Unquote(string word) => word.Trim('\'', '"');

        internal static string Quote(string text) => text.IndexOfAny(new[] { ' ', '$', '\'', '"', '{', '(', ';' }) < 0 ? text : "'" + text.Replace("'", "''") + "'";
    }

    /// <summary>Completes the names of this runspace's sessions.</summary>
    internal sealed class SessionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(CommandCompleter.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
            return ModuleState.Current.Sessions.All
                .Where(s => pattern.IsMatch(s.Name))
                .Select(s => new CompletionResult(CommandCompleter.Quote(s.Name), s.Name, CompletionResultType.ParameterValue, s.ToString()))
                .ToList();
        }
    }
}
