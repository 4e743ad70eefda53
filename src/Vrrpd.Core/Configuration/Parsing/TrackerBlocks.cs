namespace Vrrpd.Configuration;

/// <summary>What the tracker definition blocks share: one name and a <c>{ }</c> block read through a keyword table.</summary>
internal static class TrackerBlocks
{
    /// <summary>Reads <c>KEYWORD NAME { ... }</c> into a new draft; null when the shape is wrong.</summary>
    public static TDraft? Read<TDraft>(Statement s, KeywordTable<TDraft> table, Func<string, SourceLocation, TDraft> create, DiagnosticBag d)
        where TDraft : class
    {
        if (!Values.ExpectBlock(s, 1, "a name and a { } block", d))
        {
            return null;
        }

        TDraft draft = create(s.Arguments[0].Text, s.Location);
        table.Dispatch(s.Block!, draft, d);
        return draft;
    }

    /// <summary>Tracker blocks have no keepalived keywords left unimplemented.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoneIgnored = new Dictionary<string, string?>(StringComparer.Ordinal);

    public static bool TryAbsolutePath(Token token, string keyword, DiagnosticBag d)
    {
        if (token.Text.StartsWith('/'))
        {
            UnresolvedParameters.Warn(token, "path", d);
            return true;
        }

        d.Error(token.Location, $"'{keyword}' expects an absolute path, got '{token.Text}'");
        return false;
    }
}
