using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using UnrealCv.Simulator.Commands;
using UnrealCv.Simulator.Engine;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// unrealcv.ini as the plugin's FServerConfig and the engine's GConfig handle it (ServerConfig.cpp):
    /// Load() reads Port, Width, Height, FOV, EnableInput and EnableRightEye from <c>[UnrealCV.Core]</c> with
    /// FCString::Atoi / Atof / ToBool, a missing key keeping its default; Save() sets all six back, and the file
    /// is rewritten whole when one was missing or its text differs from what GConfig writes for it.
    /// </summary>
    internal sealed class UnrealCvIni
    {
        public const string FileName = "unrealcv.ini";
        public const string Section = "UnrealCV.Core";

        private readonly List<IniSection> _sections;

        private UnrealCvIni(List<IniSection> sections, SimulatorProfile profile)
        {
            _sections = sections;
            IniSection? core = Find(Section);
            string? text;
            if ((text = core?.Get("Port")) != null) Port = EngineText.Atoi(text, profile);
            if ((text = core?.Get("Width")) != null) Width = EngineText.Atoi(text, profile);
            if ((text = core?.Get("Height")) != null) Height = EngineText.Atoi(text, profile);
            if ((text = core?.Get("FOV")) != null) Fov = EngineText.Atof(text);
            if ((text = core?.Get("EnableInput")) != null) EnableInput = EngineText.ToBool(text, profile);
            if ((text = core?.Get("EnableRightEye")) != null) EnableRightEye = EngineText.ToBool(text, profile);
        }

        /// <summary>The values Load() leaves in FServerConfig; these are also what Save() writes back.</summary>
        public int Port { get; } = 9000;
        public int Width { get; } = 640;
        public int Height { get; } = 480;
        public float Fov { get; } = 90;
        public bool EnableInput { get; } = true;
        public bool EnableRightEye { get; }

        /// <summary>True once <see cref="StoreValues"/> changed or added a key: GConfig's dirty flag, so the file is written.</summary>
        public bool IsDirty { get; private set; }

        /// <summary>Reads ini text (sections and keys kept in order, other sections too).</summary>
        public static UnrealCvIni Parse(string text, SimulatorProfile profile = SimulatorProfile.Linux) => new UnrealCvIni(IniSection.ParseAll(text), profile);

        /// <summary>Reads the file; one that is missing or cannot be read is an empty file to GConfig.</summary>
        public static UnrealCvIni Read(string path, SimulatorProfile profile)
        {
            string text = "";
            try
            {
                if (File.Exists(path))
                {
                    using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                    text = reader.ReadToEnd();
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
            return Parse(text, profile);
        }

        /// <summary>FServerConfig::Save: SetInt / SetFloat / SetBool of the six values into [UnrealCV.Core].</summary>
        public void StoreValues()
        {
            IniSection core = Find(Section) ?? Add(Section);
            Set(core, "Port", Port.ToString(CultureInfo.InvariantCulture));
            Set(core, "Width", Width.ToString(CultureInfo.InvariantCulture));
            Set(core, "Height", Height.ToString(CultureInfo.InvariantCulture));
            Set(core, "FOV", FormatF(Fov));
            Set(core, "EnableInput", EnableInput ? "True" : "False");
            Set(core, "EnableRightEye", EnableRightEye ? "True" : "False");
        }

        private void Set(IniSection section, string key, string value)
        {
            if (section.Set(key, value)) IsDirty = true;
        }

        /// <summary>printf %f as the engine formats a float for the ini.</summary>
        internal static string FormatF(float value)
        {
            if (float.IsNaN(value)) return BitConverter.DoubleToInt64Bits(value) < 0 ? "-nan" : "nan";
            if (float.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
            return PluginText.F(value);
        }

        /// <summary>
        /// The text GConfig writes: each section with a key as "[Name]", its "Key=Value" lines and a blank line,
        /// with the platform's line terminator (\r\n on Windows).
        /// </summary>
        public string ToText(string newline = "\n")
        {
            var text = new StringBuilder();
            foreach (IniSection section in _sections)
            {
                if (section.Entries.Count == 0) continue;
                text.Append('[').Append(section.Name).Append(']').Append(newline);
                var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in section.Entries)
                {
                    if (!written.Add(entry.Key)) continue;
                    // A key given more than once is written with all its values together, where it first appeared.
                    foreach (var same in section.Entries.Where(e => string.Equals(e.Key, entry.Key, StringComparison.OrdinalIgnoreCase)))
                        text.Append(same.Key).Append('=').Append(Quoted(same.Value)).Append(newline);
                }
                text.Append(newline);
            }
            if (text.Length == 0) text.Append(newline);
            return text.ToString();
        }

        private static string Quoted(string value) =>
            value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]))
                ? "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
                : value;

        /// <summary>
        /// Writes the file as FFileHelper::SaveStringToFile does: plain bytes when every character is ASCII,
        /// otherwise UTF-16 with a byte order mark.
        /// </summary>
        public void Write(string path, string newline)
        {
            string text = ToText(newline);
            string? folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            bool ascii = text.All(c => c <= 0x7f);
            File.WriteAllText(path, text, ascii ? (Encoding)new UTF8Encoding(false) : new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
            IsDirty = false;
        }

        private IniSection? Find(string name) => _sections.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

        private IniSection Add(string name)
        {
            var section = new IniSection(name);
            _sections.Add(section);
            return section;
        }
    }
}
