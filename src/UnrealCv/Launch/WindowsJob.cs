using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UnrealCv.Launch
{
    /// <summary>
    /// Windows only, and written without a Windows machine to test on: one job object per PowerShell process with
    /// JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE. Binaries are assigned to it right after they start (what they start from
    /// then on joins the job too); its only handle is held until the process ends, so when PowerShell dies in any way
    /// the handle closes and Windows ends every process in the job. Callers check the OS first.
    /// </summary>
    internal static class WindowsJob
    {
        private const int JobObjectExtendedLimitInformation = 9;
        private const uint JobObjectLimitKillOnJobClose = 0x2000;
        private static readonly object s_lock = new object();
        private static IntPtr s_job; // never closed: closing it is what kills the binaries

        /// <summary>Puts the process into PowerShell's job; a failure leaves it guarded by the exit handlers only.</summary>
        public static void Assign(Process process)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            lock (s_lock)
            {
                if (s_job == IntPtr.Zero) s_job = Create();
                if (s_job == IntPtr.Zero) return;
                try { AssignProcessToJobObject(s_job, process.Handle); }
                catch (InvalidOperationException) { } // it has already exited
            }
        }

        private static IntPtr Create()
        {
            IntPtr job = CreateJobObjectW(IntPtr.Zero, null);
            if (job == IntPtr.Zero) return IntPtr.Zero;
            var limits = new ExtendedLimitInformation { BasicLimitInformation = new BasicLimitInformation { LimitFlags = JobObjectLimitKillOnJobClose } };
            int size = Marshal.SizeOf(typeof(ExtendedLimitInformation));
            IntPtr buffer = Marshal.AllocHGlobal(size);
            try
            {
                Marshal.StructureToPtr(limits, buffer, false);
                if (SetInformationJobObject(job, JobObjectExtendedLimitInformation, buffer, (uint)size)) return job;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
            CloseHandle(job);
            return IntPtr.Zero;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct BasicLimitInformation
        {
            public long PerProcessUserTimeLimit;
            public long PerJobUserTimeLimit;
            public uint LimitFlags;
            public UIntPtr MinimumWorkingSetSize;
            public UIntPtr MaximumWorkingSetSize;
            public uint ActiveProcessLimit;
            public UIntPtr Affinity;
            public uint PriorityClass;
            public uint SchedulingClass;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct IoCounters
        {
            public ulong ReadOperationCount;
            public ulong WriteOperationCount;
            public ulong OtherOperationCount;
            public ulong ReadTransferCount;
            public ulong WriteTransferCount;
            public ulong OtherTransferCount;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct ExtendedLimitInformation
        {
            public BasicLimitInformation BasicLimitInformation;
            public IoCounters IoInfo;
            public UIntPtr ProcessMemoryLimit;
            public UIntPtr JobMemoryLimit;
            public UIntPtr PeakProcessMemoryUsed;
            public UIntPtr PeakJobMemoryUsed;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr CreateJobObjectW(IntPtr attributes, string? name);

        [DllImport("kernel32", SetLastError = true)]
        private static extern bool SetInformationJobObject(IntPtr job, int infoClass, IntPtr info, uint length);

        [DllImport("kernel32", SetLastError = true)]
        private static extern bool AssignProcessToJobObject(IntPtr job, IntPtr process);

        [DllImport("kernel32", SetLastError = true)]
        private static extern bool CloseHandle(IntPtr handle);
    }
}
