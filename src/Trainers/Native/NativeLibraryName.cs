namespace Autoencoders.Trainers.Native;

internal static class NativeLibraryName
{
    /// <summary>The shim built from src/Native; resolved as libaeshim.so next to the assemblies.</summary>
    public const string Shim = "aeshim";

    /// <summary>The ABI version this binding was written against (AE_ABI_VERSION in ae_shim.h).</summary>
    public const int AbiVersion = 7;
}
