namespace Vrrpd.Tests.Packaging;

/// <summary>Reads packaging/kubernetes as shipped. There is no YAML library here: these helpers read the few
/// shapes the manifests use (a block scalar, a flat map) by indentation.</summary>
internal static class KubernetesManifests
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryRoot(), "packaging", "kubernetes", name));

    /// <summary>The text of a <c>KEY: |</c> block scalar, its indentation removed.</summary>
    public static string BlockScalar(string yaml, string key)
    {
        string[] lines = yaml.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == key + ": |");
        Assert.True(start >= 0, $"no '{key}: |' block");
        int keyIndent = Indent(lines[start]);
        var body = lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || Indent(l) > keyIndent).ToList();
        int indent = body.Where(l => l.Trim().Length > 0).Min(Indent);
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : ""));
    }

    /// <summary>The <c>key: value</c> pairs of a map such as <c>nodeSelector:</c>, values unquoted.</summary>
    public static Dictionary<string, string> Map(string yaml, string key)
    {
        string[] lines = yaml.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == key + ":");
        Assert.True(start >= 0, $"no '{key}:' map");
        int keyIndent = Indent(lines[start]);
        return lines.Skip(start + 1)
            .TakeWhile(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#') || Indent(l) > keyIndent)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Trim().Split(':', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim().Trim('"'), StringComparer.Ordinal);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

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
