using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using UnrealCv.Session;
using UnrealCv.State;

namespace UnrealCv.Completion
{
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

    /// <summary>Completes object names (-Name of Get/Set-UnrealCvObject) from 'vget /objects' of the sessions the command will use.</summary>
    internal sealed class ObjectNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(CommandCompleter.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
            var found = new List<CompletionResult>();
            foreach (UnrealCvSession session in CompletionSessions.Of(fakeBoundParameters))
                foreach (string name in SessionAnswers.Names(SessionAnswers.Ask(session, "vget /objects")))
                    if (pattern.IsMatch(name) && !found.Any(f => f.ListItemText == name))
                        found.Add(new CompletionResult(CommandCompleter.Quote(name), name, CompletionResultType.ParameterValue, $"{name} on {session.Name}"));
            return found;
        }
    }

    /// <summary>Completes camera ids (indexes in 'vget /cameras') of the sessions the command will use; the menu shows each camera's name.</summary>
    internal sealed class CameraIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = CommandCompleter.Unquote(wordToComplete);
            var found = new List<CompletionResult>();
            foreach (UnrealCvSession session in CompletionSessions.Of(fakeBoundParameters))
            {
                string[] cameras = SessionAnswers.Names(SessionAnswers.Ask(session, "vget /cameras"));
                for (int id = 0; id < cameras.Length; id++)
                {
                    string text = id.ToString(CultureInfo.InvariantCulture);
                    if (text.StartsWith(word, StringComparison.Ordinal) && !found.Any(f => f.CompletionText == text))
                        found.Add(new CompletionResult(text, $"{text} {cameras[id]}", CompletionResultType.ParameterValue, $"camera {text}: {cameras[id]} on {session.Name}"));
                }
            }
            return found;
        }
    }
}
