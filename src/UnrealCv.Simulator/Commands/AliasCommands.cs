using System;
using System.Collections.Generic;
using System.Text;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;
using UnrealCv.Simulator.Engine;

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
            RegisterCounts(router, "vrun", 1, 6, RunHelp, a => ConsoleCommands.Run(context, a));
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

        /// <summary>
        /// CallFunctionByNameWithArguments on the joined command line: it fails ("Fail to execute") only when there
        /// is no function name, the name is None, or the object has no such function. Once the function is found it
        /// answers ok, whether or not its arguments parsed (a bad one only skips the call, with a line in the log).
        /// </summary>
        private static Reply Exec(World world, string[] args)
        {
            if (!TryFindObject(world, args[0], out Actor? actor)) return UnknownObject(args[0]);
            string line = string.Join(" ", args, 1, args.Length - 1);
            if (!TryFindFunction(actor, line, out BlueprintFunction? function, out List<string> arguments))
                return Reply.Error($"Fail to execute the function '{line}' of {args[0]}");
            function!.Invoke(actor!, arguments, out _);
            return Reply.Ok;
        }

        /// <summary>
        /// VExecWithOutput: the out-parameters as a pretty-printed JSON object of strings. A bad argument
        /// skips the call but still answers, with the out-parameters at zero, as the plugin does.
        /// </summary>
        private static Reply ExecWithOutput(World world, string[] args)
        {
            if (!TryFindObject(world, args[0], out Actor? actor)) return UnknownObject(args[0]);
            string line = string.Join(" ", args, 1, args.Length - 1).TrimEnd();
            if (!TryFindFunction(actor, line, out BlueprintFunction? function, out List<string> arguments)) return Reply.Error("Argument Invalid");
            function!.Invoke(actor!, arguments, out double[] outputs);
            var json = new StringBuilder("{");
            for (int i = 0; i < function.Outputs.Count; i++)
                json.Append(i == 0 ? "\n" : ",\n").Append("\t\"").Append(function.Outputs[i]).Append("\": \"").Append(PluginText.F(outputs[i])).Append('"');
            // UE's pretty JSON writer closes an object on its own line, empty or not.
            return Reply.OfText(json.Append("\n}").ToString());
        }

        /// <summary>
        /// The first token of the line names the function (FParse::Token, then an existing FName, then
        /// FindFunction, case-insensitively); the remaining tokens are its arguments.
        /// </summary>
        private static bool TryFindFunction(Actor? actor, string line, out BlueprintFunction? function, out List<string> arguments)
        {
            function = null;
            arguments = EngineText.Tokens(line);
            if (arguments.Count == 0 || arguments[0].Length == 0 || PluginText.SameName(arguments[0], "None")) return false;
            string name = arguments[0];
            arguments.RemoveAt(0);
            return actor != null && actor.Functions.TryGetValue(name, out function);
        }

        /// <summary>GetObjectById: an actor, or the persistent level (an object without callable functions here).</summary>
        private static bool TryFindObject(World world, string id, out Actor? actor)
        {
            actor = world.FindActor(id);
            return actor != null || PluginText.SameName(id, world.PersistentLevelName);
        }

        private static Reply UnknownObject(string id) => Reply.Error($"Can not find actor with id '{id}'");
    }
}
