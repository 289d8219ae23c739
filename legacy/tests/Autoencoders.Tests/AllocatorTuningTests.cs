using System.Diagnostics;

namespace Autoencoders.Tests;

/// <summary>
/// The process-wide allocator settings, each case in a process of its own: applied by the first
/// training and not by loading the engine, left alone when the user says so or set glibc's own variables.
/// </summary>
public class AllocatorTuningTests
{
    private static string[] RunWorker(bool tune, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TrainingWorker.dll"), "--tune-allocator", tune ? "true" : "false"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in new[] { "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void TheFirstTrainingTunesTheAllocatorAndLoadingTheEngineDoesNot()
    {
        var lines = RunWorker(tune: true);
        Assert.EndsWith("tuned False", lines[0]);
        Assert.Equal("trained, tuned True", lines[1]);
    }

    [Fact]
    public void TurningItOffOrSettingGlibcsOwnVariablesLeavesTheAllocatorAlone()
    {
        Assert.Equal("trained, tuned False", RunWorker(tune: false)[1]);
        Assert.Equal("trained, tuned False", RunWorker(tune: true, ("MALLOC_TRIM_THRESHOLD_", "131072"))[1]);
    }
}
