namespace Vrrpd.Configuration;

/// <summary>Builds the statement tree from tokens: a keyword, its arguments to the end of the line, and an
/// optional block. Braces may sit anywhere (<c>track_interface { eth0 }</c> on one line is fine).</summary>
internal sealed class SyntaxParser
{
    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private int _position;

    private SyntaxParser(List<Token> tokens, DiagnosticBag diagnostics)
    {
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<Statement> Parse(List<Token> tokens, DiagnosticBag diagnostics) =>
        new SyntaxParser(tokens, diagnostics).ParseList(opener: null, out _);

    private bool AtEnd => _position >= _tokens.Count;

    private Token Current => _tokens[_position];

    /// <summary>keepalived's grammar nests a few levels (vrrp_instance { virtual_ipaddress { } }); a bound keeps
    /// a hostile file from exhausting the stack, which no catch can survive.</summary>
    internal const int MaxDepth = 64;

    private int _depth;

    /// <summary>Parses statements up to the '}' that closes <paramref name="opener"/> (to the end without one);
    /// <paramref name="close"/> is that '}', or null when the block is never closed or was skipped.</summary>
    private List<Statement> ParseList(Token? opener, out Token? close)
    {
        close = null;
        if (opener is { } deep && _depth >= MaxDepth)
        {
            _diagnostics.Error(deep.Location, $"blocks nested deeper than {MaxDepth} levels; this block is skipped");
            SkipBlock();
            return [];
        }

        _depth++;
        try
        {
            return ParseListBody(opener, out close);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Skips to the '}' closing a block whose '{' was just read, counting braces without recursion.</summary>
    private void SkipBlock()
    {
        for (var open = 1; !AtEnd && open > 0; _position++)
        {
            if (Current.Kind == TokenKind.OpenBrace) open++;
            else if (Current.Kind == TokenKind.CloseBrace) open--;
        }
    }

    private List<Statement> ParseListBody(Token? opener, out Token? close)
    {
        close = null;
        var statements = new List<Statement>();
        while (true)
        {
            SkipEndOfLines();
            if (AtEnd)
            {
                if (opener is { } open)
                {
                    _diagnostics.Error(open.Location, "this '{' is never closed (missing '}')");
                }

                return statements;
            }

            Token token = Current;
            _position++;
            switch (token.Kind)
            {
                case TokenKind.CloseBrace when opener is not null:
                    close = token;
                    return statements;
                case TokenKind.CloseBrace:
                    _diagnostics.Error(token.Location, "'}' without a matching '{'");
                    break;
                case TokenKind.OpenBrace:
                    _diagnostics.Error(token.Location, "'{' must follow a keyword");
                    ParseList(token, out _);
                    break;
                default:
                    statements.Add(ParseStatement(token));
                    break;
            }
        }
    }

    private Statement ParseStatement(Token keyword)
    {
        var arguments = new List<Token>();
        while (!AtEnd && Current.Kind == TokenKind.Word)
        {
            arguments.Add(Current);
            _position++;
        }

        int afterLine = _position;
        SkipEndOfLines();
        if (!AtEnd && Current.Kind == TokenKind.OpenBrace)
        {
            Token open = Current;
            _position++;
            List<Statement> block = ParseList(open, out Token? close);
            return new Statement(keyword, arguments, block) { BlockEnd = close?.Location };
        }

        _position = afterLine;
        return new Statement(keyword, arguments, null);
    }

    private void SkipEndOfLines()
    {
        while (!AtEnd && Current.Kind == TokenKind.EndOfLine)
        {
            _position++;
        }
    }
}
