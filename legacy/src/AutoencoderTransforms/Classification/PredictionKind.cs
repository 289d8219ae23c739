namespace Autoencoders.Data;

/// <summary>What a supervised trainer predicts, which decides the label types it accepts and the columns it adds.</summary>
internal enum PredictionKind
{
    /// <summary>A Boolean label (or 0/1 in a Single or Int32 column).</summary>
    Binary,

    /// <summary>Classes: a key label (1..K, 0 missing) or Int32 classes 0..K-1.</summary>
    Multiclass,

    /// <summary>A Single value.</summary>
    Regression,
}
