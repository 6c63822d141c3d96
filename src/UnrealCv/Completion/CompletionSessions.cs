using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Session;
using UnrealCv.State;

namespace UnrealCv.Completion
{
    /// <summary>The sessions a command being completed will use: its -Session when PowerShell could resolve it (a variable), else the current one.</summary>
    internal static class CompletionSessions
    {
        public static List<UnrealCvSession> Of(IDictionary fakeBoundParameters)
        {
            var sessions = new List<UnrealCvSession>();
            object? value = fakeBoundParameters.Contains("Session") ? fakeBoundParameters["Session"] : null;
            if (value is PSObject ps) value = ps.BaseObject;
            IEnumerable items = value is IEnumerable many && !(value is string) ? many : new[] { value };
            foreach (object? item in items)
                if ((item is PSObject p ? p.BaseObject : item) is UnrealCvSession session) sessions.Add(session);
            if (sessions.Count == 0 && ModuleState.Current.Sessions.Current is UnrealCvSession current) sessions.Add(current);
            return sessions;
        }
    }
}
