namespace Vrrpd.Daemon;

/// <summary>The pid file: refuses to start over a live vrrpd, replaces a stale one, is removed on exit.</summary>
internal sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    /// <summary>Returns null when another live process holds the file.</summary>
    public static PidFile? TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path)
            && int.TryParse(File.ReadAllText(path).Trim(), out var pid)
            && pid != Environment.ProcessId
            && Directory.Exists($"/proc/{pid}"))
        {
            return null;
        }
        File.WriteAllText(path, Environment.ProcessId + "\n");
        return new PidFile(path);
    }

    public void Dispose()
    {
        try { File.Delete(_path); } catch (IOException) { }
    }
}
