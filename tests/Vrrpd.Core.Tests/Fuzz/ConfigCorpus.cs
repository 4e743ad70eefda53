using System.IO.Compression;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// The config fuzzer's seeds: every keepalived.conf sample Debian ships (/usr/share/doc/keepalived/samples,
/// when installed), the repository's vrrpd.conf.example and conf/*.conf.
/// </summary>
internal static class ConfigCorpus
{
    private const string SamplesDirectory = "/usr/share/doc/keepalived/samples";

    private static readonly Lazy<IReadOnlyList<(string Name, string Text)>> AllFiles = new(Load);

    public static IReadOnlyList<(string Name, string Text)> Files => AllFiles.Value;

    private static List<(string Name, string Text)> Load()
    {
        var files = new List<(string, string)>();
        if (Directory.Exists(SamplesDirectory))
        {
            foreach (string path in Directory.EnumerateFiles(SamplesDirectory, "keepalived.conf.*").Order(StringComparer.Ordinal))
            {
                files.Add((Path.GetFileName(path), path.EndsWith(".gz", StringComparison.Ordinal) ? Decompress(path) : File.ReadAllText(path)));
            }
        }

        string root = RepositoryRoot();
        files.Add(("vrrpd.conf.example", File.ReadAllText(Path.Combine(root, "vrrpd.conf.example"))));
        foreach (string path in Directory.EnumerateFiles(Path.Combine(root, "conf"), "*.conf").Order(StringComparer.Ordinal))
        {
            files.Add((Path.GetFileName(path), File.ReadAllText(path)));
        }

        return files;
    }

    private static string Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vrrpd.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
