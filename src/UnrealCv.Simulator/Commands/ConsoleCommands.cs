using System;
using System.Collections.Generic;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;
using UnrealCv.Simulator.Engine;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>
    /// What <c>vrun</c> hands to PlayerController::ConsoleCommand (AliasHandler.cpp), for the console commands
    /// whose effect the simulator can show: <c>pause</c>, <c>slomo</c>, <c>t.MaxFPS</c>, <c>setres</c> /
    /// <c>r.setres</c>, <c>exit</c> / <c>quit</c>. Anything else runs as an unknown or unobservable command.
    /// The reply is always <c>ok</c>: the plugin does not look at what the console did.
    /// </summary>
    internal static class ConsoleCommands
    {
        public static Reply Run(SimulatorContext context, string[] args)
        {
            List<string> words = EngineText.Tokens(string.Join(" ", args));
            if (words.Count == 0) return Reply.Ok;
            string argument = words.Count > 1 ? words[1] : "";
            switch (words[0].ToLowerInvariant())
            {
                case "pause":
                    // APlayerController::Pause → SetPause(!IsPaused()).
                    context.World.Paused = !context.World.Paused;
                    break;
                case "slomo":
                    // UCheatManager::Slomo(float) → SetTimeDilation, clamped to [0.0001, 20].
                    context.World.TimeDilation = Math.Max(0.0001f, Math.Min(EngineText.Atof(argument), 20f));
                    break;
                case "t.maxfps":
                    // Setting a float console variable reads the value with Atof; without a value it only prints it.
                    if (words.Count > 1 && context.Engine != null) context.Engine.MaxFps = EngineText.Atof(argument);
                    break;
                case "setres":
                case "r.setres":
                    SetResolution(context, argument);
                    break;
                case "exit":
                case "quit":
                    context.Engine?.RequestExit();
                    break;
            }
            return Reply.Ok;
        }

        /// <summary><c>setres 1280x720w</c>: Atoi before and after the x; a size with a zero part is ignored.</summary>
        private static void SetResolution(SimulatorContext context, string text)
        {
            int x = text.IndexOfAny(new[] { 'x', 'X' });
            int width = Atoi(text);
            int height = x < 0 ? 0 : Atoi(text.Substring(x + 1));
            if (width > 0 && height > 0 && (long)width * height <= 8192L * 8192L) context.RequestResolution(width, height);
        }

        /// <summary>atoi: optional sign and leading digits; 0 when there are none.</summary>
        private static int Atoi(string text)
        {
            int i = 0;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            bool negative = i < text.Length && text[i] == '-';
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
            long value = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9' && value <= int.MaxValue) value = value * 10 + (text[i++] - '0');
            value = Math.Min(value, int.MaxValue);
            return (int)(negative ? -value : value);
        }
    }
}
