using System.Globalization;
using System.Text.Json.Nodes;
using Autoencoders.Trainers.XGBoost;
using static Autoencoders.Onnx.OnnxAttributes;

namespace Autoencoders.Onnx;

/// <summary>
/// A booster's trees as one <c>ai.onnx.ml</c> TreeEnsembleRegressor producing its margins: each
/// split sends a value below its threshold to the left child (XGBoost's rule) and a missing value
/// where XGBoost's default direction does; each tree adds its leaf to its class's margin, on top of
/// the base score in margin form.
/// </summary>
internal static class XGBoostOnnxGraph
{
    /// <summary>The margins of the rows in <paramref name="features"/>: rows x <see cref="XGBoostModel.OutputsPerRow"/>.</summary>
    public static string Margins(OnnxExportContext context, XGBoostModel model, string features)
    {
        var learner = JsonNode.Parse(model.SaveJson())!["learner"]!;
        var booster = learner["gradient_booster"]!;
        var trees = booster["model"]!["trees"]!.AsArray();
        var treeClasses = booster["model"]!["tree_info"]!.AsArray().Select(node => (long)node!).ToArray();
        var baseScore = float.Parse((string)learner["learner_model_param"]!["base_score"]!, CultureInfo.InvariantCulture);
        var baseMargin = model.Objective == XGBoostObjective.BinaryLogistic ? MathF.Log(baseScore / (1f - baseScore)) : baseScore;

        var (treeIds, nodeIds, featureIds, modes, thresholds, trueIds, falseIds, missingTrue) =
            (new List<long>(), new List<long>(), new List<long>(), new List<string>(), new List<float>(), new List<long>(), new List<long>(), new List<long>());
        var (targetTrees, targetNodes, targetIds, targetWeights) = (new List<long>(), new List<long>(), new List<long>(), new List<float>());
        for (var tree = 0; tree < trees.Count; tree++)
        {
            var left = Longs(trees[tree]!["left_children"]);
            var right = Longs(trees[tree]!["right_children"]);
            var splitFeatures = Longs(trees[tree]!["split_indices"]);
            var conditions = trees[tree]!["split_conditions"]!.AsArray().Select(node => (float)node!).ToArray();
            var defaultLeft = Longs(trees[tree]!["default_left"]);
            for (var node = 0; node < left.Length; node++)
            {
                var leaf = left[node] == -1;
                treeIds.Add(tree);
                nodeIds.Add(node);
                featureIds.Add(leaf ? 0 : splitFeatures[node]);
                modes.Add(leaf ? "LEAF" : "BRANCH_LT");
                thresholds.Add(leaf ? 0f : conditions[node]);
                trueIds.Add(leaf ? 0 : left[node]);
                falseIds.Add(leaf ? 0 : right[node]);
                missingTrue.Add(leaf ? 0 : defaultLeft[node]);
                if (leaf)
                {
                    targetTrees.Add(tree);
                    targetNodes.Add(node);
                    targetIds.Add(treeClasses[tree]);
                    targetWeights.Add(conditions[node]);
                }
            }
        }

        var outputs = model.OutputsPerRow;
        return context.MachineLearningNode("TreeEnsembleRegressor", [features], ["margins"],
            Int("n_targets", outputs), String("aggregate_function", "SUM"), String("post_transform", "NONE"),
            Floats("base_values", Enumerable.Repeat(baseMargin, outputs)),
            Ints("nodes_treeids", [.. treeIds]), Ints("nodes_nodeids", [.. nodeIds]), Ints("nodes_featureids", [.. featureIds]),
            Strings("nodes_modes", modes), Floats("nodes_values", thresholds), Ints("nodes_truenodeids", [.. trueIds]),
            Ints("nodes_falsenodeids", [.. falseIds]), Ints("nodes_missing_value_tracks_true", [.. missingTrue]),
            Ints("target_treeids", [.. targetTrees]), Ints("target_nodeids", [.. targetNodes]), Ints("target_ids", [.. targetIds]),
            Floats("target_weights", targetWeights))[0];
    }

    private static long[] Longs(JsonNode? node) => node!.AsArray().Select(value => (long)value!).ToArray();
}
