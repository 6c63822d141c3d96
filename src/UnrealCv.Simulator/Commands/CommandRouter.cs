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

        // Where recent commands were routed (cleared whenever a template is bound): a client repeats the same few
        // commands, and routing depends only on the command and the table.
        private readonly Dictionary<string, (int Index, string[] Args)> _recent = new Dictionary<string, (int, string[])>(StringComparer.Ordinal);
        private const int RecentCapacity = 64;
        private const int RecentMaxLength = 256;

        private sealed class Route
        {
            private readonly string _patternText;
            private Regex? _pattern;

            public Route(string template, string description, bool listed, Func<string[], Reply> handler)
            {
                Template = template;
                Description = description;
                Listed = listed;
                _patternText = ToPattern(template); // checks the argument kinds at registration
                Literals = LiteralPieces(template);
                Handler = handler;
                Quick = QuickCommands.Contains(template);
            }

            public string Template { get; }
            public string Description { get; }
            public bool Listed { get; }
            public Func<string[], Reply> Handler { get; }

            /// <summary>The handler only reads or sets a few values: replies computed before it may wait for it.</summary>
            public bool Quick { get; }

            /// <summary>The template's literal text between its arguments, in order.</summary>
            private string[] Literals { get; }

            /// <summary>Built on first use: most templates are never tried against a command that could match them.</summary>
            public Regex Pattern => _pattern ??= new Regex(_patternText, RegexOptions.CultureInvariant);

            /// <summary>
            /// False only when the pattern cannot match: any match holds every literal piece in order, so the leftmost
            /// occurrence of each after the previous one exists too. True does not mean it matches; the pattern decides.
            /// </summary>
            public bool MayMatch(string command)
            {
                int from = 0;
                foreach (string literal in Literals)
                {
                    int at = command.IndexOf(literal, from, StringComparison.Ordinal);
                    if (at < 0) return false;
                    from = at + literal.Length;
                }
                return true;
            }
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
            lock (_recent) _recent.Clear();
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

        /// <summary>Runs before a handler that is not quick (the game loop sends the replies it holds back).</summary>
        public Action? BeforeSlowHandler { get; set; }

        public Reply Execute(string command)
        {
            int index = Find(command, out string[] args);
            if (index < 0) return Reply.Error($"Can not find a handler for URI '{command}'");
            Route route = _routes[index];
            if (!route.Quick) BeforeSlowHandler?.Invoke();
            return route.Handler(args);
        }

        /// <summary>The index (registration order) of the route that handles the command, newest first, and its arguments; -1 for none.</summary>
        internal int Find(string command, out string[] args)
        {
            lock (_recent)
            {
                if (_recent.TryGetValue(command, out var known))
                {
                    args = (string[])known.Args.Clone();
                    return known.Index;
                }
            }
            int index = FindByPattern(command, out args);
            if (command.Length <= RecentMaxLength)
            {
                lock (_recent)
                {
                    if (_recent.Count >= RecentCapacity) _recent.Clear();
                    _recent[command] = (index, (string[])args.Clone());
                }
            }
            return index;
        }

        private int FindByPattern(string command, out string[] args)
        {
            for (int i = _routes.Count - 1; i >= 0; i--)
            {
                if (!_routes[i].MayMatch(command)) continue;
                Match match = _routes[i].Pattern.Match(command);
                if (!match.Success) continue;
                args = new string[match.Groups.Count - 1];
                for (int g = 1; g < match.Groups.Count; g++) args[g - 1] = match.Groups[g].Value;
                return i;
            }
            args = Array.Empty<string>();
            return -1;
        }

        /// <summary>Every template, unlisted ones too, in registration order (tests).</summary>
        internal IReadOnlyList<string> AllTemplates => _routes.ConvertAll(r => r.Template);

        /// <summary>The literal text around the template's arguments: "vget /object/[str]/location" gives "vget /object/", "/location".</summary>
        internal static string[] LiteralPieces(string template)
        {
            var pieces = new List<string>();
            int pos = 0;
            while (pos < template.Length)
            {
                int open = template.IndexOf('[', pos);
                if (open < 0) { pieces.Add(template.Substring(pos)); break; }
                if (open > pos) pieces.Add(template.Substring(pos, open - pos));
                pos = template.IndexOf(']', open) + 1;
            }
            return pieces.ToArray();
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
