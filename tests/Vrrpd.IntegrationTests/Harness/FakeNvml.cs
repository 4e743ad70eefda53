namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// One host's GPU: its own copy of the fake libnvidia-ml.so.1 of tests/native (built with gcc once per test run)
/// in the lab's work directory, with the state file "fake-state" next to it (tests/native/fake_state.h). Each
/// daemon loads its own copy through <c>global_defs { nvml_library PATH }</c>, so the two hosts of a lab have
/// two independent GPUs that the test changes at run time.
/// </summary>
public sealed class FakeNvml
{
    private static readonly Lazy<(string? Folder, string? Error)> Built = new(Build);

    private FakeNvml(string folder) => Folder = folder;

    /// <summary>Why the fake cannot be built here, or null (a failing build fails the test instead).</summary>
    public static string? WhyNot => Command.Exists("gcc") ? null : "gcc is not installed: the fake NVML of tests/native cannot be built";

    public string Folder { get; }

    public string LibraryPath => Path.Combine(Folder, "libnvidia-ml.so.1");

    public string StatePath => Path.Combine(Folder, "fake-state");

    /// <summary>
    /// The host's GPU, healthy unless <paramref name="state"/> says otherwise. <paramref name="classic"/> installs
    /// the old driver's NVML that exports only the classic functions (no <c>_v2</c>/<c>_v3</c> variants).
    /// </summary>
    public static FakeNvml Install(Lab lab, LabHost host, string state = "count 1\n", bool classic = false)
    {
        var built = Built.Value.Folder ?? throw new InvalidOperationException(Built.Value.Error);
        var folder = Path.Combine(lab.WorkDirectory, $"gpu-{host.Name}");
        Directory.CreateDirectory(folder);
        var fake = new FakeNvml(folder);
        File.Copy(Path.Combine(built, classic ? "classic" : "", "libnvidia-ml.so.1"), fake.LibraryPath);
        fake.Write(state);
        return fake;
    }

    /// <summary>Replaces the whole state atomically (rename): the library never reads half a file.</summary>
    public void Write(string state)
    {
        var temporary = StatePath + ".tmp";
        File.WriteAllText(temporary, state);
        File.Move(temporary, StatePath, overwrite: true);
    }

    /// <summary>Adds lines, e.g. "gpu 0 xid 79" (delivered once to every event set registered before).</summary>
    public void Append(params string[] lines) => File.AppendAllText(StatePath, string.Concat(lines.Select(l => l + "\n")));

    private static (string?, string?) Build()
    {
        var output = Path.Combine(Path.GetTempPath(), $"vrrpd-itest-fake-nvml-{Environment.ProcessId}");
        var script = Path.Combine(VrrpdBinary.RepositoryRoot(), "tests", "native", "build.sh");
        var result = Command.Run("sh", [script, output], TimeSpan.FromSeconds(120));
        if (result.ExitCode != 0)
        {
            return (null, $"tests/native/build.sh failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return (output, null);
    }
}
