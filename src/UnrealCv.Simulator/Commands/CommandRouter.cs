using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>
    /// The plugin's URI dispatcher. A template such as <c>vget /object/[str]/location</c> becomes a
    /// regular expression: <c>[uint]</c> = <c>(\d*)</c>, <c>[float]</c> = <c>([-+]?\d*[.]?\d+)</c>,
    /// <c>[str]</c> = <c>([^ ]*)</c>, then <c>[ ]*$</c>. Patterns are searched, not anchored at the start,
    /// and tried newest-registered first, which is why <c>1e-05</c> or an extra token gives
    /// "Can not find a handler" exactly as on a binary.
    /// </summary>
    internal sealed class CommandRouter
    {
        private readonly List<Route> _routes = new List<Route>();

        private sealed class Route
        {
            public Route(string template, string description, bool listed, Func<string[], Reply> handler)
            {
                Template = template;
                Description = description;
                Listed = listed;
                Pattern = new Regex(ToPattern(template), RegexOptions.CultureInvariant);
                Handler = handler;
            }

            public string Template { get; }
            public string Description { get; }
            public bool Listed { get; }
            public Regex Pattern { get; }
            public Func<string[], Reply> Handler { get; }
        }

        /// <summary>
        /// Registers a template; the handler gets the captured arguments in order. Binding a template
        /// again replaces its handler and description but keeps its place, as the plugin's TMap does.
        /// </summary>
        public void Register(string template, string description, Func<string[], Reply> handler) => Add(new Route(template, description, listed: true, handler));

        /// <summary>A command the server handles besides the dispatcher's table: routed the same way, never listed by help.</summary>
        public void RegisterUnlisted(string template, Func<string[], Reply> handler) => Add(new Route(template, "", listed: false, handler));

        private void Add(Route route)
        {
            int existing = _routes.FindIndex(r => r.Template == route.Template);
            if (existing >= 0) _routes[existing] = route;
            else _routes.Add(route);
        }

        /// <summary><c>vget /unrealcv/help</c>: every template and its description, in registration order.</summary>
        public string HelpText()
        {
            var text = new StringBuilder();
            foreach (Route route in _routes)
                if (route.Listed) text.Append(route.Template).Append('\n').Append(route.Description).Append('\n');
            return text.ToString();
        }

        public IReadOnlyList<string> Templates => _routes.FindAll(r => r.Listed).ConvertAll(r => r.Template);

        public Reply Execute(string command)
        {
            for (int i = _routes.Count - 1; i >= 0; i--)
            {
                Match match = _routes[i].Pattern.Match(command);
                if (!match.Success) continue;
                var args = new string[match.Groups.Count - 1];
                for (int g = 1; g < match.Groups.Count; g++) args[g - 1] = match.Groups[g].Value;
                return _routes[i].Handler(args);
            }
            return Reply.Error($"Can not find a handler for URI '{command}'");
        }

        internal static string ToPattern(string template)
        {
            var pattern = new StringBuilder();
            int pos = 0;
            while (pos < template.Length)
            {
                int open = template.IndexOf('[', pos);
                if (open < 0) { pattern.Append(Regex.Escape(template.Substring(pos))); break; }
                int close = template.IndexOf(']', open);
                pattern.Append(Regex.Escape(template.Substring(pos, open - pos)));
                string kind = template.Substring(open + 1, close - open - 1);
                pattern.Append(kind switch
                {
                    "uint" => @"(\d*)",
                    "float" => @"([-+]?\d*[.]?\d+)",
                    "str" => @"([^ ]*)",
                    _ => throw new ArgumentException($"unknown argument kind [{kind}] in template '{template}'"),
                });
                pos = close + 1;
            }
            return pattern.Append("[ ]*$").ToString();
        }
    }
}
