using System;
using System.Collections.Generic;
using System.Globalization;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>The kinds of blueprint parameters the simulated functions take.</summary>
    internal enum ParamKind
    {
        Float,
        Bool,
    }

    /// <summary>
    /// A blueprint (UFunction) of a simulated actor, callable by <c>vexec</c> and <c>vbp</c>: typed inputs
    /// parsed from the argument tokens the way UE's ImportText does, and numeric out-parameters that
    /// <c>vbp</c> reports.
    /// </summary>
    internal sealed class BlueprintFunction
    {
        private readonly ParamKind[] _inputs;
        private readonly Action<Actor, double[], double[]> _body;

        public BlueprintFunction(ParamKind[] inputs, string[] outputs, Action<Actor, double[], double[]> body)
        {
            _inputs = inputs;
            Outputs = outputs;
            _body = body;
        }

        public IReadOnlyList<string> Outputs { get; }

        /// <summary>
        /// Parses the arguments and runs the function. When an argument does not parse, the function does
        /// not run (UE's "Bad or missing property") and the out-parameters keep their zero values.
        /// </summary>
        public bool Invoke(Actor self, IReadOnlyList<string> args, out double[] outputs)
        {
            outputs = new double[Outputs.Count];
            var values = new double[_inputs.Length];
            for (int i = 0; i < _inputs.Length; i++)
            {
                if (i >= args.Count || !TryImport(_inputs[i], args[i], out values[i])) return false;
            }
            _body(self, values, outputs);
            return true;
        }

        private static bool TryImport(ParamKind kind, string text, out double value)
        {
            value = 0;
            switch (kind)
            {
                case ParamKind.Bool:
                    string t = text.ToLowerInvariant();
                    if (t == "true" || t == "yes" || t == "on" || t == "1") { value = 1; return true; }
                    return t == "false" || t == "no" || t == "off" || t == "0";
                default:
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            }
        }
    }

    /// <summary>The blueprint functions the scene's actors carry.</summary>
    internal static class BlueprintLibrary
    {
        /// <summary>Every actor has AActor's SetActorHiddenInGame and K2_DestroyActor.</summary>
        public static void AddActorFunctions(Actor actor, World world)
        {
            actor.Functions["SetActorHiddenInGame"] = new BlueprintFunction(new[] { ParamKind.Bool }, Array.Empty<string>(), (self, args, _) => self.Hidden = args[0] != 0);
            actor.Functions["K2_DestroyActor"] = new BlueprintFunction(Array.Empty<ParamKind>(), Array.Empty<string>(), (self, _, __) => world.Destroy(self));
        }

        /// <summary>A gym-style agent: set_speed/get_speed/reset, as downstream projects call through vbp.</summary>
        public static void AddAgentFunctions(Actor agent)
        {
            agent.Variables["Speed"] = 100;
            agent.Functions["set_speed"] = new BlueprintFunction(new[] { ParamKind.Float }, Array.Empty<string>(), (self, args, _) => self.Variables["Speed"] = args[0]);
            agent.Functions["get_speed"] = new BlueprintFunction(Array.Empty<ParamKind>(), new[] { "Speed" }, (self, _, outs) => outs[0] = self.Variables["Speed"]);
            agent.Functions["reset"] = new BlueprintFunction(Array.Empty<ParamKind>(), Array.Empty<string>(), (self, _, __) => self.Variables["Speed"] = 100);
        }
    }
}
