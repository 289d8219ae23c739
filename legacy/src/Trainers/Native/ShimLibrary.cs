namespace Autoencoders.Trainers.Native;

/// <summary>The native shim these bindings call: its name and the ABI version they were written against.</summary>
internal static class ShimLibrary
{
    /// <summary>The shim built from src/Native; resolved as libaeshim.so next to the assemblies.</summary>
    public const string Name = "aeshim";

    /// <summary>The ABI version this binding was written against (AE_ABI_VERSION in ae_shim.h).</summary>
    public const int AbiVersion = 18;
}
