namespace Autoencoders.Data;

/// <summary>
/// A file's size and last write time when a view was loaded from it: every pass checks the file
/// still has them, so that rows read later cannot mix old and new contents.
/// </summary>
internal readonly record struct FileStamp(string Path, long Length, DateTime Written)
{
    public static FileStamp Of(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? new FileStamp(path, file.Length, file.LastWriteTimeUtc) : new FileStamp(path, -1, default);
    }

    /// <summary>Throws when the file's size or write time differ from this stamp's.</summary>
    public void CheckUnchanged()
    {
        var now = Of(Path);
        if (now != this)
        {
            throw new InvalidDataException(
                $"'{Path}' changed after it was loaded (it had {Length} bytes, written {Written:O}; it has {now.Length} bytes, written {now.Written:O}). " +
                "Rows read from it now could mix old and new contents; load it again.");
        }
    }
}
