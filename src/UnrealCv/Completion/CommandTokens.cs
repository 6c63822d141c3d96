using System.Collections.Generic;
using System.Globalization;

namespace UnrealCv.Completion
{
    /// <summary>
    /// One piece of a command or template, up to and including the '/' or ' ' that ends it: "vget /camera/[uint]/lit [str]"
    /// is "vget ", "/", "camera/", "[uint]/", "lit ", "[str]". Completion goes one piece at a time.
    /// </summary>
    internal readonly struct CommandToken
    {
        public CommandToken(string text, char end)
        {
            Text = text;
            End = end;
        }

        /// <summary>The text without its end.</summary>
        public string Text { get; }

        /// <summary>'/' or ' ', or '\0' for the last piece of a template.</summary>
        public char End { get; }

        public bool IsPlaceholder => Text.Length > 2 && Text[0] == '[' && Text[Text.Length - 1] == ']';

        /// <summary>The text as typed in a command, end included.</summary>
        public string Typed => End == '\0' ? Text : Text + End;

        /// <summary>Whether a typed piece fits this template piece: the same literal, or a value of the placeholder's kind.</summary>
        public bool Accepts(CommandToken typed)
        {
            if (typed.End != End) return false;
            if (!IsPlaceholder) return typed.Text == Text;
            switch (Text)
            {
                case "[uint]": return uint.TryParse(typed.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                case "[float]": return double.TryParse(typed.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                default: return typed.Text.Length > 0;
            }
        }

        /// <summary>The pieces of a template or command; a command's text after its last end is returned in <paramref name="rest"/>.</summary>
        public static List<CommandToken> Split(string text, out string rest)
        {
            var tokens = new List<CommandToken>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '/' && text[i] != ' ') continue;
                tokens.Add(new CommandToken(text.Substring(start, i - start), text[i]));
                start = i + 1;
            }
            rest = text.Substring(start);
            return tokens;
        }

        /// <summary>The pieces of a template, its last piece (which has no end) included.</summary>
        public static List<CommandToken> SplitTemplate(string template)
        {
            List<CommandToken> tokens = Split(template, out string rest);
            if (rest.Length > 0) tokens.Add(new CommandToken(rest, '\0'));
            return tokens;
        }
    }
}
