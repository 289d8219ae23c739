using System.Runtime.InteropServices;
using System.Text;

/// <summary>
/// An ONNX model loaded into the real ONNX Runtime (the CPU <c>libonnxruntime.so.1</c> that npm's
/// onnxruntime-node carries; <c>./build.sh</c> installs it under tools/OnnxRuntime), called through
/// its C API: the function table <c>OrtGetApiBase</c> hands out, at the positions ONNX Runtime's
/// <c>onnxruntime_c_api.h</c> declares (the table only ever grows, so positions are stable). Used
/// by the tests, to score exported models, and by the benchmark, as the peer a .NET user deploys with.
/// </summary>
internal sealed unsafe class OnnxRuntimeSession : IDisposable
{
    /// <summary>The C API version asked for: ONNX Runtime 1.16's, which every later runtime serves.</summary>
    private const uint ApiVersion = 16;

    private const int GraphOptimizationAll = 99;
    private const int LoggingWarning = 2;

    private static readonly Lazy<Runtime> Shared = new(Runtime.Load);

    private IntPtr _session;

    /// <summary>Loads <paramref name="model"/> (the ONNX bytes) with <paramref name="threads"/> threads per operator, all graph optimizations on.</summary>
    public OnnxRuntimeSession(byte[] model, int threads = 1)
    {
        var runtime = Shared.Value;
        IntPtr options;
        runtime.Check(((delegate* unmanaged<IntPtr*, IntPtr>)runtime.Api[Api.CreateSessionOptions])(&options));
        try
        {
            runtime.Check(((delegate* unmanaged<IntPtr, int, IntPtr>)runtime.Api[Api.SetIntraOpNumThreads])(options, threads));
            runtime.Check(((delegate* unmanaged<IntPtr, int, IntPtr>)runtime.Api[Api.SetInterOpNumThreads])(options, 1));
            runtime.Check(((delegate* unmanaged<IntPtr, int, IntPtr>)runtime.Api[Api.SetSessionGraphOptimizationLevel])(options, GraphOptimizationAll));
            fixed (byte* bytes = model)
            {
                IntPtr session;
                runtime.Check(((delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)runtime.Api[Api.CreateSessionFromArray])(
                    runtime.Environment, bytes, (nuint)model.Length, options, &session));
                _session = session;
            }
        }
        finally
        {
            ((delegate* unmanaged<IntPtr, void>)runtime.Api[Api.ReleaseSessionOptions])(options);
        }
    }

    /// <summary>Where the library is looked for: <c>ONNXRUNTIME_LIBRARY</c>, else under tools/OnnxRuntime/node_modules above the working folder.</summary>
    public static string? LibraryPath()
    {
        if (Environment.GetEnvironmentVariable("ONNXRUNTIME_LIBRARY") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var package = Path.Combine(folder.FullName, "tools", "OnnxRuntime", "node_modules", "onnxruntime-node", "bin");
            if (Directory.Exists(package))
            {
                return Directory.EnumerateFiles(package, "libonnxruntime.so.1", SearchOption.AllDirectories).FirstOrDefault(path => path.Contains("linux/x64"));
            }
        }

        return null;
    }

    /// <summary>The version of the loaded runtime, e.g. "1.30.0".</summary>
    public static string RuntimeVersion => Shared.Value.Version;

