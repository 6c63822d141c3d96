using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Session;

namespace UnrealCv.Completion
{
    /// <summary>
    /// What completion asks a session (<c>vget /objects</c>, <c>vget /cameras</c>, its help), kept for a few seconds
    /// so repeated Tabs cost nothing. All questions of one Tab are sent together and waited for within one short
    /// timeout; a session that let one time out is not asked again for a while, so a hung binary costs one timeout,
    /// not one per Tab. Completion never fails loudly: an unanswered question has no answer (null).
    /// </summary>
    internal static class SessionAnswers
    {
        internal static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);
        private static readonly ConditionalWeakTable<UnrealCvSession, Store> s_stores = new ConditionalWeakTable<UnrealCvSession, Store>();

        private sealed class Store
        {
            public readonly Dictionary<string, (long Until, string? Text)> Texts = new Dictionary<string, (long, string?)>(StringComparer.Ordinal);
            public long MutedUntil;
        }

        /// <summary>The reply text of one command, or null (no usable session, an error reply, no reply in time).</summary>
        public static string? Ask(UnrealCvSession? session, string command, TimeSpan? keep = null) => Ask(session, new[] { command }, keep)[0];

        /// <summary>The reply texts of these commands, in order; null where there is no answer. Answers are kept for <paramref name="keep"/> (a few seconds by default).</summary>
        public static string?[] Ask(UnrealCvSession? session, string[] commands, TimeSpan? keep = null)
        {
            var texts = new string?[commands.Length];
            if (session == null || session.State != UnrealCvSessionState.Opened) return texts;
            Store store = s_stores.GetValue(session, _ => new Store());
            long now = Stopwatch.GetTimestamp();
            var missing = new List<int>();
            lock (store)
            {
                for (int i = 0; i < commands.Length; i++)
                {
                    if (store.Texts.TryGetValue(commands[i], out var kept) && now < kept.Until) texts[i] = kept.Text;
                    else missing.Add(i);
                }
                if (missing.Count == 0 || now < store.MutedUntil) return texts;
            }
            bool timedOut = AskNow(session, commands, missing, texts);
            lock (store)
            {
                long at = Stopwatch.GetTimestamp();
                if (timedOut) store.MutedUntil = at + Ticks(KeepFor);
                else foreach (int i in missing) store.Texts[commands[i]] = (at + Ticks(keep ?? KeepFor), texts[i]);
            }
            return texts;
        }

        /// <summary>Sends the missing commands at once and waits for each within <see cref="AskTimeout"/> of its sending; true when one timed out.</summary>
        private static bool AskNow(UnrealCvSession session, string[] commands, List<int> missing, string?[] texts)
        {
            var handles = new List<(int Index, RequestHandle Handle)>();
            bool timedOut = false;
            try
            {
                UnrealCvConnection link = session.ConnectionForSend();
                foreach (int i in missing) handles.Add((i, link.Send(commands[i], ReplyShape.Text, AskTimeout, CancellationToken.None)));
            }
            catch (ClientException)
            {
                // A session that cannot send now has no answers; those already sent are still waited for below.
            }
            foreach ((int index, RequestHandle handle) in handles)
            {
                if (timedOut)
                {
                    handle.LetGo(); // its late reply is dropped
                    continue;
                }
                try
                {
                    string text = handle.Wait(AskTimeout, CancellationToken.None).Text ?? "";
                    texts[index] = ErrorReply.Is(text) ? null : text;
                }
                catch (ClientException e)
                {
                    timedOut = e.Fault == ClientFault.Timeout;
                }
            }
            return timedOut;
        }

        private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

        /// <summary>A list reply ("A B C ") as its names.</summary>
        public static string[] Names(string? text) =>
            text == null ? Array.Empty<string>() : text.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
