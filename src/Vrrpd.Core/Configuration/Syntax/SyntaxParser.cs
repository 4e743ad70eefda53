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
        new SyntaxParser(tokens, diagnostics).ParseList(opener: null);

    private bool AtEnd => _position >= _tokens.Count;

    private Token Current => _tokens[_position];

    private List<Statement> ParseList(Token? opener)
    {
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
                    return statements;
                case TokenKind.CloseBrace:
                    _diagnostics.Error(token.Location, "'}' without a matching '{'");
                    break;
                case TokenKind.OpenBrace:
                    _diagnostics.Error(token.Location, "'{' must follow a keyword");
                    ParseList(token);
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
            return new Statement(keyword, arguments, ParseList(open));
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
