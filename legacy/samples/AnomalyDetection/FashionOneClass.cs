using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Visualization;

/// <summary>The Fashion-MNIST one-class protocol.</summary>
internal static class FashionOneClass
{
    public static void Run(IReadOnlyList<int> classes, bool quick, EpochProgressDisplay display, string pictures)
    {
        var ml = new MLContext(seed: 1);
        var dir = FashionMnist.Directory;
        var train = ml.Data.LoadFromIdxFiles($"{dir}/train-images-idx3-ubyte.gz", $"{dir}/train-labels-idx1-ubyte.gz");
        var test = ml.Data.LoadFromIdxFiles($"{dir}/t10k-images-idx3-ubyte.gz", $"{dir}/t10k-labels-idx1-ubyte.gz");
        var aurocs = new List<double>();
        foreach (var normalClass in classes)
        {
            var normalImages = ml.Data.FilterRowsByColumn(train, "Label", lowerBound: normalClass, upperBound: normalClass + 1);
            if (quick)
            {
                normalImages = ml.Data.TakeRows(normalImages, 1500);
            }

            // Rotation-restoring training: each image is turned by a random multiple of 90 degrees and
            // the model learns to give it back upright, so it has to learn what upright items of this
            // class look like; other classes are restored (and reconstructed) worse.
            var options = new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 16, HiddenWidths = [512, 128], Noise = NoiseKind.Rotation, ImageShape = FashionMnist.Shape,
                Epochs = quick ? 5 : 100, BatchSize = 32, FalsePositiveRate = 0.05f, ValidationFraction = 0.1f, EarlyStoppingPatience = 0,
                Score = AnomalyScore.SmoothedReconstructionError,
            };
            using var model = display.Run($"class {normalClass}", (progress, batches) =>
            {
                (options.Progress, options.BatchProgress) = (progress, batches);
                return ml.Transforms.CustomMapping<LabelRow, Truth>((row, truth) => truth.IsAnomaly = row.Label != normalClass)
                    .Append(ml.AnomalyDetection.Trainers.Autoencoder(options))
                    .Fit(normalImages);
            });
            var scored = model.Transform(test);
            var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "IsAnomaly");
            Console.WriteLine($"class {normalClass} AUROC {metrics.AreaUnderRocCurve:F4}");
            aurocs.Add(metrics.AreaUnderRocCurve);
            DrawPictures(ml, model.LastTransformer, scored, test, normalClass, pictures);
        }

        Console.WriteLine($"mean AUROC {aurocs.Average():F4}");
    }

    private static void DrawPictures(MLContext ml, AnomalyPredictionTransformer detector, IDataView scored, IDataView test, int normalClass, string pictures)
    {
        var prefix = Path.Combine(pictures, $"class-{normalClass}");
        var rows = ml.Data.CreateEnumerable<ScoredImage>(scored, reuseRowObject: false).ToList();
        Charts.SaveRocCurve($"{prefix}-roc.svg", rows.Select(r => r.IsAnomaly).ToArray(), rows.Select(r => r.Score).ToArray(),
            $"{FashionMnist.ClassNames[normalClass]} as normal");
        if (detector.TrainingHistory.Count > 0)
        {
            Charts.SaveLossCurve($"{prefix}-loss.svg", detector.TrainingHistory, $"Autoencoder for {FashionMnist.ClassNames[normalClass]}");
        }

        // Ten normal and ten anomalous test images above their reconstructions, then the same images
        // turned a quarter above what the model restores from them.
        var picked = rows.Where(r => !r.IsAnomaly).Take(10).Concat(rows.Where(r => r.IsAnomaly).Take(10)).ToList();
        var originals = FeatureMatrix.FromRows(picked.Select(r => r.Features).ToList());
        var turned = ImageRotation.QuarterTurns(originals, FashionMnist.Shape, 1);
        Pictures.SaveImageGrid($"{prefix}-reconstructions.png",
            [originals, detector.Model.Reconstruct(originals), turned, detector.Model.Reconstruct(turned)], FashionMnist.Shape);

        var sample = rows.Take(2000).ToList();
        Charts.SaveScatter($"{prefix}-codes.svg", detector.Model.Encode(FeatureMatrix.FromRows(sample.Select(r => r.Features).ToList())),
            sample.Select(r => r.Label).ToArray(), $"Codes of test images (model of {FashionMnist.ClassNames[normalClass]})");
    }

    private sealed class LabelRow
    {
        public int Label { get; set; }
    }

    private sealed class Truth
    {
        public bool IsAnomaly { get; set; }
    }

    private sealed class ScoredImage
    {
        [VectorType(FashionMnist.ImageSize)]
        public float[] Features { get; set; } = [];

        public int Label { get; set; }

        public bool IsAnomaly { get; set; }

        public float Score { get; set; }
    }
}
