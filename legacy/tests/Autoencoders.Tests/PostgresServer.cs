using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Autoencoders.Tests;

/// <summary>
/// A throwaway PostgreSQL server on loopback for the database loader's tests: Debian's
/// `postgresql` binaries (build.sh installs them), a fresh cluster in a temporary folder, a free
/// port, trust authentication for the user "tester". Run as the postgres user when the tests run
/// as root, since PostgreSQL refuses root. Stopped and deleted when disposed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _binaries;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        _binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")))
              ?? throw new InvalidOperationException("No initdb under /usr/lib/postgresql/*/bin: install Debian's postgresql package (./build.sh test does).")
            : throw new InvalidOperationException("No /usr/lib/postgresql: install Debian's postgresql package (./build.sh test does).");
        _directory = Directory.CreateTempSubdirectory("postgres-").FullName;
        _asPostgresUser = Environment.UserName == "root";
        if (_asPostgresUser) Run("chown", "-R", "postgres:postgres", _directory);
        Port = FreePort();
        RunServerTool("initdb", "-D", Data, "-A", "trust", "-U", "tester", "--no-sync", "-E", "UTF8");
        RunServerTool("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -h 127.0.0.1 -k {_directory} -c fsync=off", "start");
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=tester;Database=postgres;Pooling=false";

    private string Data => Path.Combine(_directory, "data");

    public void Dispose()
    {
        try
        {
            RunServerTool("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunServerTool(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else Run(path, arguments);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
