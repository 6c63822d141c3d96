using System;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>An FQuat in single precision, as UE 4.27 stores a component's rotation.</summary>
    internal readonly struct Quat
    {
        public Quat(float x, float y, float z, float w)
        {
            X = x;
            Y = y;
            Z = z;
            W = w;
        }

        public float X { get; }
        public float Y { get; }
        public float Z { get; }
        public float W { get; }

        public static Quat Identity => new Quat(0, 0, 0, 1);

        /// <summary>FQuat::Inverse of a unit quaternion.</summary>
        public Quat Inverse() => new Quat(-X, -Y, -Z, W);

        /// <summary>FQuat operator* (VectorQuaternionMultiply2): <c>a * b</c> applies b first, then a; summed in UE's order.</summary>
        public static Quat operator *(Quat a, Quat b)
        {
            float x = a.W * b.X, y = a.W * b.Y, z = a.W * b.Z, w = a.W * b.W;
            x = a.X * b.W + x; y = -(a.X * b.Z) + y; z = a.X * b.Y + z; w = -(a.X * b.X) + w;
            x = a.Y * b.Z + x; y = a.Y * b.W + y; z = -(a.Y * b.X) + z; w = -(a.Y * b.Y) + w;
            x = -(a.Z * b.Y) + x; y = a.Z * b.X + y; z = a.Z * b.W + z; w = -(a.Z * b.Z) + w;
            return new Quat(x, y, z, w);
        }

        /// <summary>FQuat::Rotator: pitch/yaw/roll in degrees, with UE's singularity handling near ±90° pitch.</summary>
        public Rotator ToRotator()
        {
            float singularityTest = Z * X - W * Y;
            float yawY = 2f * (W * Z + X * Y);
            float yawX = 1f - 2f * (Y * Y + Z * Z);
            const float SingularityThreshold = 0.4999995f;
            float yaw = UeRotationMath.Atan2(yawY, yawX) * UeRotationMath.RadToDeg;
            if (singularityTest < -SingularityThreshold)
                return new Rotator(-90f, yaw, UeRotationMath.NormalizeAxis(-yaw - 2f * UeRotationMath.Atan2(X, W) * UeRotationMath.RadToDeg));
            if (singularityTest > SingularityThreshold)
                return new Rotator(90f, yaw, UeRotationMath.NormalizeAxis(yaw - 2f * UeRotationMath.Atan2(X, W) * UeRotationMath.RadToDeg));
            float pitch = UeRotationMath.FastAsin(2f * singularityTest) * UeRotationMath.RadToDeg;
            float roll = UeRotationMath.Atan2(-2f * (W * X + Y * Z), 1f - 2f * (X * X + Y * Y)) * UeRotationMath.RadToDeg;
            return new Rotator(pitch, yaw, roll);
        }
    }

    /// <summary>
    /// UE 4.27's rotator and quaternion arithmetic, in single precision and in the engine's own
    /// approximations (FMath::Fmod, VectorSinCos, FMath::Atan2, FMath::FastAsin), so that a rotation
    /// reads back with the digits a binary prints. Written from the engine's published formulas.
    /// </summary>
    internal static class UeRotationMath
    {
        private const float Pi = 3.1415926535897932f;
        private const float HalfPi = 1.57079632679f;
        private const float TwoPi = 6.28318530717959f;
        private const float OneOverTwoPi = 0.159154943091895f;
        private const float FastAsinHalfPi = 1.5707963050f;
        private const float DegToRadHalf = Pi / 180f * 0.5f;
        internal const float RadToDeg = 180f / Pi;

        /// <summary>FMath::Fmod: truncated division, guarded against rounding past the divisor.</summary>
        public static float Fmod(float x, float y)
        {
            float absY = Math.Abs(y);
            if (absY <= 1e-8f) return 0f;
            float div = x / y;
            float quotient = Math.Abs(div) < 8388608f ? (float)Math.Truncate(div) : div;
            float intPortion = y * quotient;
            if (Math.Abs(intPortion) > Math.Abs(x)) intPortion = x;
            return Math.Max(-absY, Math.Min(x - intPortion, absY));
        }

        /// <summary>FRotator::ClampAxis: an angle in [0, 360).</summary>
        public static float ClampAxis(float angle)
        {
            angle = Fmod(angle, 360f);
            if (angle < 0f) angle += 360f;
            return angle;
        }

        /// <summary>FRotator::NormalizeAxis: an angle in (-180, 180].</summary>
        public static float NormalizeAxis(float angle)
        {
            angle = ClampAxis(angle);
            if (angle > 180f) angle -= 360f;
            return angle;
        }

        /// <summary>FMath::ClampAngle: the angle, or the nearer end of the arc from min to max.</summary>
        public static float ClampAngle(float angle, float min, float max)
        {
            float maxDelta = ClampAxis(max - min) * 0.5f;
            float rangeCenter = ClampAxis(min + maxDelta);
            float deltaFromCenter = NormalizeAxis(angle - rangeCenter);
            if (deltaFromCenter > maxDelta) return NormalizeAxis(rangeCenter + maxDelta);
            if (deltaFromCenter < -maxDelta) return NormalizeAxis(rangeCenter - maxDelta);
            return NormalizeAxis(angle);
        }

        /// <summary>FRotator::GetNormalized (VectorNormalizeRotator): each axis in (-180, 180].</summary>
        public static Rotator Normalize(Rotator r) => new Rotator(NormalizeLane((float)r.Pitch), NormalizeLane((float)r.Yaw), NormalizeLane((float)r.Roll));

        private static float NormalizeLane(float angle)
        {
            float v0 = VectorMod(angle, 360f);
            float v2 = v0 >= 0f ? v0 : v0 + 360f;
            return v2 > 180f ? v2 - 360f : v2;
        }

        /// <summary>VectorMod: like Fmod without its guard, clamped to [-|y|, |y|].</summary>
        private static float VectorMod(float x, float y)
        {
            float div = x / y;
            float whole = Math.Abs(div) >= 8388608f ? div : (float)Math.Truncate(div);
            float result = x - y * whole;
            float absY = Math.Abs(y);
            return Math.Max(-absY, Math.Min(result, absY));
        }

        /// <summary>FRotator::Quaternion (the vectorised path of x64 builds).</summary>
        public static Quat Quaternion(Rotator r)
        {
            SinCos(VectorMod((float)r.Pitch, 360f) * DegToRadHalf, out float sp, out float cp);
            SinCos(VectorMod((float)r.Yaw, 360f) * DegToRadHalf, out float sy, out float cy);
            SinCos(VectorMod((float)r.Roll, 360f) * DegToRadHalf, out float sr, out float cr);
            float x = cr * (sp * sy) + -(sr * (cp * cy));
            float y = -(cr * (sp * cy)) + -(sr * (cp * sy));
            float z = cr * (cp * sy) + -(sr * (sp * cy));
            float w = cr * (cp * cy) + sr * (sp * sy);
            return new Quat(x, y, z, w);
        }

        /// <summary>The round trip a scene component gives a rotator: quaternion, then back (GetComponentRotation).</summary>
        public static Rotator RoundTrip(Rotator r) => Quaternion(r).ToRotator();

        /// <summary>VectorSinCos: range reduction to [-pi/2, pi/2], then UE's minimax polynomials.</summary>
        private static void SinCos(float angle, out float sin, out float cos)
        {
            float quotient = (float)Math.Round(angle * OneOverTwoPi, MidpointRounding.ToEven);
            float x = angle - TwoPi * quotient;
            float reflected = (x < 0f || (x == 0f && 1f / x < 0f) ? -Pi : Pi) - x;
            float sign = 1f;
            if (Math.Abs(x) > HalfPi)
            {
                x = reflected;
                sign = -1f;
            }
            float x2 = x * x;
            float s = -2.3889859e-08f;
            s = x2 * s + 2.7525562e-06f;
            s = x2 * s + -0.00019840874f;
            s = x2 * s + 0.0083333310f;
            s = x2 * s + -0.16666667f;
            s = x2 * s + 1.0f;
            sin = s * x;
            float c = -2.6051615e-07f;
            c = x2 * c + 2.4760495e-05f;
            c = x2 * c + -0.0013888378f;
            c = x2 * c + 0.041666638f;
            c = x2 * c + -0.5f;
            c = x2 * c + 1.0f;
            cos = c * sign;
        }

        /// <summary>FMath::Atan2: UE's minimax approximation (not the C library's atan2).</summary>
        public static float Atan2(float y, float x)
        {
            float absX = Math.Abs(x), absY = Math.Abs(y);
            bool yAbsBigger = absY > absX;
            float t0 = yAbsBigger ? absY : absX;
            float t1 = yAbsBigger ? absX : absY;
            if (t0 == 0f) return 0f;
            float t3 = t1 / t0;
            float t4 = t3 * t3;
            t0 = 7.2128853633444123e-03f;
            t0 = t0 * t4 + -3.5059680836411644e-02f;
            t0 = t0 * t4 + 8.1675882859940430e-02f;
            t0 = t0 * t4 + -1.3374657325451267e-01f;
            t0 = t0 * t4 + 1.9856563505717162e-01f;
            t0 = t0 * t4 + -3.3324998579202170e-01f;
            t0 = t0 * t4 + 1.0f;
            t3 = t0 * t3;
            t3 = yAbsBigger ? 0.5f * Pi - t3 : t3;
            t3 = x < 0f ? Pi - t3 : t3;
            t3 = y < 0f ? -t3 : t3;
            return t3;
        }

        /// <summary>FMath::FastAsin: a 7th-degree minimax approximation of asin.</summary>
        public static float FastAsin(float value)
        {
            bool nonNegative = value >= 0f;
            float x = Math.Abs(value);
            float omx = 1f - x;
            if (omx < 0f) omx = 0f;
            float root = (float)Math.Sqrt(omx);
            float result = ((((((-0.0012624911f * x + 0.0066700901f) * x - 0.0170881256f) * x + 0.0308918810f) * x - 0.0501743046f) * x + 0.0889789874f) * x - 0.2145988016f) * x + FastAsinHalfPi;
            result *= root;
            return nonNegative ? FastAsinHalfPi - result : result - FastAsinHalfPi;
        }
    }
}
