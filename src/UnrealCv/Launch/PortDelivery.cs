namespace UnrealCv.Launch
{
    /// <summary>How Start-UnrealCvBinary hands each binary its port and image size.</summary>
    public enum PortDelivery
    {
        /// <summary>An instance folder where one can be made; else the command line, with a warning.</summary>
        Auto,

        /// <summary>A folder beside the binary's with a hard link to it and the instance's own unrealcv.ini.</summary>
        InstanceFolder,

        /// <summary>The command line (-cvport9001 -UnrealCVPort9001 …); every instance reads and rewrites the game's one unrealcv.ini.</summary>
        Arguments,
    }
}
