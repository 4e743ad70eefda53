namespace Vrrpd.Configuration;

/// <summary>Collects diagnostics in the order they are found; nothing in the loader throws for a bad file.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Error(SourceLocation location, string message)
    {
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, location, message));
        HasErrors = true;
    }

    public void Warning(SourceLocation location, string message) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, location, message));
}
