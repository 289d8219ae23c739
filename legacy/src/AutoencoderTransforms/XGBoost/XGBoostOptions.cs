using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Trainers;

/// <summary>Options of the XGBoost trainers: the columns read, and the boosting settings.</summary>
public sealed class XGBoostOptions : XGBoostParameters
{
    /// <summary>
    /// The label column: Boolean (or 0/1 Single or Int32) for binary classification, Int32 classes
    /// 0..K-1 for multiclass, Single for regression. Defaults to "Label".
    /// </summary>
    public string LabelColumnName { get; set; } = AutoencoderDefaults.LabelColumnName;

    /// <summary>The Single or vector feature column. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderDefaults.FeatureColumnName;
}
