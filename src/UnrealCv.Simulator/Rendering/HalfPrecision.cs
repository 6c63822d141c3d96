using System.Runtime.InteropServices;

namespace UnrealCv.Simulator.Rendering
{
    /// <summary>Rounds floats to what a float16 can hold (the plugin reads depth from a half-float render target).</summary>
    internal static class HalfPrecision
    {
        public const float MaxValue = 65504f;

        [StructLayout(LayoutKind.Explicit)]
        private struct FloatBits
        {
            [FieldOffset(0)] public float Value;
            [FieldOffset(0)] public uint Bits;
        }

        /// <summary>Round to nearest even on float16's 10-bit mantissa; saturates at ±65504 instead of overflowing to infinity.</summary>
        public static float Round(float value)
        {
            if (float.IsNaN(value) || value == 0) return value;
            var f = new FloatBits { Value = value };
            int exponent = (int)((f.Bits >> 23) & 0xFF) - 127;
            if (exponent < -14)
            {
                // float16 subnormals: multiples of 2^-24.
                const double Quantum = 1.0 / (1 << 24);
                return (float)(System.Math.Round(value / Quantum, System.MidpointRounding.ToEven) * Quantum);
            }
            uint rest = f.Bits & 0x1FFF, kept = f.Bits & ~0x1FFFu;
            if (rest > 0x1000 || (rest == 0x1000 && (kept & 0x2000) != 0)) kept += 0x2000; // a carry moves into the exponent, as it should
            f.Bits = kept;
            if (f.Value > MaxValue) return MaxValue;
            if (f.Value < -MaxValue) return -MaxValue;
            return f.Value;
        }
    }
}
