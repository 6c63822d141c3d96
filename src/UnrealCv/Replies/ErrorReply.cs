using System;

namespace UnrealCv.Replies
{
    /// <summary>
    /// The one definition of an error reply. The plugin formats a failed command as <c>"%s %s"</c> of <c>error</c>
    /// and its message (FExecStatus::GetData, ExecStatus.cpp), so an error reply is always <c>error</c>, one space,
    /// then the message, which may be empty. A reply that is just <c>error</c> is a command's own text (an echo),
    /// not a failure.
    /// </summary>
    internal static class ErrorReply
    {
        public const string Prefix = "error ";

        public static bool Is(string? text) => text != null && text.StartsWith(Prefix, StringComparison.Ordinal);

        /// <summary>The same rule on a reply still in bytes (a binary command answered with text).</summary>
        public static bool Is(byte[] body)
        {
            if (body.Length < Prefix.Length) return false;
            for (int i = 0; i < Prefix.Length; i++)
                if (body[i] != Prefix[i]) return false;
            return true;
        }

        /// <summary>The message after <c>error </c>; null when the text is no error reply.</summary>
        public static string? MessageOf(string? text) => Is(text) ? text!.Substring(Prefix.Length) : null;
    }
}
