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
        /// Runs for every request sent, so it allocates nothing.
        /// </summary>
        public static string? BinaryFormat(string command)
        {
            if (!command.StartsWith("vget ", StringComparison.OrdinalIgnoreCase)) return null;
            int end = command.Length;
            while (end > 0 && command[end - 1] == ' ') end--;
            int start = command.LastIndexOf(' ', Math.Max(0, end - 1)) + 1;
            if (end - start != 3) return null;
            foreach (string format in Formats)
                if (string.Compare(command, start, format, 0, 3, StringComparison.OrdinalIgnoreCase) == 0) return format;
            return null;
        }

        private static readonly string[] Formats = { "png", "bmp", "npy" };
    }
}
