using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>Inverted dropout whose masks come from the model's generator rather than the process-wide one.</summary>
internal sealed class SeededDropout(double rate, Generator generator) : nn.Module<Tensor, Tensor>(nameof(SeededDropout))
{
    public override Tensor forward(Tensor input) =>
        !training || rate == 0.0 ? input.alias() : (input * empty_like(input).bernoulli_(1.0 - rate, generator)).DividedBy(1.0 - rate);
}
