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
        public static bool ExpectsBinary(string command)
        {
            if (!command.StartsWith("vget ", StringComparison.Ordinal)) return false;
            string trimmed = command.TrimEnd(' ');
            int space = trimmed.LastIndexOf(' ');
            if (space < 0) return false;
            string format = trimmed.Substring(space + 1);
            return format == "png" || format == "bmp" || format == "npy";
        }
    }
}
