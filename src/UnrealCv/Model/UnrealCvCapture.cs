using System.Collections.Generic;
using System.IO;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// What one camera saw in one game frame, as Get-UnrealCvCapture takes it: every requested mode and the camera's
    /// pose, all sent at once so that the binary answers them in one tick. <see cref="Frame"/> numbers the session's
    /// capture sets 0, 1, 2, … (every camera of one call shares it), as {Frame} in -OutFile names the files.
    /// </summary>
    public sealed class UnrealCvCapture
    {
        private readonly List<string> _modes = new List<string>();
        private readonly List<FileInfo> _files = new List<FileInfo>();

        internal UnrealCvCapture(UnrealCvSession session, int camera, int frame)
        {
            Session = session;
            Camera = camera;
            Frame = frame;
        }

        /// <summary>The camera id (index in <c>vget /cameras</c>).</summary>
        public int Camera { get; }

        /// <summary>This capture set's number in its session (and the {Frame} of its files).</summary>
        public int Frame { get; }

        /// <summary>The camera's location when the images were taken (<c>vget /camera/&lt;id&gt;/location</c>, same tick).</summary>
        public UnrealCvVector? Location { get; internal set; }

        /// <summary>The camera's rotation in degrees (pitch yaw roll) when the images were taken.</summary>
        public UnrealCvRotator? Rotation { get; internal set; }

        /// <summary>The rendered colour image (mode lit), or null when not requested.</summary>
        public UnrealCvImage? Lit { get; internal set; }

        /// <summary>Distances in cm (mode depth, npy), or null when not requested.</summary>
        public UnrealCvDepthArray? Depth { get; internal set; }

        /// <summary>Each object in its labelling colour (mode object_mask), or null when not requested.</summary>
        public UnrealCvImage? ObjectMask { get; internal set; }

        /// <summary>Surface normals (mode normal), or null when not requested.</summary>
        public UnrealCvImage? Normal { get; internal set; }

        /// <summary>The modes captured, in the order they were asked for.</summary>
        public string[] Modes => _modes.ToArray();

        /// <summary>The files -OutFile saved, one per mode; empty without -OutFile.</summary>
        public FileInfo[] Files => _files.ToArray();

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        /// <summary>The image or array of a mode ("lit", "depth", "object_mask", "normal"); null when not captured.</summary>
        public object? this[string mode] => mode switch
        {
            "lit" => Lit,
            "depth" => Depth,
            "object_mask" => ObjectMask,
            "normal" => Normal,
            _ => null,
        };

        internal void Set(string mode, object value)
        {
            switch (mode)
            {
                case "lit": Lit = (UnrealCvImage)value; break;
                case "depth": Depth = (UnrealCvDepthArray)value; break;
                case "object_mask": ObjectMask = (UnrealCvImage)value; break;
                case "normal": Normal = (UnrealCvImage)value; break;
            }
            _modes.Add(mode);
        }

        internal void AddFile(string path) => _files.Add(new FileInfo(path));

        /// <summary>The file saved for a mode, or null (files are saved in the order of the modes).</summary>
        internal FileInfo? FileOf(string mode)
        {
            int i = _modes.IndexOf(mode);
            return i >= 0 && i < _files.Count ? _files[i] : null;
        }

        /// <summary><c>camera 0 frame 3 (lit, depth, object_mask)</c>.</summary>
        public override string ToString() => $"camera {Camera} frame {Frame} ({string.Join(", ", _modes)})";
    }
}
