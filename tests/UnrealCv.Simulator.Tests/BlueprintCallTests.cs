using System;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// <c>vexec</c> is UObject::CallFunctionByNameWithArguments (AliasHandler.cpp): "Fail to execute" only when
    /// no function of that name is found; once found the answer is ok, even when an argument is bad or missing
    /// (a bool that does not parse skips the call; a float parses as atof does, so a word or nothing is 0).
    /// </summary>
    public sealed class BlueprintCallTests : IDisposable
    {
        private readonly SimulatorHarness _harness = new SimulatorHarness();
        private readonly RawClient _client;

        public BlueprintCallTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        private string Speed() => Ask("vbp BP_Agent_C_1 get_speed");

        [Theory]
        [InlineData("set_speed fast", "0.000000")]
        [InlineData("set_speed", "0.000000")]
        [InlineData("set_speed 12abc", "12.000000")]
        [InlineData("set_speed 2.5e2", "250.000000")]
        [InlineData("set_speed \"7\"", "7.000000")]
        [InlineData("set_speed 8 extra tokens", "8.000000")]
        public void Float_arguments_parse_as_Atof_and_the_call_answers_ok(string call, string speed)
        {
            Assert.Equal("ok", Ask("vexec BP_Agent_C_1 " + call));
            Assert.Equal("{\n\t\"Speed\": \"" + speed + "\"\n}", Speed());
        }

        [Theory]
        [InlineData("on")]
        [InlineData("maybe")]
        [InlineData("")]
        public void Bad_bool_argument_answers_ok_but_skips_the_call(string argument)
        {
            Assert.Equal("ok", Ask("vexec RedBox SetActorHiddenInGame " + argument));
            Assert.Equal(((byte)255, (byte)255, (byte)0), RedBoxTopInMask());
        }

        [Theory]
        [InlineData("yes")]
        [InlineData("TRUE")]
        [InlineData("1")]
        public void Good_bool_argument_runs_the_call(string argument)
        {
            Assert.Equal("ok", Ask("vexec RedBox SetActorHiddenInGame " + argument));
            Assert.NotEqual(((byte)255, (byte)255, (byte)0), RedBoxTopInMask());
        }

        [Theory]
        [InlineData("vexec BP_Agent_C_1 fly", "error Fail to execute the function 'fly' of BP_Agent_C_1")]
        [InlineData("vexec BP_Agent_C_1 None", "error Fail to execute the function 'None' of BP_Agent_C_1")]
        [InlineData("vexec BP_Agent_C_1 ", "error Fail to execute the function '' of BP_Agent_C_1")]
        [InlineData("vbp BP_Agent_C_1 ", "error Argument Invalid")]
        public void Only_a_missing_function_fails(string command, string expected) => Assert.Equal(expected, Ask(command));

        [Fact]
        public void Function_name_is_the_first_token_even_after_an_empty_argument()
        {
            Assert.Equal("ok", Ask("vexec BP_Agent_C_1  set_speed 42"));
            Assert.Equal("{\n\t\"Speed\": \"42.000000\"\n}", Speed());
        }

        /// <summary>RedBox's top face seen by camera 1 (where the floor shows once it is hidden).</summary>
        private (byte, byte, byte) RedBoxTopInMask() =>
            CaptureReader.Pixel(CaptureReader.Png(_client.RequestBytes("vget /camera/1/object_mask png")), 251, 194);
    }
}
