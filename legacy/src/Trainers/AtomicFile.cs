namespace Autoencoders.Trainers;

/// <summary>Replaces a file only once its new content is completely written.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Lets <paramref name="write"/> fill a hidden temporary file beside <paramref name="path"/>,
    /// flushes it to disk and renames it over <paramref name="path"/>, which keeps its permissions.
    /// If anything fails, the old file stays as it was and the temporary file is removed; temporary
    /// files that a killed process left beside the target are removed first.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The target is read-only, or its folder may not be written.</exception>
    /// <exception cref="IOException">Writing failed (a missing folder, a full disk); the message names the target.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = new FileInfo(Path.GetFullPath(path));
        if (target.Exists && target.IsReadOnly)
        {
            throw new UnauthorizedAccessException($"Cannot write '{path}': the file is read-only. Make it writable, or save to another path.");
        }

        RemoveAbandonedTemporaries(target);
        var temporary = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
            if (target.Exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, target.UnixFileMode);
            }

            // Renamed while still open and locked, so that no other save takes it for abandoned.
            File.Move(temporary, target.FullName, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot write '{path}': {e.Message.Replace(temporary, target.FullName)}", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': {e.Message.Replace(temporary, target.FullName)}", e);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write '{path}': {e.Message.Replace(temporary, target.FullName)}", e);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Deletes the temporary files of earlier writes to <paramref name="target"/> that no live process holds.</summary>
    private static void RemoveAbandonedTemporaries(FileInfo target)
    {
        if (!Directory.Exists(target.DirectoryName))
        {
            return;
        }

        foreach (var abandoned in Directory.EnumerateFiles(target.DirectoryName!, $".{target.Name}.*.tmp"))
        {
            try
            {
                // A write in progress holds its file locked: opening it exclusively fails, and it is left alone.
                using var probe = new FileStream(abandoned, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                File.Delete(abandoned);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
