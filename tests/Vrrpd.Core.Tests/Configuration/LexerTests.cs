using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

public class LexerTests
{
    private static List<Token> Lex(string text, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag();
        return Lexer.Tokenize(new SourceLine(text, new SourceLocation("f", 7, 1)), diagnostics);
    }

    private static List<string> Words(string text) =>
        Lex(text, out _).Where(t => t.Kind == TokenKind.Word).Select(t => t.Text).ToList();

    [Fact]
    public void Words_CarryTheirLineAndColumn()
    {
        List<Token> tokens = Lex("  priority  150", out _);

        Assert.Equal(new SourceLocation("f", 7, 3), tokens[0].Location);
        Assert.Equal(new SourceLocation("f", 7, 13), tokens[1].Location);
        Assert.Equal(TokenKind.EndOfLine, tokens[2].Kind);
    }

    [Theory]
    [InlineData("priority 150 # comment", new[] { "priority", "150" })]
    [InlineData("priority 150 ! comment", new[] { "priority", "150" })]
    [InlineData("priority 150#comment", new[] { "priority", "150" })]
    [InlineData("! whole line", new string[0])]
    [InlineData("auth_pass \"a#b!c\"", new[] { "auth_pass", "a#b!c" })]
    public void Comments_StartAnywhereOutsideQuotes(string line, string[] expected) =>
        Assert.Equal(expected, Words(line));

    [Fact]
    public void Braces_AreTokensWhereverTheyAppear()
    {
        List<Token> tokens = Lex("track_interface{eth0}", out _);

        Assert.Equal(
            [TokenKind.Word, TokenKind.OpenBrace, TokenKind.Word, TokenKind.CloseBrace, TokenKind.EndOfLine],
            tokens.Select(t => t.Kind));
        Assert.Equal(16, tokens[1].Location.Column);
    }

    [Theory]
    [InlineData("notify \"/bin/x  a b\"", "/bin/x  a b")]
    [InlineData("notify '/bin/x {a}'", "/bin/x {a}")]
    [InlineData("notify ab\"c d\"e", "abc de")]
    [InlineData(@"notify ""tab\there""", "tab\there")]
    [InlineData(@"notify ""nl\n""", "nl\n")]
    [InlineData(@"notify ""hex\x41""", "hexA")]
    [InlineData(@"notify ""oct\101""", "octA")]
    [InlineData(@"notify ""q\""q""", "q\"q")]
    [InlineData(@"notify 'back\\slash'", @"back\slash")]
    public void Quotes_KeepWhitespaceAndApplyEscapes(string line, string expected)
    {
        List<Token> tokens = Lex(line, out DiagnosticBag diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(expected, tokens[1].Text);
        Assert.True(tokens[1].Quoted);
    }

    [Fact]
    public void UnterminatedQuote_IsAnErrorAtTheQuote()
    {
        Lex("notify \"/bin/x", out DiagnosticBag diagnostics);

        Diagnostic error = Assert.Single(diagnostics.Items);
        Assert.Equal("f:7:8: error: missing closing \" for the quote that starts here", error.ToString());
    }
}
