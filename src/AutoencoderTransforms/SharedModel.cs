using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>An autoencoder shared by transformers made from one another (a detector and its threshold changes), freed when the last lets it go.</summary>
internal sealed class SharedModel(AutoencoderModel model)
{
    private int _holders = 1;

    /// <summary>The model; valid while this holder has not released it.</summary>
    public AutoencoderModel Model { get; } = model;

    /// <summary>One more holder of a model not yet freed.</summary>
    /// <exception cref="ObjectDisposedException">Every holder has released it.</exception>
    public SharedModel Acquire()
    {
        int holders;
        do
        {
            holders = Volatile.Read(ref _holders);
            ObjectDisposedException.ThrowIf(holders == 0, Model);
        }
        while (Interlocked.CompareExchange(ref _holders, holders + 1, holders) != holders);

        return this;
    }

    /// <summary>One holder lets go; the last frees the model.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            Model.Dispose();
        }
    }
}
