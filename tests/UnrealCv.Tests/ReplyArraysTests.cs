using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using UnrealCv.Connection;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>
    /// Large reply arrays come back for the next reply once their caller dropped them, never while it holds them.
    /// Forced collections, so these run alone (the allocation collection); the odd length keeps other tests' replies
    /// from taking the arrays these tests watch.
    /// </summary>
    [Collection(nameof(AllocationTests))]
    public class ReplyArraysTests
    {
        private const int Length = ReplyArrays.MinRecycledBytes + 7;

        private static ScriptedServer Server(int replies) => new ScriptedServer(s =>
        {
            s.Welcome();
            for (int i = 1; i <= replies; i++)
            {
                var (id, _) = s.Receive();
                s.SendRaw(Frame.Encode(Encoding.ASCII.GetBytes(id + ":").Concat(Enumerable.Repeat((byte)i, Length)).ToArray()));
            }
        });

        private static byte[] Fetch(UnrealCvConnection connection) =>
            connection.Send("vget /camera/0/lit bmp").Wait(EngineTests.Short, CancellationToken.None).Bytes!;

        // The array is only ever referenced inside these helpers, so that no temporary of the test method keeps it
        // alive; a long weak reference still sees an array its watcher brought back.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference FetchAndDrop(UnrealCvConnection connection, byte expected)
        {
            byte[] bytes = Fetch(connection);
            Assert.All(bytes, b => Assert.Equal(expected, b));
            return new WeakReference(bytes, trackResurrection: true);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool SameArray(WeakReference a, WeakReference b) => a.Target != null && ReferenceEquals(a.Target, b.Target);

        private static void CollectDropped()
        {
            for (int i = 0; i < 2; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        [Fact]
        public void A_dropped_reply_array_carries_the_next_reply_of_its_length_again_and_again()
        {
            using ScriptedServer server = Server(3);
            using UnrealCvConnection connection = EngineTests.Open(server);
            WeakReference first = FetchAndDrop(connection, 1);
            CollectDropped();
            WeakReference second = FetchAndDrop(connection, 2);
            Assert.True(SameArray(first, second), "the second reply should land in the array of the first, which was dropped");
            CollectDropped();
            WeakReference third = FetchAndDrop(connection, 3); // the watcher was armed again when the array went out again
            Assert.True(SameArray(second, third), "the third reply should land in that array again");
        }

        [Fact]
        public void A_reply_array_still_held_is_never_reused()
        {
            using ScriptedServer server = Server(2);
            using UnrealCvConnection connection = EngineTests.Open(server);
            byte[] held = Fetch(connection);
            CollectDropped();
            byte[] next = Fetch(connection);
            Assert.NotSame(held, next);
            Assert.All(held, b => Assert.Equal(1, b));
            Assert.All(next, b => Assert.Equal(2, b));
            GC.KeepAlive(held);
        }
    }
}
