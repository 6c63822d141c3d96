using System;
using System.Threading.Tasks;
using UnrealCv.Simulator.Scene;

namespace UnrealCv.Simulator.Rendering
{
    /// <summary>What a capture shows.</summary>
    internal enum CaptureKind
    {
        Lit,
        Depth,
        Normal,
        ObjectMask,
    }

    /// <summary>
    /// Renders the world from a camera by casting one ray per pixel. Every shape is intersected in its own
    /// unit space (a cube [-1,1]^3 or the unit sphere), so rotation and non-uniform scale cost nothing
    /// extra: the ray's local origin and direction are affine in the pixel coordinates, precomputed per
    /// object per frame, and each pixel costs a few multiply-adds per object. Rows run in parallel.
    /// Camera conventions are UE's: X forward, Y right, Z up; horizontal FOV; image row 0 at the top.
    /// </summary>
    internal static class RayCaster
    {
        /// <summary>UE's default near clipping plane (GNearClippingPlane), in cm.</summary>
        public const double NearPlane = 10;

        /// <summary>What a depth pixel holds where no geometry is hit: the largest float16 value, as the plugin's half-float render target saturates.</summary>
        public const float SkyDepth = 65504f;

        /// <summary>An 8-bit RGBA image (alpha always 255), rows top to bottom.</summary>
        public static byte[] RenderColor(World world, CameraSensor camera, CaptureKind kind)
        {
            if (kind == CaptureKind.Depth) throw new ArgumentException("Depth renders to floats; use RenderDepth.", nameof(kind));
            var pixels = new byte[camera.Width * camera.Height * 4];
            // The mask capture shows only annotation components: an actor without one neither shows nor hides anything.
            Render(world, camera, kind == CaptureKind.ObjectMask, (x, y, hit) => WriteColor(pixels, (y * camera.Width + x) * 4, Shade(world, kind, hit)));
            return pixels;
        }

        /// <summary>
        /// Planar scene depth in cm, like UE's SceneDepth: the distance along the camera's forward axis (not
        /// along the ray), so a camera looking straight down from height h reads h over the whole floor.
        /// Values are rounded to float16 precision, as the plugin reads them from a half-float target.
        /// </summary>
        public static float[] RenderDepth(World world, CameraSensor camera)
        {
            var depth = new float[camera.Width * camera.Height];
            Render(world, camera, false, (x, y, hit) => depth[y * camera.Width + x] = hit.Index < 0 ? SkyDepth : HalfPrecision.Round((float)hit.Depth));
            return depth;
        }

        /// <summary>The viewport as the player sees it in the given view mode, for screenshots.</summary>
        public static byte[] RenderViewMode(World world, CameraSensor camera, string viewMode)
        {
            switch (viewMode)
            {
                case "depth":
                    var pixels = new byte[camera.Width * camera.Height * 4];
                    // The depth view mode shows depth as grey levels (near dark, far light), not the raw values.
                    Render(world, camera, false, (x, y, hit) =>
                    {
                        byte v = hit.Index < 0 ? (byte)255 : (byte)Math.Min(255, hit.Depth / 20);
                        WriteColor(pixels, (y * camera.Width + x) * 4, new Color(v, v, v));
                    });
                    return pixels;
                case "normal": return RenderColor(world, camera, CaptureKind.Normal);
                case "object_mask": return RenderColor(world, camera, CaptureKind.ObjectMask);
                default: return RenderColor(world, camera, CaptureKind.Lit);
            }
        }

        /// <summary>The nearest visible actor along a segment, as a fraction of it (for sweeps); null when clear.</summary>
        public static double? Sweep(World world, Vector3 from, Vector3 to)
        {
            Vector3 d = to - from;
            double best = double.MaxValue;
            foreach (Actor actor in world.Actors)
            {
                if (!actor.IsVisibleGeometry) continue;
                var local = new LocalShape(actor);
                Vector3 o = local.ToLocal(from - actor.Location), dl = local.ToLocal(d);
                if (Intersect(actor.Shape, o.X, o.Y, o.Z, dl.X, dl.Y, dl.Z, 0, out double t, out _) && t <= 1 && t < best) best = t;
            }
            return best == double.MaxValue ? (double?)null : best;
        }

        internal struct Hit
        {
            public int Index;
            public double Depth;
            public Vector3 Normal;
            public Vector3 Point;
            public Actor? Actor;
        }

        private delegate void PixelSink(int x, int y, Hit hit);

        /// <summary>One object ready for the per-pixel loop: its ray in local unit space as O + a*OA + b*OB, D + a*DA + b*DB.</summary>
        private sealed class Prepared
        {
            public Actor Actor = null!;
            public ShapeKind Shape;
            public LocalShape Local;
            public double Ox, Oy, Oz, OAx, OAy, OAz, OBx, OBy, OBz;
            public double Dx, Dy, Dz, DAx, DAy, DAz, DBx, DBy, DBz;
        }

