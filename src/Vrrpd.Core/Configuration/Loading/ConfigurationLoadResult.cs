namespace Vrrpd.Configuration;

/// <summary>The outcome of a load: the configuration (null exactly when there are errors) and every diagnostic.</summary>
public sealed class ConfigurationLoadResult
{
    internal ConfigurationLoadResult(VrrpdConfiguration? configuration, IReadOnlyList<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        HasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Configuration = HasErrors ? null : configuration;
    }

    public VrrpdConfiguration? Configuration { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors { get; }

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);
}
