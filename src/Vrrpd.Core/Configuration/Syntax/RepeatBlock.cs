using System.Globalization;

namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's sequence and list blocks (keepalived.conf(5), "Sequence blocks", "List blocks"): a line that
/// starts <c>~SEQ(VAR, START, STEP, END)</c>, <c>~SEQx(...)</c> (hexadecimal values), <c>~LST(VAR, V1, V2, ...)</c>
/// or <c>~LST({VAR1, VAR2}, {V1, V2}, ...)</c> stands for the rest of the line read once per value, with the
/// variables defined as parameters. The rest may itself start with another block, which then runs inside this one.
/// </summary>
internal sealed record RepeatBlock(IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Iterations, string Text)
{
    /// <summary>Reads a block at the start of <paramref name="line"/> (already without leading whitespace).
    /// <paramref name="substitute"/> replaces parameters in a ~SEQ's numbers, as keepalived allows there.</summary>
    public static RepeatBlock? TryParse(string line, Func<string, string?> substitute, out string error)
    {
        error = "";
        var reader = new Reader(line, 4);
        RepeatBlock? block = line.StartsWith("~SEQ", StringComparison.Ordinal) ? ReadSequence(reader, substitute, ref error) : ReadList(reader);
        if (block is null && error.Length == 0)
        {
            error = $"invalid {line[..4]} block '{line}'; expected {(line[1] == 'S' ? "~SEQ(VAR, [START,] [STEP,] END)" : "~LST(VAR, VALUE, ...) or ~LST({VAR, ...}, {VALUE, ...}, ...)")}";
        }

        return block;
    }

    private static RepeatBlock? ReadSequence(Reader r, Func<string, string?> substitute, ref string error)
    {
        bool hex = r.Take('x');
        r.SkipBlanks();
        if (!r.Take('('))
        {
            return null;
        }

        r.SkipBlanks();
        string variable = r.Until(" \t,)");
        r.SkipBlanks();
        if (variable.Length == 0 || variable[0] == '{' || !r.Take(','))
        {
            return null;
        }

        int close = r.Text.IndexOf(')', r.Position);
        if (close < 0)
        {
            return null;
        }

        string numbers = r.Text[r.Position..(close + 1)];
        numbers = substitute(numbers) ?? numbers;
        var values = new List<long>();
        var n = new Reader(numbers, 0);
        while (true)
        {
            values.Add(n.CNumber());
            n.SkipBlanks();
            if (n.Take(')'))
            {
                break;
            }

            if (!n.Take(',') || values.Count == 3)
            {
                return null;
            }
        }

        long start, step, end;
        switch (values.Count)
        {
            case 1:
                end = values[0];
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
                break;
            case 2:
                (start, end) = (values[0], values[1]);
                step = start <= end ? 1 : -1;
                break;
            default:
                (start, step, end) = (values[0], values[1], values[2]);
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0))
                {
                    error = $"~SEQ({variable}, {start}, {step}, {end}) never reaches its end";
                    return null;
                }

                break;
        }

        if (hex && (start < 0 || end < 0))
        {
            error = "~SEQx takes positive numbers only";
            return null;
        }

        string text = r.Text[(close + 1)..].TrimStart(' ', '\t');
        return new RepeatBlock(Sequence(variable, start, step, end, hex), text);
    }

    private static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Sequence(string variable, long start, long step, long end, bool hex)
    {
        for (long value = start; step > 0 ? value <= end : value >= end; value += step)
        {
            string text = hex ? value.ToString("x", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
            yield return [new KeyValuePair<string, string>(variable, text)];
            if ((step > 0 && value > long.MaxValue - step) || (step < 0 && value < long.MinValue - step))
            {
                yield break;
            }
        }
    }

    private static RepeatBlock? ReadList(Reader r)
    {
        r.SkipBlanks();
        if (!r.Take('('))
        {
            return null;
        }

        r.SkipBlanks();
        List<string>? variables = ReadGroup(r, " \t,}", allowClose: false);
        r.SkipBlanks();
        if (variables is null || !r.Take(','))
        {
            return null;
        }

        var sets = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        while (true)
        {
            r.SkipBlanks();
            List<string>? values = ReadGroup(r, " \t,})", allowClose: true);
            if (values is null || values.Count > variables.Count)
            {
                return null;
            }

            // Missing values are empty, as in keepalived.
            sets.Add(variables.Select((v, i) => new KeyValuePair<string, string>(v, i < values.Count ? values[i] : "")).ToList());
            r.SkipBlanks();
            if (r.Take(')'))
            {
                break;
            }

            if (!r.Take(','))
            {
                return null;
            }
        }

        return new RepeatBlock(sets, r.Text[r.Position..].TrimStart(' ', '\t'));
    }

    /// <summary>One word, or several in <c>{ }</c> separated by commas.</summary>
    private static List<string>? ReadGroup(Reader r, string stops, bool allowClose)
    {
        if (!r.Take('{'))
        {
            string word = r.Until(stops);
            return allowClose || word.Length > 0 ? [word] : null;
        }

        var words = new List<string>();
        while (true)
        {
            r.SkipBlanks();
            words.Add(r.Until(stops));
            r.SkipBlanks();
            if (r.Take('}'))
            {
                return words;
            }

            if (!r.Take(','))
            {
                return null;
            }
        }
    }

    private sealed class Reader(string text, int position)
    {
        public string Text { get; } = text;

        public int Position { get; private set; } = position;

        public bool Take(char c)
        {
            if (Position < Text.Length && Text[Position] == c)
            {
                Position++;
                return true;
            }

            return false;
        }

        public void SkipBlanks()
        {
            while (Position < Text.Length && Text[Position] is ' ' or '\t')
            {
                Position++;
            }
        }

        public string Until(string stops)
        {
            int start = Position;
            while (Position < Text.Length && !stops.Contains(Text[Position], StringComparison.Ordinal))
            {
                Position++;
            }

            return Text[start..Position];
        }

        /// <summary>A number as C's strtol(…, 0) reads it: an optional sign, then 0x… hexadecimal, 0… octal or
        /// decimal; no digits reads as 0.</summary>
        public long CNumber()
        {
            SkipBlanks();
            bool negative = Take('-');
            if (!negative)
            {
                Take('+');
            }

            int radix = 10;
            if (Position + 1 < Text.Length && Text[Position] == '0' && Text[Position + 1] is 'x' or 'X' && Position + 2 < Text.Length && char.IsAsciiHexDigit(Text[Position + 2]))
            {
                radix = 16;
                Position += 2;
            }
            else if (Position < Text.Length && Text[Position] == '0')
            {
                radix = 8;
            }

            long value = 0;
            while (Position < Text.Length && Digit(Text[Position], radix) is int digit and >= 0)
            {
                value = unchecked((value * radix) + digit);
                Position++;
            }

            return negative ? -value : value;
        }

        private static int Digit(char c, int radix)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : -1;
            return d < radix ? d : -1;
        }
    }
}
