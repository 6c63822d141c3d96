using System;

namespace UnrealCv.Simulator.Host
{
    /// <summary>The text of --help: how the program, standing in for a binary, reads its command line.</summary>
    internal static class Usage
    {
        public static bool IsHelpSwitch(string arg) =>
            string.Equals(arg, "--help", StringComparison.OrdinalIgnoreCase) || arg == "-h" || arg == "-?";

        public const string Text =
@"UnrealCvSimulator: a stand-in for an Unreal Engine 4.27 game binary with the UnrealCV plugin 4.27-stable.
It reads its command line and unrealcv.ini as such a binary does, then serves the UnrealCV protocol
until SIGTERM or Ctrl+C.

Usage: UnrealCvSimulator [binary arguments...] [-SimName=value...]
       UnrealCvSimulator --help | -h | -?

HOW A BINARY READS ITS COMMAND LINE
  It does not split it into switches. It joins its arguments with spaces, and the plugin looks each name
  up anywhere in that line, ignoring case, at the first place where the character before the name is not
  a letter or digit, and reads the value from the very next character (FParse::Value, FParse::Bool).

  -cvport N                  TCP port (unrealcv.ini Port=, default 9000)
  -UnrealCVPort N            TCP port again; read after -cvport, so it wins
  -UnrealCVWidth N           camera width (Width=, default 640; 0 makes the camera use 640)
  -UnrealCVHeight N          camera height (Height=, default 480; 0 makes the camera use 480)
  -UnrealCVFOV X             field of view in degrees (FOV=, default 90; 0 makes the camera use 90)
  -UnrealCVEnableInput B     game input on or off (EnableInput=, default True)
  -UnrealCVExitOnFailure B   exit when the port cannot be bound (default False)

  N and X are read with C's atoi and atof from the character right after the name, skipping spaces:
    -cvport 9000, -cvport9000   port 9000
    -cvport=9000                port 0, because '=' is not a digit. The system then picks a free port,
                                but status, the Unix socket (/tmp/unrealcv_0.socket) and the log all say 0.
    -UnrealCVWidth=320          width 0, which the camera takes as 640
    -UnrealCVPort 9001          port 9001; ""cvport"" is not found inside it (a letter comes before it)
  B is the text after the name up to the next space (leading spaces skipped): True, Yes, On are true;
  False, No, Off are false; anything else is true when it reads as a non-zero number. So
  -UnrealCVEnableInput false and -UnrealCVEnableInputOff are false, -UnrealCVEnableInput=true reads
  ""=true"" and is false too, and a bare -UnrealCVEnableInput followed by another switch is false.
  A port outside 0-65535 binds its low 16 bits (the endpoint holds a uint16) and is reported as given.
  A port that cannot be bound is logged (""Cannot start listening on port N, Port might be in use"") and
  the game keeps running without a server, unless -UnrealCVExitOnFailure reads true.
  Also as a binary: -nowrite, or -Multiprocess without -MultiprocessSaveConfig, keep unrealcv.ini from
  being written; ""cookcommandlet"" or ""run=cook"" anywhere keep the plugin from starting at all; -cvls
  (a folder to list assets of) makes the game exit once it is up.

UNREALCV.INI
  In the folder of the executable run (a hard link in another folder reads the ini of that folder), section
  [UnrealCV.Core]: Port, Width, Height, FOV, EnableInput, EnableRightEye. At every start the plugin reads
  it and writes those values back before it reads the command line: a missing file is created with the
  defaults, a missing key is added, a value written differently (FOV=90 becomes FOV=90.000000) is
  rewritten, in the full layout. The command line never changes the file.

SIMULATOR SWITCHES (this program's own, not a binary's; taken out before the plugin reads the line)
  -SimProfile=Linux|Windows    whose plugin behaviour to copy (default: this machine's). Linux serves
                               only the Unix socket once the first TCP client has left.
  -SimFrameTimeMs=N            milliseconds per game tick; requests run on a tick (default 33, 0 = at once)
  -SimProjectName=Name         the project in the welcome and in vget /scene/name (default UnrealCvSimulator)
  -SimLevels=Arena,Forest      the game's maps besides its default SimulatorMap, for vset /action/game/level;
                               any other name lands in the default map, as a game that cannot load it
  -SimSocketDirectory=Folder   where unrealcv_<port>.socket is made (default /tmp)
  -SimConfigDir=Folder         stands in for the binary's folder: where unrealcv.ini is read and written
  -SimOutputDirectory=Folder   where captures with a relative file name are written
  Any other argument (a map, -RenderOffScreen, -opengl) is the binary's: ignored unless the plugin finds
  one of its names in it. A -Sim…=value that is not listed here is refused.

EXAMPLES
  UnrealCvSimulator -cvport 9001 -UnrealCVWidth 320 -UnrealCVHeight 240
  UnrealCvSimulator /Game/Maps/Demo -UnrealCVPort9002 -RenderOffScreen -SimProfile=Windows -SimFrameTimeMs=0
  UnrealCvSimulator -SimConfigDir=/tmp/game     (reads and writes /tmp/game/unrealcv.ini)

OUTPUT AND EXIT CODES
  The plugin's log lines, e.g. ""LogUnrealCV: Warning: Start listening on 9001"".
  0  stopped by SIGTERM or Ctrl+C (or asked to exit: -cvls, or a failed start with -UnrealCVExitOnFailure)
  2  a simulator switch that is unknown or has a bad value
  3  a camera size or field of view that no camera sensor can take (a binary fails making its render target)
";
    }
}
