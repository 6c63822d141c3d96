using System;
using System.Collections.Generic;
using System.Text;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// One [section] of an ini file as GConfig keeps it: keys in file order, names compared without case,
    /// a key given twice kept twice (the last one is the one read and set).
    /// </summary>
    internal sealed class IniSection
    {
        public IniSection(string name) => Name = name;

        public string Name { get; }

        public List<KeyValuePair<string, string>> Entries { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The value of the last entry named <paramref name="key"/>, or null.</summary>
        public string? Get(string key)
        {
            int index = LastIndexOf(key);
            return index < 0 ? null : Entries[index].Value;
        }

        /// <summary>GConfig's SetString: adds a missing key, replaces a different value; true when either changed the file.</summary>
        public bool Set(string key, string value)
        {
            int index = LastIndexOf(key);
            if (index < 0)
            {
                Entries.Add(new KeyValuePair<string, string>(key, value));
                return true;
            }
            if (string.Equals(Entries[index].Value, value, StringComparison.Ordinal)) return false;
            Entries[index] = new KeyValuePair<string, string>(Entries[index].Key, value);
            return true;
        }

        private int LastIndexOf(string key)
        {
            for (int i = Entries.Count - 1; i >= 0; i--)
                if (string.Equals(Entries[i].Key, key, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }

        /// <summary>
        /// Splits ini text into sections: "[Name]" lines open a section (one seen twice is the same section),
        /// "Key=Value" lines inside one are entries with the white space around key and value dropped and a quoted
        /// value unquoted; comments (';') and anything else are left out, as GConfig drops them.
        /// </summary>
        public static List<IniSection> ParseAll(string text)
        {
            var sections = new List<IniSection>();
            IniSection? current = null;
            foreach (string rawLine in text.Split('\n', '\r'))
            {
                string line = rawLine.Trim();
                if (line.Length == 0 || line[0] == ';') continue;
                if (line[0] == '[' && line[line.Length - 1] == ']')
                {
                    string name = line.Substring(1, line.Length - 2);
                    current = sections.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (current == null) sections.Add(current = new IniSection(name));
                    continue;
                }
                int eq = line.IndexOf('=');
                if (current == null || eq <= 0) continue;
                string key = line.Substring(0, eq).TrimEnd();
                string value = line.Substring(eq + 1).TrimStart();
                current.Entries.Add(new KeyValuePair<string, string>(key, Unquote(value)));
            }
            return sections;
        }

        /// <summary>FParse::QuotedString for a value that starts with a double quote: escapes resolved, up to the closing quote.</summary>
        private static string Unquote(string value)
        {
            if (value.Length == 0 || value[0] != '"') return value;
            var result = new StringBuilder();
            for (int i = 1; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"') return result.ToString();
                if (c != '\\' || i + 1 >= value.Length) { result.Append(c); continue; }
                char next = value[++i];
                switch (next)
                {
                    case '\\': case '"': case '\'': result.Append(next); break;
                    case 'n': result.Append('\n'); break;
                    case 'r': result.Append('\r'); break;
                    case 't': result.Append('\t'); break;
                    default: result.Append('\\').Append(next); break;
                }
            }
            return value; // no closing quote: QuotedString fails and the text is kept as it is
        }
    }
}
