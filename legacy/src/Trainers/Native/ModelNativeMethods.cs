using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/model_api.cpp.</summary>
internal static unsafe partial class ModelNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Create(string specJson, long seed, out ModelHandle model);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_free")]
    public static partial int Free(IntPtr model);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_clone")]
    public static partial int Clone(ModelHandle model, long seed, out ModelHandle copy);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_copy_weights")]
    public static partial int CopyWeights(ModelHandle destination, ModelHandle source);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_get_spec")]
    public static partial int GetSpec(ModelHandle model, byte* buffer, long capacity, out long length);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_encode")]
    public static partial int Encode(ModelHandle model, float* x, long rows, long columns, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_reconstruct")]
    public static partial int Reconstruct(ModelHandle model, float* x, long rows, long columns, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_score")]
    public static partial int Score(ModelHandle model, float* x, long rows, long columns, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_decode")]
    public static partial int Decode(ModelHandle model, float* z, long rows, long columns, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_encode_distribution")]
    public static partial int EncodeDistribution(ModelHandle model, float* x, long rows, long columns, float* mean, float* logVariance, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_score_elbo", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ScoreElbo(ModelHandle model, float* x, long rows, long columns, string optionsJson, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_jacobian_norm")]
    public static partial int JacobianNorm(ModelHandle model, float* x, long rows, long columns, float* output, long outputLength);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_read_tensor", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ReadTensor(ModelHandle model, string name, float* output, long outputLength, out long count);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_save_to_buffer")]
    public static partial int SaveToBuffer(ModelHandle model, out byte* data, out long length);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_model_load_from_buffer")]
    public static partial int LoadFromBuffer(byte* data, long length, long seed, out ModelHandle model);
}
