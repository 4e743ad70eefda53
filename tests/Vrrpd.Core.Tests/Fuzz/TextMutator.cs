using System.Text;
using System.Text.RegularExpressions;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// Mutations of a keepalived-grammar file that a careless edit, a broken generator or an attacker might make:
/// byte flips, deleted and duplicated tokens and lines, unbalanced braces, huge and malformed numbers, hostile
/// Unicode, deep nesting, splices from another file, and the preprocessor's own features ($PARAM, @id, include,
/// quotes, line continuation). One call stacks 1–4 of them.
/// </summary>
internal static partial class TextMutator
{
    private static readonly string[] Numbers =
    [
        "0", "-1", "255", "256", "65535", "4294967296", "99999999999999999999999999999999", "-9223372036854775809",
        "1e400", "0x10", "NaN", "1.5.5", "0.0000001", "１２３", "٣", "+7", "2147483648", "0.001",
    ];

    private static readonly string[] Hostile =
    [
        "\0", "\u200b", "\u202e", "\ufeff", "\ud800", "\udfff", "😀", "e\u0301", "\u00a0", "\t\t", "\r", "\\", "\"", "'",
        "#", "!", "{", "}", "${", "$", "@", "\u2028", "\u0085", "\x7f",
    ];

    // "$Y=$Y" (self-reference) must end in a diagnostic; a self-reference that grows ("$Y=$Y $Y") is left to
    // ConfigHostileInputTests, which names the bug it exposes: here it would take the test host's memory with it.
    private static readonly string[] PreprocessorLines =
    [
        "$X=virtual_router_id 7", "$X", "${X}", "$Y=$Y", "$Y", "$Z=$X $X", "$_R=1", "$X=a \\", "@vrrpd-test priority 9",
        "@^vrrpd-test priority 9", "@", "include /nonexistent/vrrpd-fuzz/*.conf", "includer /nonexistent/x.conf",
        "includew nothing-here-*.conf", "include", "\"unterminated", "'x\\", "track_script { a b c }",
    ];

    public static string Mutate(Random random, string text, string other)
    {
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            text = random.Next(12) switch
            {
                0 => FlipByte(random, text),
                1 => EditToken(random, text, duplicate: false),
                2 => EditToken(random, text, duplicate: true),
                3 => EditLine(random, text),
                4 => Insert(random, text, random.Next(2) == 0 ? "{" : "}"),
                5 => ReplaceNumber(random, text),
                6 => Insert(random, text, Hostile[random.Next(Hostile.Length)]),
                7 => Nest(random, text),
                8 => Splice(random, text, other),
                9 => InsertLine(random, text, PreprocessorLines[random.Next(PreprocessorLines.Length)]),
                10 => text[..random.Next(text.Length + 1)],
                _ => Insert(random, text, Numbers[random.Next(Numbers.Length)]),
            };
        }

        return text;
    }

    private static string FlipByte(Random random, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
        {
            return text;
        }

        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        // Latin-1 keeps every byte as one char (invalid UTF-8 included); UTF-8 turns them into U+FFFD.
        return random.Next(2) == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static string EditToken(Random random, string text, bool duplicate)
    {
        MatchCollection tokens = Token().Matches(text);
        if (tokens.Count == 0)
        {
            return text;
        }

        Match token = tokens[random.Next(tokens.Count)];
        string replacement = duplicate ? $"{token.Value} {token.Value}" : "";
        return string.Concat(text.AsSpan(0, token.Index), replacement, text.AsSpan(token.Index + token.Length));
    }

    private static string EditLine(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        int n = random.Next(lines.Count);
        if (random.Next(2) == 0)
        {
            lines.RemoveAt(n);
        }
        else
        {
            lines.Insert(n, lines[n]);
        }

        return string.Join('\n', lines);
    }

    private static string ReplaceNumber(Random random, string text)
    {
        MatchCollection numbers = Number().Matches(text);
        if (numbers.Count == 0)
        {
            return text;
        }

        Match number = numbers[random.Next(numbers.Count)];
        return string.Concat(text.AsSpan(0, number.Index), Numbers[random.Next(Numbers.Length)], text.AsSpan(number.Index + number.Length));
    }

    private static string Insert(Random random, string text, string what)
    {
        int at = random.Next(text.Length + 1);
        return string.Concat(text.AsSpan(0, at), what, text.AsSpan(at));
    }

    private static string InsertLine(Random random, string text, string line)
    {
        var lines = text.Split('\n').ToList();
        lines.Insert(random.Next(lines.Count + 1), line);
        return string.Join('\n', lines);
    }

    /// <summary>Wraps a run of lines in up to 200 levels of <c>block {</c> ... <c>}</c> (sometimes unclosed).</summary>
    private static string Nest(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        int depth = 1 + random.Next(random.Next(4) == 0 ? 200 : 8);
        int start = random.Next(lines.Count);
        int end = start + random.Next(lines.Count - start);
        string keyword = random.Next(3) switch { 0 => "vrrp_instance VI_N", 1 => "virtual_ipaddress", _ => "" };
        lines.Insert(end + 1 > lines.Count ? lines.Count : end + 1, string.Concat(Enumerable.Repeat("}", random.Next(5) == 0 ? depth - 1 : depth)));
        lines.Insert(start, string.Concat(Enumerable.Repeat($"{keyword} {{ ", depth)));
        return string.Join('\n', lines);
    }

    private static string Splice(Random random, string text, string other)
    {
        var lines = text.Split('\n').ToList();
        string[] donor = other.Split('\n');
        int from = random.Next(donor.Length);
        int count = 1 + random.Next(Math.Min(20, donor.Length - from));
        lines.InsertRange(random.Next(lines.Count + 1), donor.Skip(from).Take(count));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\b\d+(\.\d+)?\b")]
    private static partial Regex Number();
}
