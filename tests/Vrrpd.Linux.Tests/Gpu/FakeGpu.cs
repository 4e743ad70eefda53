using System.Diagnostics;

namespace Vrrpd.Linux.Tests.Gpu;

/// <summary>
/// The fake libnvidia-ml.so.1 / libcuda.so.1 of tests/native, built with gcc once per test run. Each test gets
/// its own copy of the libraries in its own folder, with the state file ("fake-state") next to them: a separate
/// dlopen instance and separate state, so tests need no process-wide environment and may run in parallel.
/// </summary>
internal sealed class FakeGpu : IDisposable
{
    private static readonly Lazy<(string? Folder, string? Error)> Built = new(Build);

    private FakeGpu(string folder, bool classic)
    {
        Folder = folder;
        string built = Built.Value.Folder ?? throw new InvalidOperationException(Built.Value.Error);
        File.Copy(Path.Combine(built, classic ? "classic" : "", "libnvidia-ml.so.1"), NvmlPath);
        File.Copy(Path.Combine(built, "libcuda.so.1"), CudaPath);
    }

    /// <summary>Why the fakes cannot be built (no gcc), or null.</summary>
    public static string? Unavailable => Gcc() is null ? "gcc is not installed: the fake NVML/CUDA libraries cannot be built" : null;

    public string Folder { get; }

    public string NvmlPath => Path.Combine(Folder, "libnvidia-ml.so.1");

    public string CudaPath => Path.Combine(Folder, "libcuda.so.1");

    public string StatePath => Path.Combine(Folder, "fake-state");

    /// <summary>A fresh copy of the full fake (or the classic-only "old driver") with <paramref name="state"/>.</summary>
    public static FakeGpu Create(string state, bool classic = false)
    {
        string folder = Path.Combine(Path.GetTempPath(), "vrrpd-fake-gpu", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var fake = new FakeGpu(folder, classic);
        fake.Write(state);
        return fake;
    }

    /// <summary>Replaces the whole state atomically (rename), so the library never reads half a file.</summary>
    public void Write(string state)
    {
        string temporary = StatePath + ".tmp";
        File.WriteAllText(temporary, state);
        File.Move(temporary, StatePath, overwrite: true);
    }

    /// <summary>Adds one line, e.g. "gpu 0 xid 79": an event delivered once to each registered event set.</summary>
    public void Append(string line) => File.AppendAllText(StatePath, line + "\n");

    public void Dispose() => DeleteFolder(Folder);

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (string?, string?) Build()
    {
        if (Gcc() is null)
            return (null, Unavailable);
        string script = Path.Combine(RepositoryRoot(), "tests", "native", "build.sh");
        string output = Path.Combine(Path.GetTempPath(), "vrrpd-fake-gpu", $"build-{Environment.ProcessId}");
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(output);
        using var build = Process.Start(start)!;
        string errors = build.StandardError.ReadToEnd() + build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(output);
        return build.ExitCode == 0 ? (output, null) : (null, $"tests/native/build.sh failed: {errors}");
    }

    private static string? Gcc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(folder => Path.Combine(folder, "gcc")).FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "tests", "native", "build.sh")))
                return folder.FullName;
        throw new InvalidOperationException("tests/native/build.sh not found above " + AppContext.BaseDirectory);
    }
}
