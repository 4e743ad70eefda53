namespace Vrrpd.Configuration;

/// <summary>
/// Where a comment starts on a line, by the lexer's own rules (<c>#</c> or <c>!</c> outside quotes, a backslash
/// inside quotes escapes the next character). keepalived removes comments before it defines or substitutes
/// parameters, so a <c>$NAME</c> or a trailing <c>\</c> inside a comment does nothing
/// (docs/design/keepalived-compatibility.md §10).
/// </summary>
internal static class CommentText
{
    public static int StartOf(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '#' or '!')
            {
                return i;
            }
        }

        return line.Length;
    }

    /// <summary>The line without its comment and without trailing whitespace; leading whitespace is kept so that
    /// columns still point into the file.</summary>
    public static string Strip(string line) => line[..StartOf(line)].TrimEnd();
}
