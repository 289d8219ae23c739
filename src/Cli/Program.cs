// The autoencoders command: anomaly detectors over CSV files (or ML.NET's binary format), without
// writing C#. Its models are ordinary ML.NET zips that any ML.NET program loads. Exit codes as
// CommandLineRunner says: 0 success, 1 bad input, 2 bad usage.
using System.CommandLine;
using System.Globalization;
using Autoencoders.Cli;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return CommandLineRunner.Run(new RootCommand("Autoencoder anomaly detectors over CSV files.")
{
    TrainCommand.Create(), ScoreCommand.Create(), EvaluateCommand.Create(), ExplainCommand.Create(), ExportCommand.Create(), ReportCommand.Create(),
}, args);
