namespace Autoencoders.Tests;

/// <summary>samples/AnomalyDetection runs its modes and finds the anomalies.</summary>
public sealed class AnomalySampleTests
{
    private static (int Exit, string Output, string Error) Run(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [SamplePrograms.Path("AnomalyDetection"), .. arguments], TimeSpan.FromMinutes(5));

    [Fact]
    public void TheOneClassProtocolFindsTheOtherClassesInQuickMode()
    {
        var (exit, output, error) = Run("--quick", "--class", "1", "--quiet");
        Assert.True(exit == 0, output + error);
        Assert.True(SamplePrograms.Metric(output, "class 1 AUROC") > 0.95, output);
        Assert.Contains("mean AUROC", output);
    }

    [Fact]
    public void TheCsvModeFindsTheShippedTablesFaultsAndNamesTheirSensors()
    {
        var (exit, output, error) = Run("--csv", Path.Combine(Path.GetDirectoryName(SamplePrograms.Path("AnomalyDetection"))!, "..", "..", "..", "data", "machine-sensors.csv"),
            "--label-column", "faulty");
        Assert.True(exit == 0, output + error);
        Assert.Contains("features (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw", output);
        Assert.Contains("row names: machine", output);
        Assert.True(SamplePrograms.Metric(output, "AUROC") > 0.9, output);
        Assert.Equal(10, output.Split('\n').Count(line => line.StartsWith("  row ", StringComparison.Ordinal) && line.Contains("anomaly:", StringComparison.Ordinal)));
    }

    [Fact]
    public void BadUsageExitsWith2AndAMissingLabelColumnWith1()
    {
        Assert.Equal(2, Run("--class", "12").Exit);
        Assert.Equal(2, Run("--csv", "table.csv").Exit);
        var csv = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(csv, ["a,b", "1,2"]);
            var (exit, _, error) = Run("--csv", csv, "--label-column", "faulty");
            Assert.Equal(1, exit);
            Assert.Contains("has no column 'faulty'", error);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
