namespace Autoencoders.Transforms;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (ML.NET's own <c>Progress</c> posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
