using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>
    /// <c>vget /unrealcv/status</c>: whether the plugin listens, whether a client is connected, the port, and
    /// the settings it read from <c>unrealcv.ini</c>. Parsed from the 4.27-stable layout (every line ends with a
    /// newline, FOV printed with <c>%f</c>) and the 5.2 HEAD layout (FOV with <c>%.1f</c>, no final newline).
    /// </summary>
    public sealed class UnrealCvStatus
    {
        internal UnrealCvStatus(bool isListening, bool clientConnected, int port, int configPort, string configFile,
            int width, int height, double fov, bool enableInput, bool enableRightEye)
        {
            IsListening = isListening;
            ClientConnected = clientConnected;
            Port = port;
            ConfigPort = configPort;
            ConfigFile = configFile;
            Width = width;
            Height = height;
            Fov = fov;
            EnableInput = enableInput;
            EnableRightEye = enableRightEye;
        }

        /// <summary>Line 1: <c>Is Listening</c> (true) or <c>Not Listening</c>.</summary>
        public bool IsListening { get; }

        /// <summary>Line 2: <c>Client Connected</c> (true) or <c>No Client Connected</c>.</summary>
        public bool ClientConnected { get; }

        /// <summary>Line 3: the port the server listens on.</summary>
        public int Port { get; }

        /// <summary>The <c>Port:</c> setting of the configuration (normally equal to <see cref="Port"/>).</summary>
        public int ConfigPort { get; }

        /// <summary>The <c>Config file:</c> path, as the binary prints it.</summary>
        public string ConfigFile { get; }

        /// <summary>The configured capture width (<c>Width:</c>).</summary>
        public int Width { get; }

        /// <summary>The configured capture height (<c>Height:</c>).</summary>
        public int Height { get; }

        /// <summary>The configured horizontal field of view in degrees (<c>FOV:</c>).</summary>
        public double Fov { get; }

        public bool EnableInput { get; }
        public bool EnableRightEye { get; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0} on port {1}, {2}, {3}x{4}, FOV {5:0.###}, config {6}",
            IsListening ? "Listening" : "Not listening", Port, ClientConnected ? "client connected" : "no client connected",
            Width, Height, Fov, ConfigFile);
    }
}
