using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace UnrealCv.Model
{
    /// <summary>
    /// A COCO-style detection file (images, annotations with bbox [x, y, width, height] and area, categories) for
    /// capture sets and their boxes. Written by hand: netstandard2.0 has no JSON writer, and one package for a few
    /// dozen lines would be one more copy to clash with PowerShell's own.
    /// </summary>
    internal sealed class CocoDocument
    {
        private readonly List<(int Id, string FileName, UnrealCvCapture Capture)> _images = new List<(int, string, UnrealCvCapture)>();
        private readonly List<(int ImageId, UnrealCvBoundingBox Box)> _boxes = new List<(int, UnrealCvBoundingBox)>();

        public int ImageCount => _images.Count;
        public int BoxCount => _boxes.Count;

        /// <summary>Adds an image; its id (1, 2, …), for the boxes found in it.</summary>
        public int AddImage(string fileName, UnrealCvCapture capture)
        {
            int id = _images.Count + 1;
            _images.Add((id, fileName, capture));
            return id;
        }

        public void AddBoxes(int imageId, IEnumerable<UnrealCvBoundingBox> boxes) => _boxes.AddRange(boxes.Select(b => (imageId, b)));

        /// <summary>The JSON text. Categories are the objects' names, or what <paramref name="categoryOf"/> maps a name to, numbered 1, 2, … as first met.</summary>
        public string ToJson(Func<string, string> categoryOf)
        {
            var categories = new List<string>();
            var json = new StringBuilder();
            json.Append("{\n  \"info\": {\"description\": \"UnrealCv capture sets\", \"date_created\": ")
                .Append(Text(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))).Append("},\n");
            json.Append("  \"images\": [");
            for (int i = 0; i < _images.Count; i++)
            {
                var (id, fileName, c) = _images[i];
                Separate(json, i);
                json.Append("{\"id\": ").Append(Number(id)).Append(", \"file_name\": ").Append(Text(fileName))
                    .Append(", \"width\": ").Append(Number(c.ObjectMask!.Width)).Append(", \"height\": ").Append(Number(c.ObjectMask.Height))
                    .Append(", \"camera\": ").Append(Number(c.Camera)).Append(", \"frame\": ").Append(Number(c.Frame))
                    .Append(", \"session\": ").Append(Text(c.SessionName))
                    .Append(", \"location\": [").Append(Number(c.Location!.X)).Append(", ").Append(Number(c.Location.Y)).Append(", ").Append(Number(c.Location.Z)).Append(']')
                    .Append(", \"rotation\": [").Append(Number(c.Rotation!.Pitch)).Append(", ").Append(Number(c.Rotation.Yaw)).Append(", ").Append(Number(c.Rotation.Roll)).Append("]}");
            }
            json.Append(_images.Count > 0 ? "\n  ],\n" : "],\n");
            json.Append("  \"annotations\": [");
            int annotation = 0;
            foreach (var (imageId, box) in _boxes.OrderBy(b => b.ImageId))
            {
                string category = categoryOf(box.Object);
                int categoryId = categories.IndexOf(category) + 1;
                if (categoryId == 0)
                {
                    categories.Add(category);
                    categoryId = categories.Count;
                }
                Separate(json, annotation++);
                json.Append("{\"id\": ").Append(Number(annotation)).Append(", \"image_id\": ").Append(Number(imageId))
                    .Append(", \"category_id\": ").Append(Number(categoryId))
                    .Append(", \"bbox\": [").Append(Number(box.X)).Append(", ").Append(Number(box.Y)).Append(", ").Append(Number(box.Width)).Append(", ").Append(Number(box.Height)).Append(']')
                    .Append(", \"area\": ").Append(Number(box.Pixels)).Append(", \"iscrowd\": 0, \"object\": ").Append(Text(box.Object)).Append('}');
            }
            json.Append(annotation > 0 ? "\n  ],\n" : "],\n");
            json.Append("  \"categories\": [");
            for (int i = 0; i < categories.Count; i++)
            {
                Separate(json, i);
                json.Append("{\"id\": ").Append(Number(i + 1)).Append(", \"name\": ").Append(Text(categories[i])).Append('}');
            }
            json.Append(categories.Count > 0 ? "\n  ]\n}\n" : "]\n}\n");
            return json.ToString();
        }

        /// <summary>The separator before the i-th element of an array, one element a line.</summary>
        private static void Separate(StringBuilder json, int i) => json.Append(i == 0 ? "\n    " : ",\n    ");

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Text(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ') text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            return text.Append('"').ToString();
        }
    }
}
