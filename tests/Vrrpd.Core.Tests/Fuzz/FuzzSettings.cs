using System.Globalization;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// How long the seeded mutation fuzzers run. CI uses each fuzzer's default (the whole suite stays under 20 s);
/// VRRPD_FUZZ_ITERATIONS and VRRPD_FUZZ_SEED run them longer or replay a failure.
/// </summary>
/// <remarks>
/// These came before the coverage-guided fuzzers (SharpFuzz + libFuzzer, tests/fuzz/run.sh, docs/fuzzing.md)
/// and stay: they run inside the ordinary test suite with no instrumentation or clang, and their seeded
/// mutations of the golden corpora cover the same promises. A failure prints its seed and iteration, which
/// replay it exactly.
/// </remarks>
internal static class FuzzSettings
{
    public const string IterationsVariable = "VRRPD_FUZZ_ITERATIONS";
    public const string SeedVariable = "VRRPD_FUZZ_SEED";

    /// <summary>VRRPD_FUZZ_ITERATIONS when set (and positive), else the fuzzer's CI default.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : ciDefault;

    /// <summary>VRRPD_FUZZ_SEED when set, else a fixed seed: CI runs are reproducible.</summary>
    public static int Seed(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : ciDefault;

    /// <summary>Where a failing input is written, so it can be read and replayed outside the fuzzer.</summary>
    public static string FailureDirectory
    {
        get
        {
            string directory = Path.Combine(Path.GetTempPath(), "vrrpd-fuzz-failures");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
