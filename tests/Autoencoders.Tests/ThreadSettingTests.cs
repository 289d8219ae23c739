using System.Diagnostics;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>TorchSharp loads in a fresh process (through the build's load fix), with its thread count from the environment.</summary>
public class ThreadSettingTests
{
    [Theory]
    [InlineData(null, null, -1)]
    [InlineData("1", null, 1)]
    [InlineData("1,1", null, 1)]
    [InlineData("1", "2", 2)]
    [InlineData("not a count", null, -1)]
    public void OpenMpsCountIsHonouredWhereTheLibrarysOwnVariableIsNotSet(string? openMp, string? library, int expected)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "threads"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment.Remove("OMP_NUM_THREADS");
        start.Environment.Remove(TorchRuntime.ThreadsVariable);
        if (openMp is not null) start.Environment["OMP_NUM_THREADS"] = openMp;
        if (library is not null) start.Environment[TorchRuntime.ThreadsVariable] = library;

        var (exit, output, error) = ExternalCommand.Finish(Process.Start(start)!, TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, error);
        Assert.StartsWith($"threads {(expected < 0 ? Environment.ProcessorCount : expected)}, torch 2.10", output);
        Assert.EndsWith("trained\n", output);
    }
}
