using System.Text;
using Vrrpd.Configuration;
using static Vrrpd.Fuzz.InvariantBrokenException;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// The configuration lexer, preprocessor (<c>include</c>, <c>@ID</c> lines, <c>$NAME</c> parameters), parser and
/// validation through <see cref="ConfigurationLoader.LoadText"/>, on the input as a file's UTF-8 text. Promises: it
/// never throws, a result has a configuration exactly when it has no errors, and every diagnostic names a line of
/// the file (or of an included one) and a column on it.
/// </summary>
internal sealed class ConfigTarget : IFuzzTarget
{
    // A folder of its own, so that a relative include the fuzzer writes matches nothing in the repository.
    private static readonly string FileName =
        Path.Combine(Directory.CreateTempSubdirectory("vrrpd-fuzz-config.").FullName, "keepalived.conf");

    private static readonly ConfigurationLoadOptions Options = new() { ConfigId = "vrrpd-fuzz" };

    public string Name => "config";

    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        ConfigurationLoadResult result = ConfigurationLoader.LoadText(text, FileName, Options);

        ThrowUnless(result.HasErrors == (result.Configuration is null), $"HasErrors={result.HasErrors} but configuration {(result.Configuration is null ? "missing" : "present")}");
        ThrowUnless(result.HasErrors == result.Errors.Any(), $"HasErrors={result.HasErrors} with {result.Errors.Count()} errors");
        string[] lines = text.Split('\n');
        bool substituted = text.Contains('$', StringComparison.Ordinal);
        foreach (Diagnostic diagnostic in result.Diagnostics)
        {
            ThrowUnless(!string.IsNullOrWhiteSpace(diagnostic.Message), $"a diagnostic without a message: {diagnostic}");
            ThrowUnless(diagnostic.Location.Column >= 1, $"column below 1: {diagnostic}");
            if (diagnostic.Location.File != FileName)
            {
                ThrowUnless(text.Contains("include", StringComparison.Ordinal), $"a diagnostic names another file though nothing is included: {diagnostic}");
                continue;
            }

            ThrowUnless(diagnostic.Location.Line >= 1 && diagnostic.Location.Line <= lines.Length,
                $"line outside the file's {lines.Length} lines: {diagnostic}");
            if (!substituted)
            {
                // Columns count in the file's own text unless a $PARAMETER was expanded into the line.
                int lineLength = lines[diagnostic.Location.Line - 1].TrimEnd('\r').Length;
                ThrowUnless(diagnostic.Location.Column <= lineLength + 1,
                    $"column past the end of line {diagnostic.Location.Line} ({lineLength} chars): {diagnostic}");
            }
        }
    }
}
