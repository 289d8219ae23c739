using System.Runtime.InteropServices;

namespace Autoencoders.Tests;

/// <summary>
/// glibc's heap statistics (<c>mallinfo2</c>), for the child processes that watch native memory:
/// <see cref="InUse"/> is the memory malloc has handed out from its heaps and not had back,
/// <see cref="Mapped"/> that in blocks mapped on their own.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct GlibcHeapStatistics
{
    private readonly nuint _arena, _ordblks, _smblks, _hblks, _hblkhd, _usmblks, _fsmblks, _uordblks, _fordblks, _keepcost;

    /// <summary>Bytes handed out from the heaps.</summary>
    public long InUse => (long)_uordblks;

    /// <summary>Bytes in blocks mapped on their own.</summary>
    public long Mapped => (long)_hblkhd;

    /// <summary>The process's statistics now.</summary>
    public static GlibcHeapStatistics Now() => mallinfo2();

    [DllImport("libc")]
    private static extern GlibcHeapStatistics mallinfo2();
}
