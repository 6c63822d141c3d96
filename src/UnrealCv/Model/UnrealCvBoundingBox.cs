using System.Collections.Generic;
using System.Linq;
using UnrealCv.Pictures;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Model
{
    /// <summary>
    /// Where one object is in an object mask: the smallest pixel rectangle holding all of its pixels (X, Y its top-left
    /// pixel, (0, 0) the image's top-left corner; Width and Height count pixels, so a one-pixel object is 1x1), and how
    /// many pixels it covers. Flat values, for Export-Csv and ConvertTo-Json.
    /// </summary>
    public sealed class UnrealCvBoundingBox
    {
        internal UnrealCvBoundingBox(UnrealCvSession session, string name, UnrealCvColor color, MaskBoxes.Box box, int? camera, int? frame, int imageWidth, int imageHeight)
        {
            Session = session;
            Object = name;
            Color = color;
            X = box.MinX;
            Y = box.MinY;
            Width = box.MaxX - box.MinX + 1;
            Height = box.MaxY - box.MinY + 1;
            Pixels = box.Pixels;
            Camera = camera;
            Frame = frame;
            ImageWidth = imageWidth;
            ImageHeight = imageHeight;
        }

        /// <summary>The object's name, as <c>vget /objects</c> lists it.</summary>
        public string Object { get; }

        public int X { get; }
        public int Y { get; }
        public int Width { get; }
        public int Height { get; }

        /// <summary>The pixels of the mask that are the object's (its visible area).</summary>
        public int Pixels { get; }

        /// <summary>The object's labelling colour (<c>vget /object/&lt;name&gt;/color</c>).</summary>
        public UnrealCvColor Color { get; }

        /// <summary>The camera and capture set the mask came from (null for a mask given on its own).</summary>
        public int? Camera { get; }
        public int? Frame { get; }

        public int ImageWidth { get; }
        public int ImageHeight { get; }

        public UnrealCvSession Session { get; }
        public int SessionId => Session.Id;
        public string SessionName => Session.Name;

        /// <summary><c>RedBox 120,80 40x32</c>.</summary>
        public override string ToString() => $"{Object} {X},{Y} {Width}x{Height}";

        /// <summary>
        /// The boxes of the objects seen in <paramref name="mask"/>, in <c>vget /objects</c> order, with at least
        /// <paramref name="minPixels"/> pixels each; names of objects that share a colour with an earlier one in
        /// <paramref name="shared"/> (their pixels count for the earlier one).
        /// </summary>
        internal static List<UnrealCvBoundingBox> Find(UnrealCvSession session, Raster mask, IReadOnlyList<KeyValuePair<string, UnrealCvColor>> colors,
            int tolerance, int minPixels, int? camera, int? frame, out List<string> shared)
        {
            var rgb = colors.Select(c => (c.Value.R, c.Value.G, c.Value.B)).ToList();
            shared = colors.Where((c, i) => rgb.IndexOf(rgb[i]) < i && !(c.Value.R == 0 && c.Value.G == 0 && c.Value.B == 0)).Select(c => c.Key).ToList();
            return MaskBoxes.Find(mask, rgb, tolerance)
                .Where(b => b.Pixels >= minPixels)
                .Select(b => new UnrealCvBoundingBox(session, colors[b.Index].Key, colors[b.Index].Value, b, camera, frame, mask.Width, mask.Height))
                .ToList();
        }
    }
}
