using System;
using System.Linq;
using System.Text;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>
    /// Tests that read the process-wide allocation counter. Any test running beside them would add its own
    /// allocations to the count, so xunit runs this collection alone, after the parallel ones.
    /// </summary>
    [CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
    public sealed class AllocationCollection { }

    [Collection(nameof(AllocationTests))]
    public class AllocationTests
    {
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_frame_that_announces_far_more_than_it_sends_costs_memory_only_for_what_arrives(bool binary)
        {
            const int announced = 512 * 1024 * 1024;
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var (id, _) = s.Receive();
                byte[] start = Encoding.ASCII.GetBytes(id + ":" + new string('x', 18));
                var header = new byte[Frame.HeaderSize];
                Frame.WriteHeader(header, 0, announced);
                s.SendRaw(header.Concat(start).ToArray()); // a 28-byte frame start, then nothing more
                Thread.Sleep(300);
                s.Close();
            });
            using UnrealCvConnection connection = EngineTests.Open(server, maxFrameBytes: 1L << 30);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            RequestHandle request = connection.Send(binary ? "vget /camera/0/lit bmp" : "vget /objects");
            var broken = Assert.Throws<ClientException>(() => request.Wait(EngineTests.Short, CancellationToken.None));
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.Contains("middle of a frame", broken.Message);
            Assert.InRange(allocated, 0, 40L * 1024 * 1024);
        }
    }
}
