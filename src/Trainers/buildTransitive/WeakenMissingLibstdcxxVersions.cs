// Compiled by MSBuild's RoslynCodeTaskFactory (see Autoencoders.Trainers.targets); it must stay a
// single file with no dependency beyond MSBuild's own assemblies.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Makes TorchSharp's libLibTorchSharp.so loadable where the system's libstdc++ is older than the
/// one it was linked against (Debian 12, Ubuntu 22.04). The library names symbol versions such as
/// GLIBCXX_3.4.32 for a symbol it never calls; glibc refuses the whole library for a missing
/// version unless the version's need is marked weak (VER_FLG_WEAK in its Vernaux entry). The task
/// writes a copy with that flag set for each libstdc++ version the system lacks, and refuses, with
/// an error, a version whose symbols a relocation really binds, since weakening it would only move
/// the failure to run time.
/// </summary>
public sealed class WeakenMissingLibstdcxxVersions : Task
{
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const uint SectionVersionDefinitions = 0x6ffffffd;
    private const uint SectionVersionSymbols = 0x6fffffff;
    private const uint SectionRelocationsWithAddends = 4;
    private const uint SectionRelocations = 9;
    private const ushort WeakVersionFlag = 0x2;

    /// <summary>The copies of libLibTorchSharp.so that the build would copy to the output.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the patched copies are written.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Auto (patch what this machine's libstdc++ lacks), Always (weaken every libstdc++ version the system may lack: all above GLIBCXX_3.4.30), or Never.</summary>
    public string Mode { get; set; } = "Auto";

    /// <summary>The libraries to copy instead: patched copies where a patch was needed, the originals elsewhere, with their metadata.</summary>
    [Output]
    public ITaskItem[] Result { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        var mode = Mode.Trim().ToLowerInvariant();
        if (mode != "auto" && mode != "always" && mode != "never")
        {
            Log.LogError($"AutoencodersTorchSharpLoadFix must be Auto, Always or Never, not '{Mode}'.");
            return false;
        }

        var result = new List<ITaskItem>();
        foreach (var library in Libraries)
        {
            if (mode == "never")
            {
                result.Add(library);
                continue;
            }

            try
            {
                result.Add(Patch(library, mode == "always"));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"Cannot patch {library.ItemSpec} for this system's libstdc++: {e.Message}");
            }
        }

        Result = result.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem Patch(ITaskItem library, bool always)
    {
        var bytes = File.ReadAllBytes(library.ItemSpec);
        var elf = new Elf(bytes);
        var needs = elf.VersionNeeds().Where(need => need.File.StartsWith("libstdc++.so", StringComparison.Ordinal)).ToList();
        var available = always ? null : SystemLibstdcxxVersions();
        if (!always && available is null)
        {
            return library;
        }

        var missing = needs.Where(need => always ? IsNewerThan(need.Version, "GLIBCXX_3.4.30") : !available!.Contains(need.Version)).ToList();
        if (missing.Count == 0)
        {
            return library;
        }

        var bound = elf.VersionIndexesBoundByRelocations();
        foreach (var need in missing)
        {
            if (bound.Contains(need.Index))
            {
                throw new InvalidDataException(
                    $"it needs {need.Version}, which this system's libstdc++ lacks, for a symbol it really uses; install a newer libstdc++6 (GCC 13 or later)");
            }

            var flags = BitConverter.ToUInt16(bytes, need.FlagsOffset);
            BitConverter.GetBytes((ushort)(flags | WeakVersionFlag)).CopyTo(bytes, need.FlagsOffset);
        }

        var target = Path.Combine(OutputDirectory, library.GetMetadata("RuntimeIdentifier") is { Length: > 0 } rid ? rid : "native", Path.GetFileName(library.ItemSpec));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!File.Exists(target) || !File.ReadAllBytes(target).SequenceEqual(bytes))
        {
            File.WriteAllBytes(target, bytes);
        }

