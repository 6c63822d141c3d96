using UnrealCv.Requests;

namespace UnrealCv.Model
{
    /// <summary>What the scene cmdlets give their <see cref="SceneReader"/>: a request host that also asks before it changes anything (-WhatIf, -Confirm).</summary>
    internal interface ISceneHost : IRequestHost
    {
        bool ShouldProcess(string target, string action);
    }
}
