using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using UnrealCv.Replies;

namespace UnrealCv.Model
{
    /// <summary>
    /// Lets a parameter of a three-number type (vector, rotator, colour) take the typed value itself, three numbers
    /// (<c>-Location 100,-50,20</c>), a hashtable by component name (<c>@{X=100;Y=-50;Z=20}</c>, keys case-insensitive),
    /// any object with those properties, or the plugin's text form (<c>'100 -50 20'</c>). The subclasses only say
    /// which type, which component names and how to build the value.
    /// </summary>
    internal abstract class TripleTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _target;
        private readonly string[] _names;
        private readonly string _example;

        /// <param name="target">The parameter's type; a value of this type passes unchanged.</param>
        /// <param name="example">Three sample numbers, for error messages.</param>
        /// <param name="names">The three component names (hashtable keys and property names).</param>
        protected TripleTransformationAttribute(Type target, string example, params string[] names)
        {
            _target = target;
            _example = example;
            _names = names;
        }

        /// <summary>Builds the value from three numbers already known to be finite; throws ArgumentException when they do not fit.</summary>
        protected abstract object Create(double first, double second, double third);

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? input = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (input == null || _target.IsInstanceOfType(input)) return input!;
            double[] numbers = input switch
            {
                string text => FromText(text),
                IDictionary table => FromTable(table),
                IEnumerable list => FromList(list),
                _ => FromProperties(PSObject.AsPSObject(inputData)),
            };
            try
            {
                return Create(numbers[0], numbers[1], numbers[2]);
            }
            catch (ArgumentException e)
            {
                throw Fail(e.Message);
            }
        }

        private string Forms =>
            $"a {_target.Name}, three numbers ({_example.Replace(' ', ',')}), or a hashtable @{{{string.Join(";", _names.Zip(_example.Split(' '), (n, v) => n + "=" + v))}}}";

        private ArgumentTransformationMetadataException Fail(string reason) =>
            new ArgumentTransformationMetadataException($"{reason} Give {Forms}.");

        private double[] FromText(string text)
        {
            string[] tokens = text.Split(new[] { ' ', ',', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != 3) throw Fail($"'{text}' is not three numbers.");
            return tokens.Select(t => Number(t, t)).ToArray();
        }

        private double[] FromList(IEnumerable list)
        {
            object?[] items = list.Cast<object?>().ToArray();
            if (items.Length != 3) throw Fail($"Got {items.Length} value{(items.Length == 1 ? "" : "s")}, not three.");
            return items.Select((item, i) => Number(item, _names[i])).ToArray();
        }

        private double[] FromTable(IDictionary table)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table) values[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = entry.Value;
            string[] unknown = values.Keys.Where(k => !_names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (unknown.Length > 0) throw Fail($"Unknown key{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown)}: the keys are {string.Join(", ", _names)}.");
            string[] missing = _names.Where(n => !values.ContainsKey(n)).ToArray();
            if (missing.Length > 0) throw Fail($"Missing key{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)}.");
            return _names.Select(n => Number(values[n], n)).ToArray();
        }

        private double[] FromProperties(PSObject value)
        {
            PSPropertyInfo?[] properties = _names.Select(n => value.Properties[n]).ToArray();
            if (properties.Any(p => p == null)) throw Fail($"A {value.BaseObject.GetType().Name} has no {string.Join(", ", _names)} properties.");
            return properties.Select((p, i) => Number(p!.Value, _names[i])).ToArray();
        }

        private double Number(object? value, string what)
        {
            double number;
            try
            {
                number = LanguagePrimitives.ConvertTo<double>(value is string s ? s.Trim() : value);
            }
            catch (PSInvalidCastException)
            {
                throw Fail($"{what} = '{value}' is not a number.");
            }
            if (double.IsNaN(number) || double.IsInfinity(number)) throw Fail($"{what} = {value} is not a finite number.");
            return number;
        }
    }

    /// <summary>A location or scale: an <see cref="UnrealCvVector"/>, <c>100,-50,20</c> or <c>@{X=100;Y=-50;Z=20}</c>.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class VectorTransformationAttribute : TripleTransformationAttribute
    {
        public VectorTransformationAttribute() : base(typeof(UnrealCvVector), "100 -50 20", "X", "Y", "Z") { }

        protected override object Create(double first, double second, double third) => new UnrealCvVector(first, second, third);
    }

    /// <summary>A rotation in degrees: an <see cref="UnrealCvRotator"/>, <c>-90,0,0</c> or <c>@{Pitch=-90;Yaw=0;Roll=0}</c>.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class RotatorTransformationAttribute : TripleTransformationAttribute
    {
        public RotatorTransformationAttribute() : base(typeof(UnrealCvRotator), "-90 0 0", "Pitch", "Yaw", "Roll") { }

        protected override object Create(double first, double second, double third) => new UnrealCvRotator(first, second, third);
    }

    /// <summary>A labelling colour: an <see cref="UnrealCvColor"/>, <c>255,128,0</c> or <c>@{R=255;G=128;B=0}</c>, integers 0-255.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ColorTransformationAttribute : TripleTransformationAttribute
    {
        public ColorTransformationAttribute() : base(typeof(UnrealCvColor), "255 128 0", "R", "G", "B") { }

        protected override object Create(double first, double second, double third) => new UnrealCvColor(Byte(first, "R"), Byte(second, "G"), Byte(third, "B"));

        private static byte Byte(double value, string what) =>
            value >= 0 && value <= 255 && Math.Floor(value) == value
                ? (byte)value
                : throw new ArgumentException($"{what} = {value.ToString(CultureInfo.InvariantCulture)} is not an integer from 0 to 255.");
    }
}