        /// <summary>World to local unit space of a shape: coordinate i is (p · axis_i) / (50 · scale_i).</summary>
        private readonly struct LocalShape
        {
            private readonly Vector3 _rx, _ry, _rz;
            private readonly Vector3 _f, _r, _u;

            public LocalShape(Actor actor)
            {
                actor.Rotation.GetAxes(out _f, out _r, out _u);
                Vector3 scale = actor.GeometryScale;
                _rx = _f * (1 / (Actor.UnitHalfSize * scale.X));
                _ry = _r * (1 / (Actor.UnitHalfSize * scale.Y));
                _rz = _u * (1 / (Actor.UnitHalfSize * scale.Z));
            }

            public Vector3 ToLocal(Vector3 v) => new Vector3(v.Dot(_rx), v.Dot(_ry), v.Dot(_rz));

            /// <summary>A local surface normal back to world space (the inverse transpose), normalised.</summary>
            public Vector3 NormalToWorld(double nx, double ny, double nz) => (_rx * nx + _ry * ny + _rz * nz).Normalized();
        }

        private static void Render(World world, CameraSensor camera, bool annotationOnly, PixelSink sink)
        {
            int width = camera.Width, height = camera.Height;
            camera.Rotation.GetAxes(out Vector3 f, out Vector3 r, out Vector3 u);
            bool ortho = camera.Projection == ProjectionType.Orthographic;
            // Pixel (x, y) maps to a in [-1, 1] left to right and b top to bottom scaled by the aspect ratio.
            double halfWidth = ortho ? camera.OrthoWidth / 2 : Math.Tan(camera.Fov * Math.PI / 360);
            double aspect = (double)height / width;
            Vector3 alongA = r * halfWidth, alongB = u * (halfWidth * aspect);
            Vector3 origin = camera.Location;

            var prepared = new System.Collections.Generic.List<Prepared>();
            foreach (Actor actor in world.Actors)
            {
                if (!actor.IsVisibleGeometry || (annotationOnly && actor.Annotation == null)) continue;
                var local = new LocalShape(actor);
                Vector3 o = local.ToLocal(origin - actor.Location), d = local.ToLocal(f);
                Vector3 oa = ortho ? local.ToLocal(alongA) : Vector3.Zero, ob = ortho ? local.ToLocal(alongB) : Vector3.Zero;
                Vector3 da = ortho ? Vector3.Zero : local.ToLocal(alongA), db = ortho ? Vector3.Zero : local.ToLocal(alongB);
                prepared.Add(new Prepared
                {
                    Actor = actor, Shape = actor.Shape, Local = local,
                    Ox = o.X, Oy = o.Y, Oz = o.Z, OAx = oa.X, OAy = oa.Y, OAz = oa.Z, OBx = ob.X, OBy = ob.Y, OBz = ob.Z,
                    Dx = d.X, Dy = d.Y, Dz = d.Z, DAx = da.X, DAy = da.Y, DAz = da.Z, DBx = db.X, DBy = db.Y, DBz = db.Z,
                });
            }
            Prepared[] objects = prepared.ToArray();
            double near = ortho ? 0 : NearPlane;

            Parallel.For(0, height, y =>
            {
                double b = 1 - (2 * (y + 0.5) / height);
                for (int x = 0; x < width; x++)
                {
                    double a = 2 * (x + 0.5) / width - 1;
                    var hit = new Hit { Index = -1, Depth = double.MaxValue };
                    int face = 0;
                    for (int i = 0; i < objects.Length; i++)
                    {
                        Prepared p = objects[i];
                        double ox = p.Ox + a * p.OAx + b * p.OBx, oy = p.Oy + a * p.OAy + b * p.OBy, oz = p.Oz + a * p.OAz + b * p.OBz;
                        double dx = p.Dx + a * p.DAx + b * p.DBx, dy = p.Dy + a * p.DAy + b * p.DBy, dz = p.Dz + a * p.DAz + b * p.DBz;
                        if (Intersect(p.Shape, ox, oy, oz, dx, dy, dz, near, out double t, out int hitFace) && t < hit.Depth)
                        {
                            hit.Index = i;
                            hit.Depth = t;
                            face = hitFace;
                        }
                    }
                    if (hit.Index >= 0)
                    {
                        // Only the winner gets its normal and point computed.
                        Prepared p = objects[hit.Index];
                        hit.Actor = p.Actor;
                        double t = hit.Depth;
                        double ox = p.Ox + a * p.OAx + b * p.OBx, oy = p.Oy + a * p.OAy + b * p.OBy, oz = p.Oz + a * p.OAz + b * p.OBz;
                        double dx = p.Dx + a * p.DAx + b * p.DBx, dy = p.Dy + a * p.DAy + b * p.DBy, dz = p.Dz + a * p.DAz + b * p.DBz;
                        hit.Normal = p.Shape == ShapeKind.Sphere
                            ? p.Local.NormalToWorld(ox + t * dx, oy + t * dy, oz + t * dz)
                            : p.Local.NormalToWorld(face == 1 ? -Math.Sign(dx) : 0, face == 2 ? -Math.Sign(dy) : 0, face == 3 ? -Math.Sign(dz) : 0);
                        Vector3 rayOrigin = ortho ? origin + alongA * a + alongB * b : origin;
                        Vector3 rayDir = ortho ? f : f + alongA * a + alongB * b;
                        hit.Point = rayOrigin + rayDir * t;
                    }
                    sink(x, y, hit);
                }
            });
        }

