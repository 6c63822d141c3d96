using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace UnrealCv.Benchmarks
{
    /// <summary>
    /// The bench's rows, printed as they are measured and again at the end as one Markdown table. A row with a target
    /// passes or fails; a baseline row (the raw client, the statement floor) is what the targets are computed from.
    /// </summary>
    internal sealed class Report
    {
        private readonly List<(string Section, string Name, string Value, string Target, bool? Pass)> _rows = new();
        private string _section = "";

        public void Section(string name)
        {
            _section = name;
            Console.WriteLine();
            Console.WriteLine($"## {name}");
        }

        public void Baseline(string name, string value) => Add(name, value, "baseline", null);

        public void Info(string name, string value) => Add(name, value, "", null);

        public void Check(string name, string value, string target, bool pass) => Add(name, value, target, pass);

        private void Add(string name, string value, string target, bool? pass)
        {
            _rows.Add((_section, name, value, target, pass));
            Console.WriteLine($"  {name}: {value}" + (target.Length > 0 ? $"  [{target}]" : "") + (pass is bool p ? (p ? "  pass" : "  FAIL") : ""));
        }

        public int Failed => _rows.Count(r => r.Pass == false);

        public string Markdown()
        {
            var table = new StringBuilder();
            table.AppendLine("| server | call shape | value | target | result |").AppendLine("|---|---|---:|---|---|");
            foreach (var (section, name, value, target, pass) in _rows)
                table.AppendLine($"| {Cell(section)} | {Cell(name)} | {Cell(value)} | {Cell(target)} | {(pass is bool p ? (p ? "pass" : "**fail**") : "")} |");
            return table.ToString();
        }

        private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

        public string Summary()
        {
            int passed = _rows.Count(r => r.Pass == true);
            return $"{passed} of {passed + Failed} targets met, {Failed} missed";
        }

        public static string Us(double seconds) => (seconds * 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " µs";
        public static string Ms(double seconds) => (seconds * 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        public static string Rate(double secondsPerRequest) =>
            (1 / secondsPerRequest).ToString("#,0", CultureInfo.InvariantCulture) + "/s (" + Us(secondsPerRequest) + ")";
        public static string Times(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    }
}
