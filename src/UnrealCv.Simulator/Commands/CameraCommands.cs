using System;
using System.IO;
using System.Text;
using UnrealCv.Simulator.Encoders;
using UnrealCv.Simulator.Rendering;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>CameraHandler.cpp: sensors, their poses and optics, captures, the player view mode.</summary>
    internal static class CameraCommands
    {
        private const string InvalidSensor = "Invalid sensor id";
        private const string ArgumentInvalid = "Argument Invalid";

        /// <summary>Captures larger than this are refused as empty (a render target that big would not allocate).</summary>
        private const long MaxPixels = 8192L * 8192L;

        private static readonly string[] ViewModes =
            { "depth", "normal", "object_mask", "lit", "unlit", "base_color", "debug", "wireframe", "vertex_color", "no_transparency" };

        public static void Register(CommandRouter router, SimulatorContext context)
        {
            router.Register("vget /screenshot [str]", "Get screenshot", a => Screenshot(context, a[0]));
            router.Register("vget /cameras", "List all sensors in the scene", _ => Reply.OfText(CameraList(context.World)));
            router.Register("vset /cameras/spawn", "Spawn a new camera actor in the scene", _ => Reply.OfText(context.World.Spawn("FusionCameraActor")!.Name));

            router.Register("vget /camera/[uint]/location", "Get sensor location in world space",
                a => WithCamera(context, a[0], InvalidSensor, camera => Reply.OfText(PluginText.Triple(camera.Location))));
            router.Register("vset /camera/[uint]/location [float] [float] [float]", "Set sensor to location [x, y, z]",
                a => WithCamera(context, a[0], InvalidSensor, camera => SetPose(context, a, camera, c => c.Location = PluginText.Vector(a, 1))));
            router.Register("vset /camera/[uint]/moveto [float] [float] [float]", "Move camera to location [x, y, z], will be blocked by objects", a => MoveTo(context, a));
            router.Register("vget /camera/[uint]/rotation", "Get sensor rotation in world space",
                a => WithCamera(context, a[0], InvalidSensor, camera => Reply.OfText(PluginText.Triple(camera.Rotation))));
            router.Register("vset /camera/[uint]/rotation [float] [float] [float]", "Set rotation [pitch, yaw, roll] of camera [id]",
                a => WithCamera(context, a[0], InvalidSensor, camera => SetPose(context, a, camera, c => c.Rotation = PluginText.Normalize(PluginText.Rotator(a, 1)))));

            router.Register("vget /camera/[uint]/lit [str]", "Get png binary data from lit sensor", a => Capture(context, a, CaptureKind.Lit));
            router.Register("vget /camera/[uint]/depth [str]", "Get npy binary data from depth sensor", a => Capture(context, a, CaptureKind.Depth));
            router.Register("vget /camera/[uint]/normal [str]", "Get npy binary data from surface normal sensor", a => Capture(context, a, CaptureKind.Normal));
            router.Register("vget /camera/[uint]/object_mask [str]", "Get npy binary data from depth sensor", a => Capture(context, a, CaptureKind.ObjectMask));
            router.Register("vget /camera/[uint]/seg [str]", "Get npy binary data from depth sensor", a => Capture(context, a, CaptureKind.ObjectMask));

            router.Register("vset /viewmode [str]", "Set ViewMode to (lit, normal, depth, object_mask)", a => SetViewMode(context.World, a[0]));
            router.Register("vget /viewmode", "Get current ViewMode", _ => Reply.OfText(context.World.ViewMode));

            // fov and size answer "Argument Invalid" for a bad camera id, unlike location and rotation.
            router.Register("vget /camera/[uint]/fov", "Get FOV", a => WithCamera(context, a[0], ArgumentInvalid, camera => Reply.OfText(PluginText.F(camera.Fov))));
            router.Register("vset /camera/[uint]/fov [float]", "Set FOV", a => WithCamera(context, a[0], ArgumentInvalid, camera =>
            {
                camera.Fov = PluginText.Atof(a[1]);
                return Reply.Ok;
            }));
            router.Register("vset /camera/[uint]/size [uint] [uint]", "Set Camera Film Size", a => WithCamera(context, a[0], ArgumentInvalid, camera =>
            {
                // The plugin parses the film size with Atof into an int.
                camera.Width = (int)PluginText.Atof(a[1]);
                camera.Height = (int)PluginText.Atof(a[2]);
                return Reply.Ok;
            }));
            router.Register("vget /camera/[uint]/size", "Get Camera Film Size", a => WithCamera(context, a[0], ArgumentInvalid,
                camera => Reply.OfText(camera.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + camera.Height.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            // On a binary a bad id here dereferences a null sensor; the simulator answers "Invalid sensor id" instead of crashing.
            router.Register("vset /camera/[uint]/ortho_width [float]", "Set ortho width of the camera", a => WithCamera(context, a[0], InvalidSensor, camera =>
            {
                camera.OrthoWidth = (int)PluginText.Atof(a[1]);
                return Reply.Ok;
            }));
            router.Register("vset /camera/[uint]/projection_type [str]", "Set camera projection type", a => WithCamera(context, a[0], InvalidSensor, camera => SetProjection(camera, a[1])));
        }

        private static Reply WithCamera(SimulatorContext context, string id, string error, Func<CameraSensor, Reply> action)
        {
            int index = PluginText.Atoi(id);
            var cameras = context.World.Cameras;
            return index < cameras.Count ? action(cameras[index]) : Reply.Error(error);
        }

        private static string CameraList(World world)
        {
            var list = new StringBuilder();
            foreach (CameraSensor camera in world.Cameras) list.Append(camera.Name).Append(' ');
            return list.ToString();
        }

        /// <summary>
        /// Camera "0" (the literal id text, as the plugin compares it) moves the player pawn or sets the
        /// controller rotation and needs a pawn; any other id moves the sensor itself.
        /// </summary>
        private static Reply SetPose(SimulatorContext context, string[] args, CameraSensor camera, Action<CameraSensor> apply)
        {
            if (args[0] == "0" && context.World.Pawn == null) return Reply.Error(ArgumentInvalid);
            apply(camera);
            return Reply.Ok;
        }

        /// <summary>A sweep of the player pawn: it stops just before the first object in its way.</summary>
        private static Reply MoveTo(SimulatorContext context, string[] args)
        {
            if (args[0] != "0") return Reply.Error("MoveTo only supports the player camera with id 0");
            Actor? pawn = context.World.Pawn;
            if (pawn == null) return Reply.Error(ArgumentInvalid);
            Vector3 from = pawn.Location, to = PluginText.Vector(args, 1);
            double? blocked = RayCaster.Sweep(context.World, from, to);
            if (blocked == null)
            {
                pawn.Location = to;
            }
            else
            {
                // Back off a pawn's collision radius (DefaultPawn: 35 cm) from the contact point.
                Vector3 path = to - from;
                double length = path.Length;
                double stop = Math.Max(0, blocked.Value * length - 35);
                pawn.Location = length > 0 ? from + path * (stop / length) : from;
            }
            return Reply.Ok;
        }

        private static Reply SetViewMode(World world, string mode)
        {
            string lower = mode.ToLowerInvariant();
            if (Array.IndexOf(ViewModes, lower) < 0) return Reply.Error($"Can not set ViewMode to {lower}");
            world.ViewMode = lower;
            return Reply.Ok;
        }

        private static Reply SetProjection(CameraSensor camera, string type)
        {
            switch (type.ToLowerInvariant())
            {
                case "perspective": camera.Projection = ProjectionType.Perspective; return Reply.Ok;
                case "orthographic": camera.Projection = ProjectionType.Orthographic; return Reply.Ok;
                default: return Reply.Error($"Can not support camera mode {type}, available options are perspective and orthographic");
            }
        }

        private static readonly ImageFormat[] ColorFormats = { ImageFormat.Png, ImageFormat.Bmp };
        private static readonly ImageFormat[] FloatFormats = { ImageFormat.Npy };

        private static Reply Capture(SimulatorContext context, string[] args, CaptureKind kind) =>
            WithCamera(context, args[0], InvalidSensor, camera =>
            {
                if (!HasPixels(camera.Width, camera.Height)) return Reply.Error("Captured data is empty");
                World world = context.World;
                return kind == CaptureKind.Depth
                    ? Serialize(context, args[1], FloatFormats, format => context.Captures.GetOrRender($"{args[0]}/{kind}/{format}", world, camera,
                        () => NpyWriter.Encode(RayCaster.RenderDepth(world, camera), camera.Width, camera.Height)))
                    : Serialize(context, args[1], ColorFormats, format => context.Captures.GetOrRender($"{args[0]}/{kind}/{format}", world, camera,
                        () => EncodeColor(format, RayCaster.RenderColor(world, camera, kind), camera.Width, camera.Height)));
            });

        /// <summary>GetScreenshot: the player's viewport (camera 0 at the configured resolution) in the current view mode.</summary>
        private static Reply Screenshot(SimulatorContext context, string filename)
        {
            World world = context.World;
            if (world.Cameras.Count == 0 || world.Pawn == null) return Reply.Error("Captured data is empty");
            CameraSensor player = world.Cameras[0];
            var viewport = new CameraSensor(player.Name, player.Owner, context.Options.FilmWidth, context.Options.FilmHeight, player.Fov);
            return Serialize(context, filename, ColorFormats, format => EncodeColor(format, RayCaster.RenderViewMode(world, viewport, world.ViewMode), viewport.Width, viewport.Height));
        }

        private static bool HasPixels(int width, int height) => width > 0 && height > 0 && (long)width * height <= MaxPixels;

        private static byte[] EncodeColor(ImageFormat format, byte[] rgba, int width, int height) =>
            format == ImageFormat.Png ? PngWriter.Encode(rgba, width, height) : BmpWriter.Encode(rgba, width, height);

        /// <summary>
        /// SerializeData: colour captures take png/bmp (binary or file), float captures take npy; anything
        /// else is "Invalid filename type". A file is written (relative to the output folder) and the reply
        /// is the name as given. The image is rendered only once the format is known to be valid.
        /// </summary>
        private static Reply Serialize(SimulatorContext context, string filename, ImageFormat[] accepted, Func<ImageFormat, byte[]> encode)
        {
            FilenameType type = FilenameTypes.Parse(filename);
            if (Array.IndexOf(accepted, type.Format) < 0) return Reply.Error($"Invalid filename type, filename {filename}");
            byte[] data = encode(type.Format);
            if (!type.IsFile) return Reply.OfBytes(data);
            SaveFile(context, filename, data);
            return Reply.OfText(filename);
        }

        /// <summary>Like FFileHelper::SaveArrayToFile: creates missing folders; a failed write still answers the filename.</summary>
        private static void SaveFile(SimulatorContext context, string filename, byte[] data)
        {
            try
            {
                string path = Path.Combine(context.Options.OutputDirectory ?? Directory.GetCurrentDirectory(), filename);
                string? folder = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                File.WriteAllBytes(path, data);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
            }
        }
    }
}
