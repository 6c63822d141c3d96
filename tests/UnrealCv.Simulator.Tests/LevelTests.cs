using System;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// vset /action/game/level: OpenLevel answers ok whatever the name and only sets the travel URL; the engine loads
    /// the map when it next ticks, and a name the game has no map for lands in its default map.
    /// </summary>
    public sealed class LevelTests : IDisposable
    {
        private readonly SimulatorHarness _harness = new SimulatorHarness(frameTimeMs: 33, configure: o => o.Levels.Add("OtherMap"));
        private readonly RawClient _client;

        public LevelTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        [Fact]
        public void A_map_of_the_game_opens_on_the_next_frame()
        {
            // Both reach the game before its next tick, so both run in it: the name is read before the map loads.
            int[] ids = _client.SendBurst("vset /action/game/level OtherMap", "vget /level/name");
            Assert.Equal("ok", _client.ReadText(ids[0]));
            Assert.Equal("SimulatorMap", _client.ReadText(ids[1]));
            _harness.WaitForNextFrame(_client);
            Assert.Equal("OtherMap", Ask("vget /level/name"));
        }

        [Fact]
        public void Map_names_compare_as_UE_package_names_do()
        {
            Assert.Equal("ok", Ask("vset /action/game/level othermap"));
            _harness.WaitForNextFrame(_client);
            Assert.Equal("OtherMap", Ask("vget /level/name"));
        }

        [Fact]
        public void A_name_the_game_has_no_map_for_lands_in_its_default_map()
        {
            Assert.Equal("Lamp", Ask("vset /objects/spawn PointLight Lamp"));
            Assert.Equal("ok", Ask("vset /action/game/level OtherMap"));
            _harness.WaitForNextFrame(_client);
            Assert.Equal("OtherMap", Ask("vget /level/name"));
            Assert.Equal("ok", Ask("vset /action/game/level NoSuchMap"));
            _harness.WaitForNextFrame(_client);
            Assert.Equal("SimulatorMap", Ask("vget /level/name"));
            Assert.DoesNotContain("Lamp", Ask("vget /objects").Split(' '));
        }
    }
}
