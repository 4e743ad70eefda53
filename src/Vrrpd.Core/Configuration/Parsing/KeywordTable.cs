namespace Vrrpd.Configuration;

/// <summary>Handles one keyword of a section: reads the statement into the section's draft.</summary>
internal delegate void KeywordHandler<in TDraft>(Statement statement, TDraft draft, DiagnosticBag diagnostics);

/// <summary>
/// Dispatches the statements of one section (<c>global_defs</c>, <c>vrrp_instance</c>, ...) to their handlers.
/// Order of lookup: implemented handler; refused keyword (error); known-but-unimplemented keepalived keyword
/// (warning, block skipped); anything else is not a keepalived keyword (error).
/// </summary>
internal sealed class KeywordTable<TDraft>(
    string section,
    IReadOnlyDictionary<string, KeywordHandler<TDraft>> handlers,
    IReadOnlyDictionary<string, string?> unimplemented)
{
    public IEnumerable<string> Keywords => handlers.Keys;

    public void Dispatch(IEnumerable<Statement> statements, TDraft draft, DiagnosticBag diagnostics)
    {
        foreach (Statement statement in statements)
        {
            if (handlers.TryGetValue(statement.Name, out KeywordHandler<TDraft>? handler))
            {
                handler(statement, draft, diagnostics);
            }
            else if (KeepalivedKeywords.Unsupported.TryGetValue(statement.Name, out string? fallback))
            {
                diagnostics.Warning(statement.Location, fallback);
            }
            else if (unimplemented.TryGetValue(statement.Name, out string? note))
            {
                string message = $"'{statement.Name}' is a keepalived keyword vrrpd does not implement; ignored";
                diagnostics.Warning(statement.Location, note is null ? message : $"{message} ({note})");
            }
            else
            {
                diagnostics.Error(statement.Location, $"unknown keyword '{statement.Name}' in {section}");
            }
        }
    }
}
