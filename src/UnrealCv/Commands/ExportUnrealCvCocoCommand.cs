using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Text;
using UnrealCv.Common;
using UnrealCv.Model;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Writes the boxes of capture sets as one COCO-style JSON file: an image per set (its saved lit file, else its
    /// first saved image), an annotation per object seen in its mask, a category per object name (or per -Category).
    /// Sets must have been saved with Get-UnrealCvCapture -OutFile, since COCO names the images by file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "UnrealCvCoco", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportUnrealCvCocoCommand : UnrealCvAnnotationCmdlet
    {
        private readonly CocoDocument _document = new CocoDocument();
        private string _path = "";

        /// <summary>The JSON file to write. Relative paths start at the current location; missing folders are created.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Capture sets from Get-UnrealCvCapture -OutFile, with an object_mask mode.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public UnrealCvCapture[] Capture { get; set; } = { };

        /// <summary>Object name to category name, e.g. @{ RedBox = 'box'; BlueBox = 'box' }; objects not in it are their own category.</summary>
        [Parameter]
        public Hashtable? Category { get; set; }


        /// <summary>Overwrites the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvCapture capture in Capture)
            {
                FileInfo? image = capture.FileOf("lit") ?? capture.FileOf("object_mask") ?? capture.FileOf("normal");
                if (image == null)
                {
                    WriteError(NewError(
                        $"The capture set {capture} was not saved, and a COCO file names its images by file. Capture with Get-UnrealCvCapture -OutFile 'cam{{Camera}}_{{Frame:0000}}_{{Mode}}.{{Format}}'.",
                        "UnrealCvCaptureNotSaved", ErrorCategory.InvalidArgument, capture));
                    continue;
                }
                if (capture.ObjectMask == null)
                {
                    WriteError(MaskAnnotator.NoMask(capture));
                    continue;
                }
                int id = _document.AddImage(RelativeName(image.FullName), capture);
                Annotator.Annotate(capture, boxes => _document.AddBoxes(id, boxes));
            }
        }

        protected override void EndProcessing()
        {
            base.EndProcessing(); // every colour batch answered, every box found
            if (!ShouldProcess(_path, $"Write {_document.ImageCount} images and {_document.BoxCount} boxes as COCO JSON")) return;
            if (File.Exists(_path) && !Force)
            {
                WriteError(NewError($"'{_path}' exists, and Export-UnrealCvCoco does not overwrite files. Add -Force to overwrite it, or give another -Path.",
                    "UnrealCvOutFileExists", ErrorCategory.ResourceExists, _path));
                return;
            }
            try
            {
                string? folder = System.IO.Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                File.WriteAllText(_path, _document.ToJson(CategoryOf), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                WriteError(NewError($"Could not write '{_path}': {e.Message}", "UnrealCvOutFileFailed", ErrorCategory.WriteError, _path, e));
                return;
            }
            WriteFileItem(_path);
        }

        private string CategoryOf(string name)
        {
            if (Category == null) return name;
            foreach (DictionaryEntry entry in Category)
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return entry.Value?.ToString() ?? name;
            return name;
        }

        /// <summary>An image's name relative to the JSON file's folder when it is inside it (as COCO tools expect), else its full path.</summary>
        private string RelativeName(string file)
        {
            string folder = (System.IO.Path.GetDirectoryName(_path) ?? "").TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            bool inside = file.StartsWith(folder, FileNames.Comparison);
            return (inside ? file.Substring(folder.Length) : file).Replace('\\', '/');
        }
    }
}
