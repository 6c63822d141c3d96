using System;
using System.Text.RegularExpressions;

namespace UnrealCv.Replies
{
    /// <summary>How a reply's body comes: text, or the raw bytes of a format.</summary>
    internal enum ReplyBody : byte
    {
        Text,
        Png,
        Bmp,
        Npy,
    }

    /// <summary>Which typed value a reply parses into; <see cref="Raw"/> keeps the text or bytes as they are.</summary>
    internal enum ReplyValue : byte
    {
        Raw,
        Status,
        Names,
        Bool,
        Vector,
        Rotator,
        Bounds,
        Color,
        Number,
        Size,
        Image,
        DepthArray,
    }

    /// <summary>
    /// What a command's reply looks like, decided once from the command when it is sent and carried with the
    /// request: the connection reads the body by it and the parser picks the typed value by it. Never guessed from
    /// the bytes, except the plugin's own fall-back to text (<see cref="IsTextFallback"/>).
    /// Commands are recognised as the plugin's dispatcher matches them (object names <c>[^ ]*</c>, camera ids
    /// <c>\d*</c>, trailing spaces allowed), but anchored at the start: the plugin searches its patterns anywhere in
    /// the command, so <c>vrun vget /objects</c> is a vrun, and only the whole route table could tell which handler
    /// a prefixed command reaches. Such commands keep their text rather than risk a wrong value.
    /// </summary>
    internal readonly struct ReplyShape
    {
        public ReplyShape(ReplyBody body, ReplyValue value)
        {
            Body = body;
            Value = value;
        }

        public ReplyBody Body { get; }
        public ReplyValue Value { get; }

        /// <summary>The plugin answers raw bytes for this command (unless it fails, see <see cref="IsTextFallback"/>).</summary>
        public bool IsBinary => Body != ReplyBody.Text;

        /// <summary><c>png</c>, <c>bmp</c> or <c>npy</c>; null for text.</summary>
        public string? Format => Body switch
        {
            ReplyBody.Png => "png",
            ReplyBody.Bmp => "bmp",
            ReplyBody.Npy => "npy",
            _ => null,
        };

        /// <summary>A text reply with no typed value, for commands this module does not know.</summary>
        public static ReplyShape Text => default;

        /// <summary>
        /// True when a binary command's body is text after all. FExecStatus::GetData (ExecStatus.cpp) sends the bytes
        /// when there are any, else the message: <c>error …</c> when the command failed, <c>ok</c> when it succeeded with
        /// no bytes (an empty capture). No PNG, BMP or NPY starts with either.
        /// </summary>
        public static bool IsTextFallback(byte[] body) =>
            (body.Length == 2 && body[0] == 'o' && body[1] == 'k') || ErrorReply.Is(body);

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        private static readonly Regex Status = new Regex(@"^vget /unrealcv/status[ ]*$", Options);
        private static readonly Regex Objects = new Regex(@"^vget /objects[ ]*$", Options);
        private static readonly Regex Cameras = new Regex(@"^vget /cameras[ ]*$", Options);
        private static readonly Regex ObjectProperty = new Regex(@"^vget /object/[^ ]*/(?:location|rotation|scale|bounds|color)[ ]*$", Options);
        private static readonly Regex CameraProperty = new Regex(@"^vget /camera/\d*/(?:location|rotation|fov|size)[ ]*$", Options);
        private static readonly Regex IsPaused = new Regex(@"^vget /action/game/is_paused[ ]*$", Options);
        // optical_flow is a colour image too (5.2@996bcda).
        private static readonly Regex CameraImage = new Regex(@"^vget /camera/\d*/(?:lit|normal|object_mask|seg|optical_flow) (?:png|bmp)[ ]*$", Options | RegexOptions.IgnoreCase);
        private static readonly Regex Screenshot = new Regex(@"^vget /screenshot (?:png|bmp)[ ]*$", Options | RegexOptions.IgnoreCase);

        /// <summary>
        /// The shape of a command's reply. Runs once for every request sent, so it allocates nothing: the patterns
        /// are only tested (no Match objects), and the property is read from the last path segment in place.
        /// </summary>
        public static ReplyShape Of(string command)
        {
            ReplyBody body = BodyOf(command);
            if (body != ReplyBody.Text)
            {
                if (body == ReplyBody.Npy) return new ReplyShape(body, ReplyValue.DepthArray);
                bool image = CameraImage.IsMatch(command) || Screenshot.IsMatch(command);
                return new ReplyShape(body, image ? ReplyValue.Image : ReplyValue.Raw);
            }
            if (!command.StartsWith("vget /", StringComparison.Ordinal)) return Text;
            if (Status.IsMatch(command)) return Typed(ReplyValue.Status);
            if (Objects.IsMatch(command) || Cameras.IsMatch(command)) return Typed(ReplyValue.Names);
            if (IsPaused.IsMatch(command)) return Typed(ReplyValue.Bool);
            if (ObjectProperty.IsMatch(command) || CameraProperty.IsMatch(command)) return Typed(PropertyValue(command));
            return Text;
        }

        private static ReplyShape Typed(ReplyValue value) => new ReplyShape(ReplyBody.Text, value);

        /// <summary>The value of <c>…/location</c>, <c>…/rotation</c> and so on, from the command's last segment.</summary>
        private static ReplyValue PropertyValue(string command)
        {
            int end = command.Length;
            while (end > 0 && command[end - 1] == ' ') end--;
            int start = command.LastIndexOf('/', end - 1) + 1;
            bool Is(string name) => end - start == name.Length && string.CompareOrdinal(command, start, name, 0, name.Length) == 0;
            if (Is("location") || Is("scale")) return ReplyValue.Vector;
            if (Is("rotation")) return ReplyValue.Rotator;
            if (Is("bounds")) return ReplyValue.Bounds;
            if (Is("color")) return ReplyValue.Color;
            if (Is("fov")) return ReplyValue.Number;
            return ReplyValue.Size;
        }

        /// <summary>
        /// The body a command is answered with: raw bytes for <c>vget …</c> commands whose last token is <c>png</c>, <c>bmp</c>
        /// or <c>npy</c>, text otherwise (a file name such as <c>shot.png</c> answers the path as text). Case is ignored:
        /// the plugin compares the token as an FString, case-insensitively, so <c>PNG</c> also answers bytes; and should
        /// a binary refuse it, its <c>error …</c> reply is still read as text.
        /// </summary>
        private static ReplyBody BodyOf(string command)
        {
            if (!command.StartsWith("vget ", StringComparison.OrdinalIgnoreCase)) return ReplyBody.Text;
            int end = command.Length;
            while (end > 0 && command[end - 1] == ' ') end--;
            int start = command.LastIndexOf(' ', Math.Max(0, end - 1)) + 1;
            if (end - start != 3) return ReplyBody.Text;
            if (string.Compare(command, start, "png", 0, 3, StringComparison.OrdinalIgnoreCase) == 0) return ReplyBody.Png;
            if (string.Compare(command, start, "bmp", 0, 3, StringComparison.OrdinalIgnoreCase) == 0) return ReplyBody.Bmp;
            if (string.Compare(command, start, "npy", 0, 3, StringComparison.OrdinalIgnoreCase) == 0) return ReplyBody.Npy;
            return ReplyBody.Text;
        }
    }
}
