namespace Vrrpd.Configuration;

/// <summary>A line that an <c>@ID</c> or <c>@^ID</c> condition left out for this config id. <paramref name="Text"/>
/// is the line with the condition blanked (columns still point into the file); <paramref name="Condition"/> is the
/// condition as written (<c>@gpu-node-a</c>).</summary>
internal readonly record struct DroppedLine(string Text, SourceLocation Location, string Condition)
{
    /// <summary>The first word after the condition: a keyword, or a list entry such as a peer's address.</summary>
    public string FirstWord
    {
        get
        {
            ReadOnlySpan<char> rest = Text.AsSpan().TrimStart();
            int end = rest.IndexOfAny(' ', '\t');
            return (end < 0 ? rest : rest[..end]).ToString();
        }
    }
}
