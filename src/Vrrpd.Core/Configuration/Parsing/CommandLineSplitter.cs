using System.Text;

namespace Vrrpd.Configuration;

/// <summary>
/// Splits a script line into argv as a POSIX shell splits words (keepalived does the same before execve):
/// whitespace separates; <c>'...'</c> is literal; <c>"..."</c> keeps whitespace and lets <c>\</c> escape
/// <c>" \ $ `</c>; outside quotes <c>\</c> escapes any character. No expansion, no redirection, no shell.
/// </summary>
internal static class CommandLineSplitter
{
    public static bool TrySplit(string text, out List<string> argv, out string? error)
    {
        argv = [];
        error = null;
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    argv.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (c == '\'')
            {
                int close = text.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    error = "a ' is never closed";
                    return false;
                }

                word.Append(text, i + 1, close - i - 1);
                i = close;
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }

                    word.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    error = "a \" is never closed";
                    return false;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            argv.Add(word.ToString());
        }

        if (argv.Count == 0)
        {
            error = "the command is empty";
            return false;
        }

        return true;
    }
}