        /// <summary>
        /// Ray against the unit shape; t is in units of the (unnormalised) ray direction, whose forward
        /// component is 1, so t is the planar depth. Only front faces count (UE culls back faces), so a
        /// camera inside a shape does not see it. face = 1, 2, 3 for the box slab (x, y, z) that was entered.
        /// </summary>
        private static bool Intersect(ShapeKind shape, double ox, double oy, double oz, double dx, double dy, double dz, double near, out double t, out int face)
        {
            face = 0;
            t = 0;
            if (shape == ShapeKind.Sphere)
            {
                double qa = dx * dx + dy * dy + dz * dz;
                double qb = ox * dx + oy * dy + oz * dz;
                double qc = ox * ox + oy * oy + oz * oz - 1;
                double disc = qb * qb - qa * qc;
                if (disc < 0 || qc < 0) return false; // a miss, or the camera is inside
                t = (-qb - Math.Sqrt(disc)) / qa;
                return t >= near;
            }

            double tMin = double.NegativeInfinity, tMax = double.PositiveInfinity;
            if (!Slab(ox, dx, 1, ref tMin, ref tMax, ref face)) return false;
            if (!Slab(oy, dy, 2, ref tMin, ref tMax, ref face)) return false;
            if (!Slab(oz, dz, 3, ref tMin, ref tMax, ref face)) return false;
            t = tMin;
            return tMin <= tMax && tMin >= near;
        }

        private static bool Slab(double o, double d, int axis, ref double tMin, ref double tMax, ref int face)
        {
            if (Math.Abs(d) < 1e-12) return o >= -1 && o <= 1;
            double inv = 1 / d;
            double t1 = (-1 - o) * inv, t2 = (1 - o) * inv;
            if (t1 > t2) { double s = t1; t1 = t2; t2 = s; }
            if (t1 > tMin) { tMin = t1; face = axis; }
            if (t2 < tMax) tMax = t2;
            return tMin <= tMax;
        }

        private static Color Shade(World world, CaptureKind kind, Hit hit)
        {
            switch (kind)
            {
                case CaptureKind.ObjectMask:
                    if (hit.Actor?.Annotation is Color c) return new Color(c.R, c.G, c.B);
                    return new Color(0, 0, 0);
                case CaptureKind.Normal:
                    if (hit.Actor == null) return new Color(0, 0, 0);
                    return new Color(ToByte(hit.Normal.X * 0.5 + 0.5), ToByte(hit.Normal.Y * 0.5 + 0.5), ToByte(hit.Normal.Z * 0.5 + 0.5));
                default:
                    if (hit.Actor == null) return SkyColor;
                    double light = 0.35 + 0.65 * Math.Max(0, hit.Normal.Dot(world.SunDirection));
                    if (hit.Actor.Checkered && ((int)Math.Floor(hit.Point.X / 100) + (int)Math.Floor(hit.Point.Y / 100) & 1) == 1) light *= 0.8;
                    Color baseColor = hit.Actor.BaseColor;
                    return new Color(ToByte(baseColor.R * light / 255), ToByte(baseColor.G * light / 255), ToByte(baseColor.B * light / 255));
            }
        }

        /// <summary>The lit image's background.</summary>
        private static readonly Color SkyColor = new Color(150, 190, 235);

        private static byte ToByte(double v) => (byte)(v <= 0 ? 0 : v >= 1 ? 255 : v * 255 + 0.5);

        private static void WriteColor(byte[] pixels, int offset, Color c)
        {
            pixels[offset] = c.R;
            pixels[offset + 1] = c.G;
            pixels[offset + 2] = c.B;
            pixels[offset + 3] = 255;
        }
    }
}
