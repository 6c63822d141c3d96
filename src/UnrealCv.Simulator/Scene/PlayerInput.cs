using System;
using System.Collections.Generic;
using UnrealCv.Simulator.Rendering;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>
    /// The first player controller's keys, the world's timer manager (as far as <c>vset /action/keyboard</c> uses it)
    /// and the default pawn's movement:
    /// <list type="bullet">
    /// <item>ActionHandler.cpp Keyboard: InputAxis(Key, 1) holds the key at 1 from the next input evaluation, and a
    /// world timer of the given seconds releases it (InputKey, released). FTimerManager::SetTimer with a rate of 0 or
    /// less sets no timer, so such a key stays down. Every press has its own timer: the first to fire releases the key.</item>
    /// <item>UWorld::Tick ticks the timer manager with the dilated delta, only when not paused, after the actors and
    /// before the plugin's tickable.</item>
    /// <item>ADefaultPawn's engine-defined bindings (W/S/Up/Down forward, A/D right along the control rotation,
    /// SpaceBar/E up and C/Q/LeftControl down in world space) feed AddMovementInput, and UFloatingPawnMovement
    /// (MaxSpeed 1200, Acceleration 4000, Deceleration 8000, TurningBoost 8) turns the clamped input into velocity
    /// and a swept move. The pawn's input reaches it only while its input is enabled (UnrealCVEnableInput).</item>
    /// </list>
    /// Modelled: a blocked move stops 35 cm (the pawn's radius) short of the hit instead of sliding along it.
    /// </summary>
    internal sealed class PlayerInput
    {
        private const double MaxSpeed = 1200, Acceleration = 4000, Deceleration = 8000, TurningBoost = 8, PawnRadius = 35;

        private enum Axis { Forward, Right, WorldUp }

        private static readonly Dictionary<string, (Axis Axis, double Scale)> Bindings = new Dictionary<string, (Axis, double)>(StringComparer.OrdinalIgnoreCase)
        {
            ["W"] = (Axis.Forward, 1), ["S"] = (Axis.Forward, -1), ["Up"] = (Axis.Forward, 1), ["Down"] = (Axis.Forward, -1),
            ["A"] = (Axis.Right, -1), ["D"] = (Axis.Right, 1),
            ["SpaceBar"] = (Axis.WorldUp, 1), ["E"] = (Axis.WorldUp, 1), ["C"] = (Axis.WorldUp, -1), ["Q"] = (Axis.WorldUp, -1), ["LeftControl"] = (Axis.WorldUp, -1),
        };

        private readonly HashSet<string> _held = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<(double ExpireTime, string Key)> _timers = new List<(double, string)>();
        private double _timerTime;

        /// <summary>The default pawn's velocity in cm/s (UFloatingPawnMovement::Velocity).</summary>
        public Vector3 Velocity { get; private set; }

        /// <summary>APawn::bInputEnabled of the pawn: UpdateInput at world start from EnableInput, then enable/disable (both enable in 4.27-stable).</summary>
        public bool PawnInputEnabled { get; set; } = true;

        public bool IsHeld(string key) => _held.Contains(key);

        /// <summary>vset /action/keyboard: the key goes down; a timer of <paramref name="seconds"/> releases it, unless seconds is 0 or less.</summary>
        public void Press(string key, float seconds)
        {
            _held.Add(key);
            if (seconds > 0) _timers.Add((_timerTime + seconds, key));
        }

        /// <summary>FTimerManager::Tick: fires, in expiry order, every timer whose time has come.</summary>
        public void TickTimers(double deltaSeconds)
        {
            _timerTime += deltaSeconds;
            _timers.Sort((a, b) => a.ExpireTime.CompareTo(b.ExpireTime));
            while (_timers.Count > 0 && _timerTime > _timers[0].ExpireTime)
            {
                _held.Remove(_timers[0].Key);
                _timers.RemoveAt(0);
            }
        }

        /// <summary>The controller's input, then the pawn's movement component, for one unpaused frame of <paramref name="deltaSeconds"/>.</summary>
        public void MovePawn(World world, double deltaSeconds)
        {
            Actor? pawn = world.Pawn;
            if (pawn == null || pawn.ClassName != "DefaultPawn" || deltaSeconds <= 0) return;
            Vector3 input = Vector3.Zero;
            if (PawnInputEnabled)
            {
                world.ControlRotation.GetAxes(out Vector3 forward, out Vector3 right, out _);
                foreach (string key in _held)
                {
                    if (!Bindings.TryGetValue(key, out var binding)) continue;
                    Vector3 direction = binding.Axis == Axis.Forward ? forward : binding.Axis == Axis.Right ? right : new Vector3(0, 0, 1);
                    input += direction * binding.Scale;
                }
            }
            Velocity = ApplyControlInputToVelocity(Velocity, input, deltaSeconds);
            Vector3 delta = Velocity * deltaSeconds;
            if (delta.Length <= 1e-6) return;
            Vector3 from = pawn.Location, to = from + delta;
            double? blocked = RayCaster.Sweep(world, from, to);
            if (blocked != null)
            {
                double length = delta.Length;
                double stop = Math.Max(0, blocked.Value * length - PawnRadius);
                to = from + delta * (stop / length);
            }
            pawn.Location = to;
            Velocity = (to - from) * (1 / deltaSeconds);
        }

        /// <summary>UFloatingPawnMovement::ApplyControlInputToVelocity with its default speeds.</summary>
        internal static Vector3 ApplyControlInputToVelocity(Vector3 velocity, Vector3 input, double dt)
        {
            Vector3 control = input.Length > 1 ? input.Normalized() : input;
            double analog = control.Length;
            double maxPawnSpeed = MaxSpeed * analog;
            bool exceeding = velocity.Length > maxPawnSpeed * 1.01;
            if (analog > 0 && !exceeding)
            {
                if (velocity.Length > 0)
                {
                    double timeScale = Math.Max(0, Math.Min(dt * TurningBoost, 1));
                    velocity = velocity + (control * velocity.Length - velocity) * timeScale;
                }
            }
            else if (velocity.Length > 0)
            {
                Vector3 old = velocity;
                double size = Math.Max(velocity.Length - Deceleration * dt, 0);
                velocity = velocity.Normalized() * size;
                if (exceeding && velocity.Length < maxPawnSpeed) velocity = old.Normalized() * maxPawnSpeed;
            }
            double newMaxSpeed = velocity.Length > maxPawnSpeed * 1.01 ? velocity.Length : maxPawnSpeed;
            velocity = velocity + control * (Acceleration * dt);
            if (velocity.Length > newMaxSpeed) velocity = velocity.Normalized() * newMaxSpeed;
            return velocity;
        }
    }
}
