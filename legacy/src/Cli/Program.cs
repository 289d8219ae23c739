// The autoencoders command: anomaly detectors over CSV (or binary) files, without writing C#. Exit codes as
// CommandLineRunner says: 0 success, 1 bad input, 2 bad usage.
using System.CommandLine;
using System.Globalization;
using Autoencoders.Cli;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return CommandLineRunner.Run(new RootCommand("Autoencoder anomaly detectors over CSV files.")
{
    TrainCommand.Create(), ScoreCommand.Create(), EvaluateCommand.Create(), ExplainCommand.Create(), ReportCommand.Create(), ExportCommand.Create(),
}, args);
