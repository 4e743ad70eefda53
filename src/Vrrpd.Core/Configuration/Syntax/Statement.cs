namespace Vrrpd.Configuration;

/// <summary>
/// One keyword line of keepalived's grammar: the keyword, the words after it on the same line, and the
/// <c>{ ... }</c> block that follows it (on the same or the next line), if any.
/// </summary>
internal sealed record Statement(Token Keyword, IReadOnlyList<Token> Arguments, IReadOnlyList<Statement>? Block)
{
    public string Name => Keyword.Text;

    public SourceLocation Location => Keyword.Location;

    /// <summary>Where the block's closing <c>}</c> is; null without a block or when the block is never closed.</summary>
    public SourceLocation? BlockEnd { get; init; }

    /// <summary>Every word in the block, in order, ignoring line structure: for list blocks such as
    /// <c>group { VI_1 VI_2 }</c>, which keepalived reads as a flat word list.</summary>
    public IEnumerable<Token> BlockWords()
    {
        foreach (Statement child in Block ?? [])
        {
            yield return child.Keyword;
            foreach (Token argument in child.Arguments)
            {
                yield return argument;
            }

            foreach (Token nested in child.BlockWords())
            {
                yield return nested;
            }
        }
    }
}
