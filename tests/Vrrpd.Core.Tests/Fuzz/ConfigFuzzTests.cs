using System.Text;
using Vrrpd.Configuration;
using Xunit.Abstractions;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of <see cref="ConfigurationLoader.LoadText"/> over Debian's keepalived samples and
/// vrrpd's own example configs. Invariants: it never throws, each input finishes within a bound, every diagnostic
/// points at a real line (and column) of the file, and a result with errors has no configuration.
/// See <see cref="FuzzSettings"/> for longer runs.
/// </summary>
public class ConfigFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 5_000;
    private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(2);

    [Fact]
    public void MutatedConfigs_NeverThrow_AndEveryDiagnosticPointsIntoTheFile()
    {
        int iterations = FuzzSettings.Iterations(CiIterations);
        int seed = FuzzSettings.Seed(20261122);
        var random = new Random(seed);
        IReadOnlyList<(string Name, string Text)> corpus = ConfigCorpus.Files;
        // A directory of its own: relative includes that a mutation makes match nothing there.
        string fileName = Path.Combine(Directory.CreateTempSubdirectory("vrrpd-fuzz-config.").FullName, "keepalived.conf");
        var options = new ConfigurationLoadOptions { ConfigId = "vrrpd-test" };
        int loaded = 0, withErrors = 0, diagnostics = 0;
        var loop = new BoundedLoop(nameof(ConfigFuzzTests), PerInputBound);

        loop.Run(iterations, i =>
        {
            (string name, string original) = corpus[random.Next(corpus.Count)];
            string text = TextMutator.Mutate(random, original, corpus[random.Next(corpus.Count)].Text);
            loop.Describe(() => Save(seed, i, name, text));

            ConfigurationLoadResult result = ConfigurationLoader.LoadText(text, fileName, options);

            Assert.Equal(result.HasErrors, result.Configuration is null);
            Assert.Equal(result.HasErrors, result.Errors.Any());
            string[] lines = text.Split('\n');
            bool substituted = text.Contains('$', StringComparison.Ordinal);
            bool includes = text.Contains("include", StringComparison.Ordinal);
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), diagnostic.ToString());
                Assert.True(diagnostic.Location.Column >= 1, $"column below 1: {diagnostic}");
                if (diagnostic.Location.File != fileName)
                {
                    Assert.True(includes, $"a diagnostic names another file though nothing is included: {diagnostic}");
                    continue;
                }

                Assert.True(diagnostic.Location.Line >= 1 && diagnostic.Location.Line <= lines.Length,
                    $"line outside the file's {lines.Length} lines: {diagnostic}");
                if (!substituted)
                {
                    // Columns count in the file's own text unless a $PARAMETER was expanded into the line.
                    int lineLength = lines[diagnostic.Location.Line - 1].TrimEnd('\r').Length;
                    Assert.True(diagnostic.Location.Column <= lineLength + 1,
                        $"column past the end of line {diagnostic.Location.Line} ({lineLength} chars): {diagnostic}");
                }
            }

            loaded += result.HasErrors ? 0 : 1;
            withErrors += result.HasErrors ? 1 : 0;
            diagnostics += result.Diagnostics.Count;
        });

        string summary = $"seed {seed}, {iterations} configs from {corpus.Count} seeds: {loaded} loaded, {withErrors} with errors, " +
            $"{diagnostics} diagnostics, slowest {loop.Slowest.TotalMilliseconds:0.#} ms";
        output.WriteLine(summary);
        // Both outcomes must occur, or the mutations are either too timid or always fatal.
        Assert.True(iterations < 200 || (loaded > iterations / 20 && withErrors > iterations / 20), summary);
    }

    private static string Save(int seed, int iteration, string seedName, string text)
    {
        string path = Path.Combine(FuzzSettings.FailureDirectory, $"config-seed{seed}-iter{iteration}.conf");
        File.WriteAllText(path, text, Encoding.UTF8);
        return $"seed {seed} iteration {iteration} (mutated {seedName}; saved to {path})";
    }
}
