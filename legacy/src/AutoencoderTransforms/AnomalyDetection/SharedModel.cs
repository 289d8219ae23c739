namespace Autoencoders.Data;

/// <summary>An autoencoder shared by several transformers: freed when the last of them lets it go.</summary>
internal sealed class SharedModel(AutoencoderModel model)
{
    private int _owners = 1;

    public AutoencoderModel Model { get; } = model;

    /// <summary>One more owner; each must call <see cref="Release"/> once.</summary>
    public SharedModel Acquire()
    {
        if (Interlocked.Increment(ref _owners) <= 1)
        {
            throw new ObjectDisposedException(nameof(AutoencoderModel), "The detector's model was already freed.");
        }

        return this;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            Model.Dispose();
        }
    }
}
