using System.Globalization;
using System.Text;

namespace Vrrpd.Configuration;

/// <summary>
/// Splits one line into words and braces (keepalived.conf(5) grammar):
/// <list type="bullet">
/// <item><c>#</c> and <c>!</c> start a comment anywhere outside quotes;</item>
/// <item><c>{</c> and <c>}</c> are tokens of their own wherever they appear outside quotes;</item>
/// <item><c>"</c> or <c>'</c> quote a part of a word (shell-like: <c>a"b c"</c> is one word <c>ab c</c>), and
/// inside quotes the shell escapes <c>\n \t \r \a \b \f \v \\ \" \' \xHH \NNN</c> apply.</item>
/// </list>
/// </summary>
internal static class Lexer
{
    public static void Tokenize(SourceLine line, DiagnosticBag diagnostics, List<Token> output)
    {
        ReadOnlySpan<char> text = line.Text;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (IsCommentStart(c))
            {
                break;
            }
            else if (c is '{' or '}')
            {
                output.Add(new Token(c == '{' ? TokenKind.OpenBrace : TokenKind.CloseBrace, c.ToString(), At(line, i)));
                i++;
            }
            else
            {
                int start = i;
                string word = ReadWord(text, ref i, line, diagnostics, out bool quoted);
                output.Add(new Token(TokenKind.Word, word, At(line, start), quoted));
            }
        }

        output.Add(new Token(TokenKind.EndOfLine, "", At(line, text.Length)));
    }

    /// <summary>Lexes a line on its own (used for <c>include</c> lines and in tests).</summary>
    public static List<Token> Tokenize(SourceLine line, DiagnosticBag diagnostics)
    {
        var tokens = new List<Token>();
        Tokenize(line, diagnostics, tokens);
        return tokens;
    }

    private static bool IsCommentStart(char c) => c is '#' or '!';

    private static SourceLocation At(SourceLine line, int index) =>
        line.Location with { Column = line.Location.Column + index };

    private static string ReadWord(ReadOnlySpan<char> text, ref int i, SourceLine line, DiagnosticBag diagnostics, out bool quoted)
    {
        var word = new StringBuilder();
        quoted = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is '{' or '}' || IsCommentStart(c))
            {
                break;
            }

            if (c is '"' or '\'')
            {
                quoted = true;
                int open = i;
                i++;
                bool closed = false;
                while (i < text.Length)
                {
                    char q = text[i];
                    if (q == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    if (q == '\\' && i + 1 < text.Length)
                    {
                        i++;
                        word.Append(ReadEscape(text, ref i));
                    }
                    else
                    {
                        word.Append(q);
                        i++;
                    }
                }

                if (!closed)
                {
                    diagnostics.Error(At(line, open), $"missing closing {c} for the quote that starts here");
                }

                continue;
            }

            word.Append(c);
            i++;
        }

        return word.ToString();
    }

    /// <summary>Reads the escape after a backslash; <paramref name="i"/> points at the character after the backslash.</summary>
    private static string ReadEscape(ReadOnlySpan<char> text, ref int i)
    {
        char e = text[i++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case 'x':
                {
                    int digits = 0;
                    while (digits < 2 && i + digits < text.Length && char.IsAsciiHexDigit(text[i + digits]))
                    {
                        digits++;
                    }

                    if (digits == 0)
                    {
                        return "x";
                    }

                    int value = int.Parse(text.Slice(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    i += digits;
                    return ((char)value).ToString();
                }

            case >= '0' and <= '7':
                {
                    int value = e - '0';
                    int digits = 1;
                    while (digits < 3 && i < text.Length && text[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (text[i++] - '0');
                        digits++;
                    }

                    return ((char)(value & 0xff)).ToString();
                }

            default:
                // \\ \" \' and any other character stand for themselves.
                return e.ToString();
        }
    }
}
