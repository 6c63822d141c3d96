using System;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>A point or direction in Unreal's world space: centimetres, left-handed, X forward, Y right, Z up.</summary>
    internal readonly struct Vector3
    {
        public Vector3(double x, double y, double z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public double X { get; }
        public double Y { get; }
        public double Z { get; }

        public static Vector3 Zero => new Vector3(0, 0, 0);
        public static Vector3 One => new Vector3(1, 1, 1);

        public static Vector3 operator +(Vector3 a, Vector3 b) => new Vector3(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
        public static Vector3 operator -(Vector3 a, Vector3 b) => new Vector3(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
        public static Vector3 operator *(Vector3 a, double s) => new Vector3(a.X * s, a.Y * s, a.Z * s);

        public double Dot(Vector3 b) => X * b.X + Y * b.Y + Z * b.Z;
        public double Length => Math.Sqrt(Dot(this));
        public Vector3 Normalized() { double l = Length; return l > 0 ? this * (1 / l) : this; }

        public override string ToString() => $"({X}, {Y}, {Z})";
    }

    /// <summary>Unreal's FRotator: pitch (about Y, up positive), yaw (about Z), roll (about X), in degrees.</summary>
    internal readonly struct Rotator
    {
        public Rotator(double pitch, double yaw, double roll)
        {
            Pitch = pitch;
            Yaw = yaw;
            Roll = roll;
        }

        public double Pitch { get; }
        public double Yaw { get; }
        public double Roll { get; }

        public static Rotator Zero => new Rotator(0, 0, 0);

        /// <summary>
        /// The rotated unit axes, exactly as the rows of UE's FRotationMatrix: forward (X), right (Y), up (Z).
        /// </summary>
        public void GetAxes(out Vector3 forward, out Vector3 right, out Vector3 up)
        {
            const double ToRad = Math.PI / 180;
            double sp = Math.Sin(Pitch * ToRad), cp = Math.Cos(Pitch * ToRad);
            double sy = Math.Sin(Yaw * ToRad), cy = Math.Cos(Yaw * ToRad);
            double sr = Math.Sin(Roll * ToRad), cr = Math.Cos(Roll * ToRad);
            forward = new Vector3(cp * cy, cp * sy, sp);
            right = new Vector3(sr * sp * cy - cr * sy, sr * sp * sy + cr * cy, -sr * cp);
            up = new Vector3(-(cr * sp * cy + sr * sy), cy * sr - cr * sp * sy, cr * cp);
        }
    }

    /// <summary>An 8-bit RGBA colour (UE FColor); <see cref="ToString"/> is FColor::ToString.</summary>
    internal readonly struct Color
    {
        public Color(byte r, byte g, byte b, byte a = 255)
        {
            R = r;
            G = g;
            B = b;
            A = a;
        }

        public byte R { get; }
        public byte G { get; }
        public byte B { get; }
        public byte A { get; }

        public override string ToString() => $"(R={R},G={G},B={B},A={A})";
    }
}