        Log.LogMessage(MessageImportance.Normal, $"{library.ItemSpec}: marked {string.Join(", ", missing.Select(need => need.Version))} weak in {target}");
        var patched = new TaskItem(target);
        library.CopyMetadataTo(patched);
        return patched;
    }

    /// <summary>The versions the system's libstdc++.so.6 defines, or null where there is none to read.</summary>
    private static HashSet<string>? SystemLibstdcxxVersions()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        string[] folders = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib"];
        var path = folders.Select(folder => Path.Combine(folder, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        return path is null ? null : new HashSet<string>(new Elf(File.ReadAllBytes(path)).VersionDefinitions());
    }

    /// <summary>Whether <paramref name="version"/> (GLIBCXX_a.b.c) is above <paramref name="than"/>.</summary>
    private static bool IsNewerThan(string version, string than)
    {
        static int[]? Parts(string name) => name.StartsWith("GLIBCXX_", StringComparison.Ordinal)
            ? name.Substring(8).Split('.').Select(part => int.TryParse(part, out var n) ? n : -1).ToArray()
            : null;
        var a = Parts(version);
        var b = Parts(than)!;
        if (a is null)
        {
            return false;
        }

        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x > y;
            }
        }

        return false;
    }

    /// <summary>A reader of the few parts of a 64-bit little-endian ELF file that symbol versioning uses.</summary>
    private sealed class Elf
    {
        private readonly byte[] _bytes;
        private readonly List<(uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize)> _sections = new();

        public Elf(byte[] bytes)
        {
            _bytes = bytes;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file");
            }

            if (bytes[4] != 2 || bytes[5] != 1)
            {
                throw new InvalidDataException("not a 64-bit little-endian ELF file");
            }

            var sectionTable = Int64(0x28);
            var entrySize = UInt16(0x3A);
            var count = UInt16(0x3C);
            if (entrySize < 64 || sectionTable < 0 || sectionTable + (long)entrySize * count > bytes.Length)
            {
                throw new InvalidDataException("its section table lies outside the file");
            }

            for (var i = 0; i < count; i++)
            {
                var at = sectionTable + (long)i * entrySize;
                var section = (UInt32(at + 4), Int64(at + 24), Int64(at + 32), UInt32(at + 40), UInt32(at + 44), Int64(at + 56));
                if (section.Item1 != 8 && (section.Item2 < 0 || section.Item3 < 0 || section.Item2 + section.Item3 > bytes.Length))
                {
                    throw new InvalidDataException($"section {i} lies outside the file");
                }

                _sections.Add(section);
            }
        }

        /// <summary>Each version this file needs: its library, name, index (vna_other) and where its flags are.</summary>
        public IEnumerable<(string File, string Version, int Index, int FlagsOffset)> VersionNeeds()
        {
            foreach (var section in _sections.Where(s => s.Type == SectionVersionNeeds))
            {
                var strings = _sections[(int)section.Link].Offset;
                var need = section.Offset;
                for (var n = 0; n < section.Info; n++)
                {
                    var file = String(strings + UInt32(need + 4));
                    var aux = need + UInt32(need + 8);
                    for (var a = 0; a < UInt16(need + 2); a++)
                    {
                        yield return (file, String(strings + UInt32(aux + 8)), UInt16(aux + 6), checked((int)(aux + 4)));
                        aux += UInt32(aux + 12);
                    }

                    need += UInt32(need + 12);
                }
            }
        }

        /// <summary>The names of the versions this file defines.</summary>
        public IEnumerable<string> VersionDefinitions()
        {
            foreach (var section in _sections.Where(s => s.Type == SectionVersionDefinitions))
            {
                var strings = _sections[(int)section.Link].Offset;
                var definition = section.Offset;
                for (var d = 0; d < section.Info; d++)
                {
                    yield return String(strings + UInt32(definition + UInt32(definition + 12)));
                    definition += UInt32(definition + 16);
                }
            }
        }

        /// <summary>The version indexes of the dynamic symbols that relocations bind.</summary>
        public HashSet<int> VersionIndexesBoundByRelocations()
        {
            var bound = new HashSet<int>();
            var versions = _sections.FirstOrDefault(s => s.Type == SectionVersionSymbols);
            if (versions.Size == 0)
            {
                return bound;
            }

            foreach (var section in _sections.Where(s => s.Type is SectionRelocationsWithAddends or SectionRelocations))
            {
                var entry = section.Type == SectionRelocationsWithAddends ? 24 : 16;
                for (var at = section.Offset; at + entry <= section.Offset + section.Size; at += entry)
                {
                    var symbol = (long)(UInt64(at + 8) >> 32);
                    if (symbol != 0 && symbol * 2 + 2 <= versions.Size)
                    {
                        bound.Add(UInt16(versions.Offset + symbol * 2) & 0x7fff);
                    }
                }
            }

            return bound;
        }

        private void Check(long at, int size)
        {
            if (at < 0 || at + size > _bytes.Length)
            {
                throw new InvalidDataException("a version record points outside the file");
            }
        }

        private ushort UInt16(long at) { Check(at, 2); return BitConverter.ToUInt16(_bytes, (int)at); }

        private uint UInt32(long at) { Check(at, 4); return BitConverter.ToUInt32(_bytes, (int)at); }

        private ulong UInt64(long at) { Check(at, 8); return BitConverter.ToUInt64(_bytes, (int)at); }

        private long Int64(long at) { Check(at, 8); return BitConverter.ToInt64(_bytes, (int)at); }

        private string String(long at)
        {
            Check(at, 1);
            var end = Array.IndexOf(_bytes, (byte)0, (int)at);
            if (end < 0)
            {
                throw new InvalidDataException("a version name runs past the end of the file");
            }

            return Encoding.ASCII.GetString(_bytes, (int)at, end - (int)at);
        }
    }
}
