using UnrealCv.Simulator.Engine;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>ActionHandler.cpp: pause/resume, level loading, input and keyboard.</summary>
    internal static class ActionCommands
    {
        public static void Register(CommandRouter router, SimulatorContext context)
        {
            router.Register("vset /action/game/pause", "Pause the game", _ => Paused(context, true));
            router.Register("vset /action/game/resume", "Resume the game", _ => Paused(context, false));
            router.Register("vget /action/game/is_paused", "Get the pause status", _ => Reply.OfText(context.World.Paused ? "true" : "false"));
            // OpenLevel answers ok whatever the name; the map loads when the engine next ticks (SimulatorContext.ApplyPendingLevel).
            router.Register("vset /action/game/level [str]", "Open level", a =>
            {
                context.RequestLevel(a[0]);
                return Reply.Ok;
            });
            // Both call UpdateInput(Pawn, true): "disable" enables the pawn's input too (the plugin's bug).
            router.Register("vset /action/input/enable", "Enable input", _ => PawnAction(context));
            router.Register("vset /action/input/disable", "Disable input", _ => PawnAction(context));
            router.Register("vset /action/eyes_distance [float]", "Set the distance of binocular stereo camera", _ => Reply.Error("Not Implemented"));
            // InputAxis(Key, 1) on the first player controller, and a world timer of Atof(seconds) that releases it.
            router.Register("vset /action/keyboard [str] [float]", "Send a keyboard action to the game", a =>
            {
                context.World.Input.Press(a[0], EngineText.Atof(a[1]));
                return Reply.Ok;
            });
        }

        private static Reply Paused(SimulatorContext context, bool paused)
        {
            context.World.Paused = paused;
            return Reply.Ok;
        }

        private static Reply PawnAction(SimulatorContext context)
        {
            if (context.World.Pawn == null) return Reply.Error("The pawn is invalid");
            context.World.Input.PawnInputEnabled = true;
            return Reply.Ok;
        }
    }
}
