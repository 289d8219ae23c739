namespace Autoencoders.Trainers;

/// <summary>Element-wise activation functions a layer stack can use.</summary>
public enum Activation
{
    /// <summary>No activation: the layer stays linear.</summary>
    Identity,
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>x for x &gt; 0, slope * x otherwise.</summary>
    LeakyReLU,
    /// <summary>Exponential linear unit.</summary>
    ELU,
    /// <summary>Scaled exponential linear unit.</summary>
    SELU,
    /// <summary>Hyperbolic tangent, output in (-1, 1).</summary>
    Tanh,
    /// <summary>Logistic sigmoid, output in (0, 1).</summary>
    Sigmoid,
}
