using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using UnrealCv.Simulator.Commands;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The router's literal pre-check and lazily built patterns pick the handler and arguments every pattern tried in turn picked.</summary>
    public sealed class RouterMatchTests
    {
        private static readonly string[] Uints = { "0", "1", "12", "", "-1", "1.5", "x", "007" };
        private static readonly string[] Floats = { "1", "-2.5", "+3", ".5", "1.", "1e-05", "abc", "", "--1", "0.000" };
        private static readonly string[] Strs = { "RedBox", "a/b", "", "x y", "png", "shot.png", "[str]", "/object/" };

        /// <summary>The routing as it was: every template's pattern searched, newest first.</summary>
        private static (int Index, string[] Args) OldFind(IReadOnlyList<string> templates, string command)
        {
            for (int i = templates.Count - 1; i >= 0; i--)
            {
                Match match = new Regex(CommandRouter.ToPattern(templates[i]), RegexOptions.CultureInvariant).Match(command);
                if (!match.Success) continue;
                return (i, match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToArray());
            }
            return (-1, Array.Empty<string>());
        }

        private static IEnumerable<string> Commands(IReadOnlyList<string> templates)
        {
            var random = new Random(1203);
            string Fill(string template) => Regex.Replace(template, @"\[(uint|float|str)\]", m =>
            {
                string[] pool = m.Groups[1].Value == "uint" ? Uints : m.Groups[1].Value == "float" ? Floats : Strs;
                return pool[random.Next(pool.Length)];
            });
            string Mutate(string text)
            {
                var chars = new StringBuilder(text);
                int edits = random.Next(1, 3);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(chars.Length + 1);
                    switch (random.Next(3))
                    {
                        case 0 when at < chars.Length: chars.Remove(at, 1); break;
                        case 1: chars.Insert(at, " /0x["[random.Next(5)]); break;
                        default: if (at < chars.Length) chars[at] = char.ToUpperInvariant(chars[at]); break;
                    }
                }
                return chars.ToString();
            }
            foreach (string template in templates)
            {
                yield return template;
                for (int i = 0; i < 40; i++)
                {
                    string filled = Fill(template);
                    yield return filled;
                    yield return filled + new string(' ', random.Next(1, 3));
                    yield return filled + " extra";
                    yield return "xx" + filled;
                    yield return filled.Substring(0, random.Next(filled.Length + 1));
                    yield return Mutate(filled);
                }
            }
            yield return "";
            yield return " ";
            yield return "vget";
            yield return "vget /unrealcv/echo";
            yield return "vget /unrealcv/echo\t x";
            yield return "vget /camera/0/lit png vget /camera/0/depth npy";
        }

        [Fact]
        public void The_simulator_table_routes_every_command_as_before()
        {
            using var harness = new SimulatorHarness();
            CommandRouter router = harness.Simulator.Router;
            IReadOnlyList<string> templates = router.AllTemplates;
            int matched = 0, total = 0;
            foreach (string command in Commands(templates))
            {
                var expected = OldFind(templates, command);
                // Twice: the second answer comes from the router's memory of recent commands.
                for (int time = 0; time < 2; time++)
                {
                    int index = router.Find(command, out string[] args);
                    Assert.True(expected.Index == index, $"'{command}': expected route {expected.Index}, got {index}");
                    Assert.Equal(expected.Args, args);
                    if (args.Length > 0) args[0] = "changed by a handler"; // must not change the next answer
                }
                total++;
                if (expected.Index >= 0) matched++;
            }
            // The set has both kinds in bulk: commands that match some template, and commands that match none.
            Assert.True(matched > 2000 && total - matched > 2000, $"{matched} of {total} matched");
        }

        [Theory]
        [InlineData("vget /object/[str]/location", new[] { "vget /object/", "/location" })]
        [InlineData("vexec [str] [str]", new[] { "vexec ", " " })]
        [InlineData("vget /unrealcv/version", new[] { "vget /unrealcv/version" })]
        [InlineData("[str]x[uint]", new[] { "x" })]
        public void Literal_pieces_are_the_text_between_arguments(string template, string[] pieces) =>
            Assert.Equal(pieces, CommandRouter.LiteralPieces(template));

        [Fact]
        public void A_template_bound_later_routes_a_command_seen_before()
        {
            var router = new CommandRouter();
            router.Register("vget /[str]", "", _ => Server.Reply.Ok);
            Assert.Equal(0, router.Find("vget /late", out string[] before));
            Assert.Equal(new[] { "late" }, before);
            router.RegisterUnlisted("vget /late", _ => Server.Reply.Ok);
            Assert.Equal(1, router.Find("vget /late", out string[] after));
            Assert.Empty(after);
        }

        [Fact]
        public void Every_quick_template_is_in_the_table()
        {
            using var harness = new SimulatorHarness();
            Assert.All(QuickCommands.All, template => Assert.Contains(template, harness.Simulator.Router.AllTemplates));
        }

        [Fact]
        public void An_unknown_argument_kind_still_fails_at_registration()
        {
            var router = new CommandRouter();
            Assert.Throws<ArgumentException>(() => router.Register("vget /x/[int]", "", _ => Server.Reply.Ok));
        }
    }
}
