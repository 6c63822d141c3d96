using System;
using System.Globalization;

namespace UnrealCv.Common
{
    /// <summary>
    /// How the module writes values into UnrealCV commands: culture-invariant, never with an exponent (the plugin's
    /// float pattern <c>[-+]?\d*[.]?\d+</c> does not match <c>1E-05</c>, which would give "Can not find a handler").
    /// </summary>
    internal static class CommandText
    {
        /// <summary>A number as the plugin's argument patterns accept it.</summary>
        public static string Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "UnrealCV commands take finite numbers only.");
            // A custom pattern never switches to exponent notation; 15 places keep doubles exact enough for cm and degrees.
            string text = value.ToString("0.###############", CultureInfo.InvariantCulture);
            return text == "-0" ? "0" : text;
        }

        /// <summary>Any value as command text: numbers invariant and without exponent, vectors as "x y z", the rest as its string.</summary>
        public static string Of(object? value)
        {
            switch (value)
            {
                case null: return "";
                case ICommandArgument argument: return argument.ToCommandText();
                case double d: return Number(d);
                case float f: return Number(f);
                case decimal m: return m.ToString(CultureInfo.InvariantCulture);
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? "";
            }
        }
    }

    /// <summary>A value that knows how it is written inside an UnrealCV command (a vector as "x y z").</summary>
    internal interface ICommandArgument
    {
        string ToCommandText();
    }
}