    /// <summary>Runs the model on <paramref name="inputs"/> and returns <paramref name="outputNames"/>' values, in that order.</summary>
    public OnnxTensor[] Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputNames)
    {
        ObjectDisposedException.ThrowIf(_session == IntPtr.Zero, this);
        var runtime = Shared.Value;
        var names = new List<IntPtr>();
        var handles = new List<GCHandle>();
        var values = new IntPtr[inputs.Count];
        var outputs = new IntPtr[outputNames.Count];
        try
        {
            var inputNames = inputs.Select(input => Utf8(input.Name, names)).ToArray();
            var outputNamePointers = outputNames.Select(name => Utf8(name, names)).ToArray();
            for (var i = 0; i < inputs.Count; i++)
            {
                values[i] = runtime.CreateTensor(inputs[i], handles, names);
            }

            runtime.Run(_session, inputNames, values, outputNamePointers, outputs);
            return outputs.Select((output, i) => runtime.ReadTensor(outputNames[i], output)).ToArray();
        }
        finally
        {
            runtime.Release(values);
            runtime.Release(outputs);
            handles.ForEach(handle => handle.Free());
            names.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    /// <summary>
    /// A call of one float input and float outputs with its names encoded once, as a deployed
    /// service would hold it: each <see cref="FloatCall.Run"/> wraps the caller's buffer (no copy),
    /// runs, and copies the first output into the caller's buffer.
    /// </summary>
    public FloatCall Prepare(string inputName, long[] inputShape, IReadOnlyList<string> outputNames) => new(this, inputName, inputShape, outputNames);

    /// <summary>A prepared call; see <see cref="Prepare"/>.</summary>
    public sealed class FloatCall : IDisposable
    {
        private readonly OnnxRuntimeSession _owner;
        private readonly long[] _shape;
        private readonly IntPtr[] _inputName;
        private readonly IntPtr[] _input = new IntPtr[1];
        private readonly IntPtr[] _outputNames;
        private readonly IntPtr[] _outputs;

        internal FloatCall(OnnxRuntimeSession owner, string inputName, long[] shape, IReadOnlyList<string> outputNames)
        {
            _owner = owner;
            _shape = shape;
            _inputName = [Marshal.StringToCoTaskMemUTF8(inputName)];
            _outputNames = outputNames.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
            _outputs = new IntPtr[outputNames.Count];
        }

        /// <summary>Runs on <paramref name="input"/> (the input shape's element count) and copies the first output into <paramref name="firstOutput"/>.</summary>
        public void Run(float[] input, Span<float> firstOutput)
        {
            var runtime = Shared.Value;
            try
            {
                fixed (float* data = input)
                fixed (long* shape = _shape)
                fixed (IntPtr* value = _input)
                {
                    runtime.Check(((delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)runtime.Api[Api.CreateTensorWithDataAsOrtValue])(
                        runtime.MemoryInfo, data, (nuint)(input.Length * sizeof(float)), shape, (nuint)_shape.Length, OnnxTensor.TypeOf(input), value));
                    runtime.Run(_owner._session, _inputName, _input, _outputNames, _outputs);
                    void* result;
                    runtime.Check(((delegate* unmanaged<IntPtr, void**, IntPtr>)runtime.Api[Api.GetTensorMutableData])(_outputs[0], &result));
                    new ReadOnlySpan<float>(result, firstOutput.Length).CopyTo(firstOutput);
                }
            }
            finally
            {
                runtime.Release(_input);
                runtime.Release(_outputs);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Marshal.FreeCoTaskMem(_inputName[0]);
            Array.ForEach(_outputNames, Marshal.FreeCoTaskMem);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_session != IntPtr.Zero)
        {
            ((delegate* unmanaged<IntPtr, void>)Shared.Value.Api[Api.ReleaseSession])(_session);
            _session = IntPtr.Zero;
        }
    }

    private static IntPtr Utf8(string text, List<IntPtr> allocated)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        allocated.Add(pointer);
        return pointer;
    }

    /// <summary>Positions in the OrtApi function table (onnxruntime_c_api.h).</summary>
    private static class Api
    {
        public const int GetErrorMessage = 2;
        public const int CreateEnv = 3;
        public const int CreateSessionFromArray = 8;
        public const int Run = 9;
        public const int CreateSessionOptions = 10;
        public const int SetSessionGraphOptimizationLevel = 23;
        public const int SetIntraOpNumThreads = 24;
        public const int SetInterOpNumThreads = 25;
        public const int CreateTensorAsOrtValue = 48;
        public const int CreateTensorWithDataAsOrtValue = 49;
        public const int GetTensorMutableData = 51;
        public const int FillStringTensor = 52;
        public const int GetStringTensorDataLength = 53;
        public const int GetStringTensorContent = 54;
        public const int GetTensorElementType = 60;
        public const int GetDimensionsCount = 61;
        public const int GetDimensions = 62;
        public const int GetTensorTypeAndShape = 65;
        public const int CreateCpuMemoryInfo = 69;
        public const int GetAllocatorWithDefaultOptions = 78;
        public const int ReleaseStatus = 93;
        public const int ReleaseSession = 95;
        public const int ReleaseValue = 96;
        public const int ReleaseTensorTypeAndShapeInfo = 99;
        public const int ReleaseSessionOptions = 100;
    }

    /// <summary>The loaded library, its function table, one environment and the CPU memory description, for the whole process.</summary>
    private sealed class Runtime
    {
        public IntPtr* Api { get; private init; }
        public IntPtr Environment { get; private set; }
        public string Version { get; private init; } = "";
        public IntPtr MemoryInfo { get; private set; }
        private IntPtr _allocator;

        public static Runtime Load()
        {
            var path = LibraryPath() ?? throw new DllNotFoundException(
                "ONNX Runtime is not installed: ./build.sh test installs npm's onnxruntime-node under tools/OnnxRuntime (or set ONNXRUNTIME_LIBRARY to a libonnxruntime.so.1).");
            var library = NativeLibrary.Load(path);
            var apiBase = (IntPtr*)((delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "OrtGetApiBase"))();
            var api = (IntPtr*)((delegate* unmanaged<uint, IntPtr>)apiBase[0])(ApiVersion);
            if (api is null)
            {
                throw new InvalidOperationException($"The ONNX Runtime at '{path}' does not serve C API version {ApiVersion}.");
            }

            var runtime = new Runtime
            {
                Api = api,
                Version = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)apiBase[1])()) ?? "",
            };
            IntPtr environment, memoryInfo, allocator;
            fixed (byte* name = "autoencoders"u8)
            {
                runtime.Check(((delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)api[OnnxRuntimeSession.Api.CreateEnv])(LoggingWarning, name, &environment));
            }

            runtime.Check(((delegate* unmanaged<int, int, IntPtr*, IntPtr>)api[OnnxRuntimeSession.Api.CreateCpuMemoryInfo])(0, 0, &memoryInfo));
            runtime.Check(((delegate* unmanaged<IntPtr*, IntPtr>)api[OnnxRuntimeSession.Api.GetAllocatorWithDefaultOptions])(&allocator));
            runtime.Environment = environment;
            runtime.MemoryInfo = memoryInfo;
            runtime._allocator = allocator;
            return runtime;
        }

        /// <summary>Runs <paramref name="session"/> on the named input values, filling <paramref name="outputs"/> with the named outputs.</summary>
        public void Run(IntPtr session, IntPtr[] inputNames, IntPtr[] inputs, IntPtr[] outputNames, IntPtr[] outputs)
        {
            fixed (IntPtr* inputNamesPointer = inputNames, inputsPointer = inputs, outputNamesPointer = outputNames, outputsPointer = outputs)
            {
                Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)Api[OnnxRuntimeSession.Api.Run])(
                    session, IntPtr.Zero, inputNamesPointer, inputsPointer, (nuint)inputs.Length, outputNamesPointer, (nuint)outputs.Length, outputsPointer));
            }
        }

        /// <summary>Releases every value of <paramref name="values"/> that is set, and clears its slot.</summary>
        public void Release(IntPtr[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != IntPtr.Zero)
                {
                    ((delegate* unmanaged<IntPtr, void>)Api[OnnxRuntimeSession.Api.ReleaseValue])(values[i]);
                    values[i] = IntPtr.Zero;
                }
            }
        }

        public void Check(IntPtr status)
        {
            if (status == IntPtr.Zero)
            {
                return;
            }

            var message = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr, IntPtr>)Api[OnnxRuntimeSession.Api.GetErrorMessage])(status));
            ((delegate* unmanaged<IntPtr, void>)Api[OnnxRuntimeSession.Api.ReleaseStatus])(status);
            throw new InvalidOperationException($"ONNX Runtime: {message}");
        }

        public IntPtr CreateTensor(OnnxTensor tensor, List<GCHandle> handles, List<IntPtr> strings)
        {
            IntPtr value;
            fixed (long* shape = tensor.Shape)
            {
                if (tensor.Values is string[] texts)
                {
                    Check(((delegate* unmanaged<IntPtr, long*, nuint, int, IntPtr*, IntPtr>)Api[OnnxRuntimeSession.Api.CreateTensorAsOrtValue])(
                        _allocator, shape, (nuint)tensor.Shape.Length, OnnxTensor.StringType, &value));
                    var pointers = texts.Select(text => Utf8(text, strings)).ToArray();
                    fixed (IntPtr* pointer = pointers)
                    {
                        Check(((delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr>)Api[OnnxRuntimeSession.Api.FillStringTensor])(value, pointer, (nuint)pointers.Length));
                    }

                    return value;
                }

                var handle = GCHandle.Alloc(tensor.Values, GCHandleType.Pinned);
                handles.Add(handle);
                var bytes = (nuint)(Buffer.ByteLength(tensor.Values));
                Check(((delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)Api[OnnxRuntimeSession.Api.CreateTensorWithDataAsOrtValue])(
                    MemoryInfo, (void*)handle.AddrOfPinnedObject(), bytes, shape, (nuint)tensor.Shape.Length, OnnxTensor.TypeOf(tensor.Values), &value));
                return value;
            }
        }

        public OnnxTensor ReadTensor(string name, IntPtr value)
        {
            IntPtr info;
            int type;
            nuint rank;
            Check(((delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)Api[OnnxRuntimeSession.Api.GetTensorTypeAndShape])(value, &info));
            long[] shape;
            try
            {
                Check(((delegate* unmanaged<IntPtr, int*, IntPtr>)Api[OnnxRuntimeSession.Api.GetTensorElementType])(info, &type));
                Check(((delegate* unmanaged<IntPtr, nuint*, IntPtr>)Api[OnnxRuntimeSession.Api.GetDimensionsCount])(info, &rank));
                shape = new long[(int)rank];
                fixed (long* dimensions = shape)
                {
                    Check(((delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)Api[OnnxRuntimeSession.Api.GetDimensions])(info, dimensions, rank));
                }
            }
            finally
            {
                ((delegate* unmanaged<IntPtr, void>)Api[OnnxRuntimeSession.Api.ReleaseTensorTypeAndShapeInfo])(info);
            }

            var count = (int)shape.Aggregate(1L, (product, dimension) => product * dimension);
            if (type == OnnxTensor.StringType)
            {
                return new OnnxTensor(name, ReadStrings(value, count), shape);
            }

            void* data;
            Check(((delegate* unmanaged<IntPtr, void**, IntPtr>)Api[OnnxRuntimeSession.Api.GetTensorMutableData])(value, &data));
            var values = OnnxTensor.NewArray(type, count) ?? throw new NotSupportedException($"Output '{name}' has ONNX element type {type}, which this harness does not read.");
            var destination = GCHandle.Alloc(values, GCHandleType.Pinned);
            try
            {
                Buffer.MemoryCopy(data, (void*)destination.AddrOfPinnedObject(), Buffer.ByteLength(values), Buffer.ByteLength(values));
            }
            finally
            {
                destination.Free();
            }

            return new OnnxTensor(name, values, shape);
        }

        private string[] ReadStrings(IntPtr value, int count)
        {
            nuint length;
            Check(((delegate* unmanaged<IntPtr, nuint*, IntPtr>)Api[OnnxRuntimeSession.Api.GetStringTensorDataLength])(value, &length));
            var bytes = new byte[(int)length];
            var offsets = new nuint[count];
            fixed (byte* text = bytes)
            fixed (nuint* starts = offsets)
            {
                Check(((delegate* unmanaged<IntPtr, void*, nuint, nuint*, nuint, IntPtr>)Api[OnnxRuntimeSession.Api.GetStringTensorContent])(
                    value, text, length, starts, (nuint)count));
            }

            return Enumerable.Range(0, count).Select(i =>
            {
                var start = (int)offsets[i];
                var end = i + 1 < count ? (int)offsets[i + 1] : bytes.Length;
                return Encoding.UTF8.GetString(bytes, start, end - start);
            }).ToArray();
        }
    }
}

/// <summary>A named tensor going into or out of <see cref="OnnxRuntimeSession.Run"/>: float, bool, int32, int64, uint32 or string values, row-major.</summary>
internal sealed record OnnxTensor(string Name, Array Values, long[] Shape)
{
    public const int StringType = 8;

    /// <summary>ONNX's element type of a managed array.</summary>
    /// <remarks>By element type, not by array pattern: the runtime lets a uint[] pass as an int[].</remarks>
    public static int TypeOf(Array values) => values.GetType().GetElementType() switch
    {
        var type when type == typeof(float) => 1,
        var type when type == typeof(int) => 6,
        var type when type == typeof(long) => 7,
        var type when type == typeof(bool) => 9,
        var type when type == typeof(uint) => 12,
        _ => throw new NotSupportedException($"No ONNX element type for {values.GetType().Name}."),
    };

    /// <summary>A managed array for <paramref name="count"/> values of ONNX element type <paramref name="type"/>, or null when the harness reads no such type.</summary>
    public static Array? NewArray(int type, int count) => type switch
    {
        1 => new float[count],
        6 => new int[count],
        7 => new long[count],
        9 => new bool[count],
        12 => new uint[count],
        _ => null,
    };
}
