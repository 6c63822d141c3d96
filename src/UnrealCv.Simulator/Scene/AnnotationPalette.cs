using System;
using System.Collections.Generic;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>
    /// The plugin's FColorGenerator (ObjectAnnotator.cpp): colour i of a fixed map of 32^3 colours, built shell by
    /// shell so that the first ones differ most. Index 0 is black, then blue, green, cyan, red, magenta, yellow, white…
    /// </summary>
    internal static class AnnotationPalette
    {
        private const int PerChannel = 32;
        private static readonly Lazy<Color[]> s_map = new Lazy<Color[]>(BuildMap);

        public static int Count => PerChannel * PerChannel * PerChannel;

        public static Color At(int index) => s_map.Value[index];

        private static Color[] BuildMap()
        {
            int[] channel = ChannelValues();
            var map = new List<Color>(Count);
            for (int max = 0; max < PerChannel; max++)
            {
                AddShell(map, channel, max, false, false, true);
                AddShell(map, channel, max, false, true, false);
                AddShell(map, channel, max, false, true, true);
                AddShell(map, channel, max, true, false, false);
                AddShell(map, channel, max, true, false, true);
                AddShell(map, channel, max, true, true, false);
                AddShell(map, channel, max, true, true, true);
            }
            return map.ToArray();
        }

        /// <summary>GetColors: the channels marked fixed take value <paramref name="max"/>, the others run below it.</summary>
        private static void AddShell(List<Color> map, int[] channel, int max, bool fixR, bool fixG, bool fixB)
        {
            for (int i = 0; i <= (fixR ? 0 : max - 1); i++)
                for (int j = 0; j <= (fixG ? 0 : max - 1); j++)
                    for (int k = 0; k <= (fixB ? 0 : max - 1); k++)
                        map.Add(new Color((byte)channel[fixR ? max : i], (byte)channel[fixG ? max : j], (byte)channel[fixB ? max : k]));
        }

        /// <summary>GetChannelValue's table: 0, 255, 127, 63, 191, 31, 95, … (binary subdivision of 0..255).</summary>
        private static int[] ChannelValues()
        {
            var values = new List<int> { 0 };
            for (float step = 256; step >= 1; step /= 2)
                for (uint value = (uint)(step - 1); value <= 256; value += (uint)(step * 2))
                    values.Add((int)value);
            return values.ToArray();
        }
    }
}
