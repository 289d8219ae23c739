using System.Globalization;

namespace Autoencoders.Tests;

/// <summary>
/// The engine against PyTorch (Debian's python3-torch, bench/parity.py) on the dense, convolutional
/// and variational cases, short runs at one thread with the same seed: the final training losses
/// agree within 3% (the bar; in practice to the printed digits, the random streams being the same).
/// </summary>
public sealed class ParityTests
{
    [Fact]
    public void SameSeedLossesMatchPyTorchWithinThreePercent()
    {
        static Dictionary<string, double> Losses(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));

        var (exit, ours, error) = ExternalCommand.Run("dotnet", [SamplePrograms.Path("Parity", "bench"), "1", "quick"], TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, ours + error);
        (exit, var peer, error) = ExternalCommand.Run("/usr/bin/python3", [SamplePrograms.RepositoryFile("bench", "parity.py"), "1", "1", "quick"], TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, "PyTorch's side failed (python3-torch is installed by ./build.sh test): " + peer + error);

        var (ourLosses, peerLosses) = (Losses(ours), Losses(peer));
        Assert.Equal(["convolutional-default", "dense-784-256-32", "variational-784-256-8"], ourLosses.Keys.Order());
        Assert.All(ourLosses, loss => Assert.InRange(loss.Value / peerLosses[loss.Key], 0.97, 1.03));
    }
}
