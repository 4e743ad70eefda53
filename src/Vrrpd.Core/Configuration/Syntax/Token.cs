namespace Vrrpd.Configuration;

internal enum TokenKind
{
    Word,
    OpenBrace,
    CloseBrace,
    EndOfLine,
}

/// <summary>A lexed word (quotes removed, escapes applied) or a brace, with where it starts.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location, bool Quoted = false)
{
    public override string ToString() => Kind switch
    {
        TokenKind.OpenBrace => "{",
        TokenKind.CloseBrace => "}",
        TokenKind.EndOfLine => "end of line",
        _ => Text,
    };
}
