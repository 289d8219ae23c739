using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// One fitted chain scores alike from many threads; disposing a model while other threads score
/// with it ends their scoring with <see cref="ObjectDisposedException"/> or lets it finish, never
/// with a crash or a hang (the race runs in a child process, so a crash fails this test rather than the run).
/// </summary>
public class ConcurrencyTests
{
    private const int Threads = 8;

    [Fact]
    public void EightThreadsScoringOneChainGiveTheSameBitsAsOne()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(300, 20, seed: 4));
        var model = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 3, epochs: 3))
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(featureColumnName: "Features"))
            .Fit(data);
        var rows = ml.Data.CreateEnumerable<TabularRows>(data, reuseRowObject: false).ToArray();
        // A cursor maps batches and an engine single rows, which round differently: each is held to itself on one thread.
        var alone = Engine(ml, model, rows);
        var aloneByCursor = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).ToArray();

        var byEngines = new Scored[Threads][];
        var byCursors = new Scored[Threads][];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            byEngines[thread] = Engine(ml, model, rows);
            byCursors[thread] = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).ToArray();
        });

        for (var thread = 0; thread < Threads; thread++)
        {
            Assert.Equal(alone, byEngines[thread]);
            Assert.Equal(aloneByCursor, byCursors[thread]);
        }
    }

    [Fact]
    public void DisposingADetectorWhileThreadsScoreWithItNeverCrashesOrHangs()
    {
        var (exit, output, error) = ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "dispose-race", "100"], TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, $"the race exited with {exit}:\n{output}\n{error}");
        Assert.Contains("races 100", output);
    }

    /// <summary>
    /// The child's side: <paramref name="races"/> times, a freshly fitted detector scores on
    /// <see cref="Threads"/> threads (a PredictionEngine each, and a Transform cursor) while the
    /// main thread disposes it; a thread may only finish or meet ObjectDisposedException.
    /// </summary>
    public static int DisposeRace(int races)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(200, 0, seed: 5));
        var rows = ml.Data.CreateEnumerable<TabularRows>(data, reuseRowObject: false).ToArray();
        var random = new Random(1);
        var outcomes = new int[2];
        for (var race = 0; race < races; race++)
        {
            var detector = ml.AnomalyDetection.Trainers.Autoencoder(new Transforms.AutoencoderAnomalyDetectionOptions { FeatureColumnName = "Features", Epochs = 1 }).Fit(data);
            using var start = new Barrier(Threads + 1);
            var scorers = Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                try
                {
                    if (thread % 2 == 0)
                    {
                        var engine = ml.Model.CreatePredictionEngine<TabularRows, DetectorScore>(detector);
                        for (var i = 0; i < 2_000; i++)
                        {
                            engine.Predict(rows[i % rows.Length]);
                        }
                    }
                    else
                    {
                        for (var pass = 0; pass < 20; pass++)
                        {
                            ml.Data.CreateEnumerable<DetectorScore>(detector.Transform(data), reuseRowObject: true).Sum(s => (double)s.Score);
                        }
                    }

                    return 0;
                }
                catch (ObjectDisposedException)
                {
                    return 1;
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            start.SignalAndWait();
            Thread.Sleep(random.Next(0, 5));
            detector.Dispose();
            if (!Task.WaitAll(scorers, TimeSpan.FromSeconds(60)))
            {
                Console.Error.WriteLine($"race {race}: a scoring thread did not end within 60 s of the dispose");
                return 1;
            }

            foreach (var scorer in scorers)
            {
                outcomes[scorer.Result]++;
            }
        }

        Console.WriteLine($"races {races}: {outcomes[0]} scoring threads finished, {outcomes[1]} met ObjectDisposedException");
        return 0;
    }

    private static Scored[] Engine(MLContext ml, ITransformer model, TabularRows[] rows)
    {
        var engine = ml.Model.CreatePredictionEngine<TabularRows, Scored>(model);
        return rows.Select(row => engine.Predict(row)).ToArray();
    }

    private sealed record Scored
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }

        [VectorType(3)]
        public float[] Code { get; set; } = [];

        public bool Equals(Scored? other) => other is not null && Score == other.Score && PredictedLabel == other.PredictedLabel && Code.SequenceEqual(other.Code);

        public override int GetHashCode() => HashCode.Combine(Score, PredictedLabel);
    }

    private sealed class DetectorScore
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
