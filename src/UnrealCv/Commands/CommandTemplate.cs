using System;
using System.Management.Automation;
using System.Text;
using UnrealCv.Common;

namespace UnrealCv.Commands
{
    /// <summary>
    /// A command with placeholders filled from each piped object: <c>{0}</c> is the object itself, <c>{Name}</c>
    /// its property. <c>{{</c> and <c>}}</c> stand for literal braces.
    /// </summary>
    internal static class CommandTemplate
    {
        /// <summary>Fills the template; throws ArgumentException naming a property the object lacks.</summary>
        public static string Format(string template, object input)
        {
            var text = new StringBuilder(template.Length + 16);
            var item = PSObject.AsPSObject(input);
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }
                if (c != '{')
                {
                    text.Append(c);
                    continue;
                }
                int close = template.IndexOf('}', i + 1);
                if (close < 0) throw new ArgumentException($"the template '{template}' has a '{{' without its '}}'. Write {{{{ for a literal brace.");
                string name = template.Substring(i + 1, close - i - 1);
                text.Append(CommandText.Of(name == "0" ? item.BaseObject : Property(item, name, template)));
                i = close;
            }
            return text.ToString();
        }

        private static object? Property(PSObject item, string name, string template)
        {
            PSPropertyInfo? property = item.Properties[name];
            if (property == null)
                throw new ArgumentException($"the piped {item.BaseObject.GetType().Name} '{item}' has no property '{name}' for the template '{template}'. Use {{0}} for the object itself.");
            return property.Value is PSObject wrapped ? wrapped.BaseObject : property.Value;
        }
    }
}
