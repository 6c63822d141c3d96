using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using UnrealCv.Pictures;
using UnrealCv.Replies;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Shows a capture in the terminal for a quick look: each character is one column and two pixel rows, drawn as
    /// '▀' in 24-bit ANSI colours, or as plain text (a brightness ramp) where the output is redirected, the host has no
    /// virtual terminal, or $PSStyle.OutputRendering is PlainText. Writes the lines as strings, like Show-Markdown.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "UnrealCvImage", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(string))]
    public sealed class ShowUnrealCvImageCommand : UnrealCvCmdlet
    {
        private const string ObjectSet = "InputObject";
        private const string PathSet = "Path";
        private static readonly byte[] NpyMagic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

        private bool _ansi;

        /// <summary>A capture: an UnrealCvImage, an UnrealCvDepthArray, a response holding one, or a saved file (FileInfo).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public object? InputObject { get; set; }

        /// <summary>Image files (png, bmp, …) or npy arrays to show; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Columns to draw (one pixel each); default the image's width, at most the terminal's width.</summary>
        [Parameter]
        [ValidateRange(1, 4096)]
        public int Width { get; set; }

        /// <summary>How to draw depth arrays, as Get-UnrealCvImage -ColorMap: Gray (default) or Viridis.</summary>
        [Parameter]
        [ValidateSet(ColorMaps.Gray, ColorMaps.Viridis)]
        public string ColorMap { get; set; } = ColorMaps.Gray;

        /// <summary>For depth arrays, the depth (cm) drawn in the map's first colour; default the smallest finite depth.</summary>
        [Parameter]
        public double Near { get; set; }

        /// <summary>For depth arrays, the depth (cm) drawn in the map's last colour; default the largest finite depth.</summary>
        [Parameter]
        public double Far { get; set; }

        /// <summary>
        /// Host (default): ANSI colours when the host supports virtual terminal sequences, the output is not redirected
        /// and $PSStyle.OutputRendering is not PlainText; plain text otherwise. Ansi or PlainText force one.
        /// </summary>
        [Parameter]
        [ValidateSet("Host", "Ansi", "PlainText")]
        public string OutputRendering { get; set; } = "Host";

        protected override void BeginProcessing()
        {
            _ansi = OutputRendering.ToLowerInvariant() switch
            {
                "ansi" => true,
                "plaintext" => false,
                _ => HostShowsColour(),
            };
        }

        private bool HostShowsColour()
        {
            if (Console.IsOutputRedirected) return false;
            try
            {
                if (!Host.UI.SupportsVirtualTerminal) return false;
            }
            catch (NotImplementedException)
            {
                return false;
            }
            object? style = SessionState.PSVariable.GetValue("PSStyle");
            object? rendering = style == null ? null : PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value;
            return !string.Equals(rendering?.ToString(), "PlainText", StringComparison.OrdinalIgnoreCase);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet)
            {
                foreach (string pattern in Path!)
                {
                    Collection<string> files;
                    try
                    {
                        files = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out _);
                    }
                    catch (Exception e) when (e is ItemNotFoundException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is NotSupportedException)
                    {
                        WriteError(NewError(e.Message, "UnrealCvImageNotFound", ErrorCategory.ObjectNotFound, pattern, e));
                        continue;
                    }
                    foreach (string file in files) Show(() => FromFile(file), file);
                }
                return;
            }
            object? input = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
            Show(() => RasterOf(input), input);
        }

        private void Show(Func<Raster> read, object? target)
        {
            Raster raster;
            try
            {
                raster = read();
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(NewError(e.Message, "UnrealCvNotAnImage", ErrorCategory.InvalidData, target, e));
                return;
            }
            int columns = MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? Width : Math.Min(raster.Width, TerminalColumns());
            foreach (string line in TerminalPicture.Render(raster, columns, _ansi)) WriteObject(line);
        }

        private double? Bound(string parameter, double value) => MyInvocation.BoundParameters.ContainsKey(parameter) ? value : (double?)null;

        private int TerminalColumns()
        {
            try
            {
                int width = Host.UI.RawUI.WindowSize.Width;
                return width > 0 ? width : 80;
            }
            catch (Exception e) when (e is NotImplementedException || e is NotSupportedException || e is IOException || e is InvalidOperationException || e is System.Management.Automation.Host.HostException)
            {
                return 80;
            }
        }

        private Raster RasterOf(object? input)
        {
            switch (input)
            {
                case UnrealCvImage image: return Raster.From(image);
                case UnrealCvDepthArray depth: return DepthPicture.Map(depth, Bound(nameof(Near), Near), Bound(nameof(Far), Far), ColorMap);
                case UnrealCvResponse response when response.Value is UnrealCvImage || response.Value is UnrealCvDepthArray: return RasterOf(response.Value);
                case FileInfo file: return FromFile(file.FullName);
                default:
                    throw new ArgumentException(
                        $"'{input}' is not a capture. Pipe in what Get-UnrealCvImage writes (an image, a depth array, or a saved file), or give files with -Path.");
            }
        }

        /// <summary>An npy array (by its magic) mapped to colours, or an image file decoded.</summary>
        private Raster FromFile(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            bool npy = bytes.Length >= NpyMagic.Length;
            for (int i = 0; npy && i < NpyMagic.Length; i++) npy = bytes[i] == NpyMagic[i];
            return npy ? DepthPicture.Map(UnrealCvDepthArray.FromReply(path, bytes), Bound(nameof(Near), Near), Bound(nameof(Far), Far), ColorMap) : Raster.Decode(bytes, "'" + path + "'");
        }
    }
}
