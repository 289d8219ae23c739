namespace Autoencoders.Trainers;

/// <summary>Standard normal draws for the library's seeded sampling (weights' sketches, VAE codes, kernel frequencies).</summary>
internal static class StandardNormal
{
    /// <summary>One draw by Box-Muller from two uniform draws of <paramref name="random"/>.</summary>
    public static double Next(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
