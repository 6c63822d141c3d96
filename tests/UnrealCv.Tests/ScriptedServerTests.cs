using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>The scripted server fails the test that used it when its own script breaks or hangs.</summary>
    public class ScriptedServerTests
    {
        [Fact]
        public void A_script_that_throws_fails_the_test_when_the_server_is_disposed()
        {
            var server = new ScriptedServer(s => s.Receive());
            using (var client = new TcpClient("127.0.0.1", server.Port)) { } // leaves without sending a request
            var failure = Assert.Throws<EndOfStreamException>(() => server.Dispose());
            Assert.Equal("client closed", failure.Message);
        }

        [Fact]
        public void A_script_that_does_not_finish_fails_the_test_when_the_server_is_disposed()
        {
            using var release = new ManualResetEventSlim();
            var server = new ScriptedServer(s => release.Wait(TimeSpan.FromSeconds(30)), limit: TimeSpan.FromMilliseconds(200));
            using var client = new TcpClient("127.0.0.1", server.Port);
            var failure = Assert.Throws<TimeoutException>(() => server.Dispose());
            Assert.Equal("the server script did not finish within 0.2 s", failure.Message);
            release.Set();
        }

        [Fact]
        public void A_script_that_finished_disposes_quietly()
        {
            var server = new ScriptedServer(s => s.Welcome());
            using var client = new TcpClient("127.0.0.1", server.Port);
            var reader = new FrameReader(client.GetStream(), 1024);
            var welcome = new byte[reader.ReadHeader()];
            reader.ReadExactly(welcome, 0, welcome.Length);
            Assert.Equal("connected to ScriptedProject", Encoding.ASCII.GetString(welcome));
            server.Dispose();
        }
    }
}
