using System;
using System.Collections.Generic;
using UnrealCv.Simulator.Engine;

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
        /// Parses the argument tokens into the parameters and runs the function, as CallFunctionByNameWithArguments
        /// does: a float takes whatever FCString::Atof reads (0 for a word or a missing token, so it never fails),
        /// a bool must read as 1/True/Yes or 0/False/No. When one does not parse ("Bad or missing property") the
        /// function does not run and the out-parameters keep their zero values. Extra tokens are ignored.
        /// </summary>
        public bool Invoke(Actor self, IReadOnlyList<string> args, out double[] outputs)
        {
            outputs = new double[Outputs.Count];
            var values = new double[_inputs.Length];
            for (int i = 0; i < _inputs.Length; i++)
            {
                if (!TryImport(_inputs[i], i < args.Count ? args[i] : "", out values[i])) return false;
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
                    string token = BoolToken(text);
                    if (Is(token, "1") || Is(token, "True") || Is(token, "Yes")) { value = 1; return true; }
                    return Is(token, "0") || Is(token, "False") || Is(token, "No");
                default:
                    value = EngineText.Atof(text);
                    return true;
            }
        }

        /// <summary>FPropertyHelpers::ReadToken: an identifier (letters, digits, _ - +), or else one character.</summary>
        private static string BoolToken(string text)
        {
            if (text.Length == 0) return "";
            if (!IsAlnum(text[0]) && text[0] <= 255) return text.Substring(0, 1);
            int end = 0;
            while (end < text.Length && (IsAlnum(text[end]) || text[end] > 255 || text[end] == '_' || text[end] == '-' || text[end] == '+')) end++;
            return text.Substring(0, end);
        }

        private static bool IsAlnum(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
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
