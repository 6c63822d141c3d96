using System;
using System.Collections.Generic;
using System.Text;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>AliasHandler.cpp: vrun (console commands), vexec/vbp (blueprint calls) and the persistent level ids.</summary>
    internal static class AliasCommands
    {
        private const string RunHelp = "Run UE4 built-in commands";
        private const string BlueprintHelp = "Run UE4 blueprint function";

        /// <summary>
        /// The plugin binds <c>vrun [str]</c> before any handler registers, which is why it heads the help
        /// list; <see cref="Register"/> binds it again in place.
        /// </summary>
        public static void RegisterConsoleRunner(CommandRouter router) => router.Register("vrun [str]", RunHelp, _ => Reply.Ok);

        public static void Register(CommandRouter router, SimulatorContext context)
        {
            // One template per argument count: "vrun [str]" … "vrun [str] x6", and so on.
            RegisterCounts(router, "vrun", 1, 6, RunHelp, _ => Reply.Ok); // console commands are fire-and-forget
            RegisterCounts(router, "vexec", 2, 7, BlueprintHelp, a => Exec(context.World, a));
            RegisterCounts(router, "vbp", 2, 11, BlueprintHelp, a => ExecWithOutput(context.World, a));
            router.Register("vget /persistent_level/id", "Get persistent level id, so that we can call BP function defined in it", _ => Reply.OfText(context.World.PersistentLevelName));
            router.Register("vget /persistent_level/level_script_actor/id", "Get persistent level id, so that we can call BP function defined in it",
                _ => context.World.LevelScriptActor is Actor actor ? Reply.OfText(actor.Name) : Reply.Error("The UWorld is invalid"));
        }

        private static void RegisterCounts(CommandRouter router, string verb, int min, int max, string help, Func<string[], Reply> handler)
        {
            var template = new StringBuilder(verb);
            for (int count = 1; count <= max; count++)
            {
                template.Append(" [str]");
                if (count >= min) router.Register(template.ToString(), help, handler);
            }
        }

        /// <summary>CallFunctionByNameWithArguments: ok, or "Fail to execute" with the command line it tried.</summary>
        private static Reply Exec(World world, string[] args)
        {
            if (!TryFindObject(world, args[0], out Actor? actor)) return UnknownObject(args[0]);
            BlueprintFunction? function = null;
            if (actor != null && actor.Functions.TryGetValue(args[1], out function) && function.Invoke(actor, Tail(args), out _))
                return Reply.Ok;
            return Reply.Error($"Fail to execute the function '{string.Join(" ", args, 1, args.Length - 1)}' of {args[0]}");
        }

        /// <summary>
        /// VExecWithOutput: the out-parameters as a pretty-printed JSON object of strings. A bad argument
        /// skips the call but still answers, with the out-parameters at zero, as the plugin does.
        /// </summary>
        private static Reply ExecWithOutput(World world, string[] args)
        {
            if (!TryFindObject(world, args[0], out Actor? actor)) return UnknownObject(args[0]);
            BlueprintFunction? function = null;
            if (actor == null || !actor.Functions.TryGetValue(args[1], out function)) return Reply.Error("Argument Invalid");
            function.Invoke(actor, Tail(args), out double[] outputs);
            var json = new StringBuilder("{");
            for (int i = 0; i < function.Outputs.Count; i++)
                json.Append(i == 0 ? "\n" : ",\n").Append("\t\"").Append(function.Outputs[i]).Append("\": \"").Append(PluginText.F(outputs[i])).Append('"');
            // UE's pretty JSON writer closes an object on its own line, empty or not.
            return Reply.OfText(json.Append("\n}").ToString());
        }

        /// <summary>GetObjectById: an actor, or the persistent level (an object without callable functions here).</summary>
        private static bool TryFindObject(World world, string id, out Actor? actor)
        {
            actor = world.FindActor(id);
            return actor != null || PluginText.SameName(id, world.PersistentLevelName);
        }

        private static Reply UnknownObject(string id) => Reply.Error($"Can not find actor with id '{id}'");

        private static IReadOnlyList<string> Tail(string[] args) => new ArraySegment<string>(args, 2, args.Length - 2);
    }
}
