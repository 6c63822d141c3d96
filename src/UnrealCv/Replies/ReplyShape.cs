using System;

namespace UnrealCv.Replies
{
    /// <summary>What a command's reply looks like, decided from the command alone, never guessed from the bytes.</summary>
    internal static class ReplyShape
    {
        /// <summary>
        /// True for <c>vget …</c> commands whose last token is a binary format (<c>png</c>, <c>bmp</c>, <c>npy</c>):
        /// the plugin then answers raw bytes. A file name (<c>shot.png</c>) answers the path as text.
        /// </summary>
        public static bool ExpectsBinary(string command) => BinaryFormat(command) != null;

        /// <summary>
        /// The binary format a command asks for (<c>png</c>, <c>bmp</c> or <c>npy</c>, lower-cased), or null when its
        /// reply is text. Case is ignored: the plugin compares the token as an FString, case-insensitively, so
        /// <c>PNG</c> also answers bytes; and should a binary refuse it, its <c>error …</c> reply is still read as text.
        /// </summary>
        public static string? BinaryFormat(string command)
        {
            if (!command.StartsWith("vget ", StringComparison.OrdinalIgnoreCase)) return null;
            string trimmed = command.TrimEnd(' ');
            int space = trimmed.LastIndexOf(' ');
            if (space < 0) return null;
            string format = trimmed.Substring(space + 1).ToLowerInvariant();
            return format == "png" || format == "bmp" || format == "npy" ? format : null;
        }

        /// <summary>
        /// True when the reply is an image (<c>png</c>, <c>bmp</c>) or an array (<c>npy</c>) in raw bytes, i.e. data that
        /// belongs in a file (<c>-OutFile</c>) rather than on screen. Every plugin command that answers bytes answers one
        /// of these. A command that names a file (<c>vget /camera/0/lit shot.png</c>) is false: the binary writes the file
        /// itself and answers its name.
        /// </summary>
        public static bool IsImageOrArray(string command) => BinaryFormat(command) != null;

        /// <summary>True when the reply is an array (<c>npy</c>, e.g. <c>vget /camera/0/depth npy</c>) rather than an image.</summary>
        public static bool IsArray(string command) => BinaryFormat(command) == "npy";
    }
}
