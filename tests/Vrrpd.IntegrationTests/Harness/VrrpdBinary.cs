namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// How to run vrrpd: the native AOT executable named by VRRPD_BIN, else `dotnet vrrpd.dll` from the repository's
/// src/Vrrpd/bin/{Debug|Release}/TFM (whichever exists and was built last; Debug on a tie), TFM being the target
/// framework this test assembly was built for (Directory.Build.props sets one for every project).
/// </summary>
public static class VrrpdBinary
{
    /// <summary>The executable and the arguments that come before vrrpd's own.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Resolve()
    {
        var native = Environment.GetEnvironmentVariable("VRRPD_BIN");
        if (!string.IsNullOrEmpty(native))
        {
            return File.Exists(native)
                ? (native, [])
                : throw new FileNotFoundException($"VRRPD_BIN points to {native}, which does not exist");
        }

        var root = RepositoryRoot();
        var dll = new[] { "Debug", "Release" }
            .Select(configuration => new FileInfo(Path.Combine(root, "src", "Vrrpd", "bin", configuration, TargetFramework, "vrrpd.dll")))
            .Where(file => file.Exists)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .FirstOrDefault()
            ?? throw new FileNotFoundException(
                $"vrrpd is not built: no src/Vrrpd/bin/{{Debug,Release}}/{TargetFramework}/vrrpd.dll under {root}; " +
                "run `dotnet build src/Vrrpd` or set VRRPD_BIN to the native executable");
        return ("dotnet", [dll.FullName]);
    }

    /// <summary>
    /// The target framework folder name (net10.0): AppContext.BaseDirectory is
    /// tests/Vrrpd.IntegrationTests/bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/, and src/Vrrpd builds for the same one.
    /// </summary>
    public static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Name;

    /// <summary>The directory holding Vrrpd.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
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
