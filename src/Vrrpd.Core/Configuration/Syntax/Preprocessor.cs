using System.Text;

namespace Vrrpd.Configuration;

/// <summary>
/// The line-level features of keepalived.conf(5) that come before lexing, in keepalived's order:
/// <c>@ID</c> / <c>@^ID</c> conditional lines, <c>$NAME=value</c> definitions (with <c>\</c> continuation),
/// <c>$NAME</c> / <c>${NAME}</c> substitution, and <c>include</c> (globs, relative to the including file).
/// Columns stay exact unless a parameter was substituted into the line (then they count in the expanded text).
/// </summary>
internal sealed class Preprocessor(DiagnosticBag diagnostics, string configId)
{
    private const int MaxIncludeDepth = 32;
    private const int MaxExpansionPasses = 32;

    private static readonly HashSet<string> IncludeKeywords =
        ["include", "includer", "includem", "includew", "includeb", "includea"];

    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _includeStack = [];
    private int _filesRead;
    private int _bytesRead;   // bytes of every file read so far, against ConfigurationLimits.MaxTotalBytes
    private long _expandedChars;   // characters of every line after substitution, against ConfigurationLimits.MaxExpandedChars
    private bool _stopped;   // a limit that ends the whole load was reached

    public List<SourceLine> Lines { get; } = [];

    /// <summary>Lines a conditional left out for this config id, in file order, so that a check can tell "this
    /// host has no priority line at all" from "this host's priority line is missing".</summary>
    public List<DroppedLine> DroppedLines { get; } = [];

    /// <summary>Reads a file; <paramref name="includedFrom"/> is where an error about reading it is reported.</summary>
    public void AddFile(string path, SourceLocation includedFrom)
    {
        if (_stopped)
        {
            return;
        }

        string full = Path.GetFullPath(path);
        if (_includeStack.Contains(full))
        {
            diagnostics.Error(includedFrom, $"'{full}' includes itself (include cycle); not read again");
            return;
        }

        if (_includeStack.Count >= MaxIncludeDepth)
        {
            diagnostics.Error(includedFrom, $"includes nested more than {MaxIncludeDepth} deep; '{full}' not read");
            return;
        }

        if (_filesRead >= ConfigurationLimits.MaxFiles)
        {
            diagnostics.Error(includedFrom, $"more than {ConfigurationLimits.MaxFiles} configuration files in one load; '{full}' not read");
            return;
        }

        int allowance = Math.Min(ConfigurationLimits.MaxFileBytes, ConfigurationLimits.MaxTotalBytes - _bytesRead);
        switch (ConfigurationFile.Read(full, allowance, out string text, out int length, out string error))
        {
            case ConfigurationFileStatus.Failed:
                diagnostics.Error(includedFrom, error);
                return;
            case ConfigurationFileStatus.TooLarge when allowance == ConfigurationLimits.MaxFileBytes:
                diagnostics.Error(includedFrom, $"'{full}' is larger than {ConfigurationLimits.MaxFileBytes / 1024 / 1024} MiB, the most a configuration file may have; not read");
                return;
            case ConfigurationFileStatus.TooLarge:
                diagnostics.Error(includedFrom, $"'{full}' would take the configuration past {ConfigurationLimits.MaxTotalBytes / 1024 / 1024} MiB, the most all files of one load may have together; not read");
                return;
        }

        _filesRead++;
        _bytesRead += length;
        _includeStack.Add(full);
        AddText(text, path);
        _includeStack.RemoveAt(_includeStack.Count - 1);
    }

    public void AddText(string text, string fileName)
    {
        if (_stopped)
        {
            return;
        }

        string baseDirectory = Path.GetDirectoryName(fileName) is { Length: > 0 } d ? d : Directory.GetCurrentDirectory();
        string[] raw = text.Split('\n');
        for (int n = 0; n < raw.Length; n++)
        {
            var location = new SourceLocation(fileName, n + 1, 1);
            string line = raw[n].TrimEnd('\r');
            if (!ApplyConditional(ref line, location))
            {
                continue;
            }

            if (TryDefineParameter(line, raw, ref n, location))
            {
                continue;
            }

            string expanded = Substitute(line, location);
            if (_stopped)
            {
                return;
            }

            _expandedChars += expanded.Length;
            if (_expandedChars > ConfigurationLimits.MaxExpandedChars)
            {
                // A short line that names a long parameter, repeated, grows far beyond the bytes read.
                diagnostics.Error(location, $"parameter substitution makes the configuration longer than {ConfigurationLimits.MaxExpandedChars / 1024 / 1024} Mi characters; the rest is not read");
                _stopped = true;
                return;
            }

            foreach (string part in expanded.Split('\n'))
            {
                var sourceLine = new SourceLine(part, location);
                if (!TryInclude(sourceLine, baseDirectory))
                {
                    Lines.Add(sourceLine);
                }
            }
        }
    }

    /// <summary><c>@ID rest</c> keeps <c>rest</c> only when the config id is ID; <c>@^ID</c> keeps it otherwise.
    /// The prefix is blanked rather than removed so that columns still point into the file.</summary>
    private bool ApplyConditional(ref string line, SourceLocation location)
    {
        int at = 0;
        while (at < line.Length && char.IsWhiteSpace(line[at]))
        {
            at++;
        }

        if (at == line.Length || line[at] != '@')
        {
            return true;
        }

        bool negate = at + 1 < line.Length && line[at + 1] == '^';
        int idStart = at + (negate ? 2 : 1);
        int idEnd = idStart;
        while (idEnd < line.Length && !char.IsWhiteSpace(line[idEnd]))
        {
            idEnd++;
        }

        if (idEnd == idStart)
        {
            diagnostics.Error(location with { Column = at + 1 }, "'@' must be followed by a config id (@ID or @^ID)");
            return false;
        }

        bool matches = string.Equals(line[idStart..idEnd], configId, StringComparison.Ordinal);
        string blanked = string.Concat(line.AsSpan(0, at), new string(' ', idEnd - at), line.AsSpan(idEnd));
        if (matches == negate)
        {
            DroppedLines.Add(new DroppedLine(blanked, location, line[at..idEnd]));
            return false;
        }

        line = blanked;
        return true;
    }

    /// <summary><c>$NAME=value</c> (no space before <c>=</c>); a value whose line ends with <c>\</c> continues on the
    /// next line, and each continued line becomes its own line where the parameter is used.</summary>
    private bool TryDefineParameter(string line, string[] raw, ref int n, SourceLocation location)
    {
        string trimmed = line.TrimStart();
        if (!trimmed.StartsWith('$'))
        {
            return false;
        }

        int nameEnd = 1;
        while (nameEnd < trimmed.Length && IsNameChar(trimmed[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == 1 || nameEnd >= trimmed.Length || trimmed[nameEnd] != '=' || char.IsAsciiDigit(trimmed[1]))
        {
            return false;
        }

        string name = trimmed[1..nameEnd];
        var value = new StringBuilder(trimmed[(nameEnd + 1)..].TrimEnd());
        while (value.Length > 0 && value[^1] == '\\' && n + 1 < raw.Length)
        {
            value.Length--;
            n++;
            value.Append('\n').Append(raw[n].TrimEnd('\r').TrimEnd());
        }

        if (name.StartsWith('_'))
        {
            int column = line.Length - trimmed.Length + 2;
            diagnostics.Error(location with { Column = column }, $"parameter names starting with '_' are reserved to keepalived; '${name}' not defined");
            return true;
        }

        _parameters[name] = value.ToString().TrimEnd('\\');
        return true;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Replaces <c>${NAME}</c> anywhere and <c>$NAME</c> followed by whitespace or the end of the line,
    /// again and again until nothing changes (keepalived expands recursively). Undefined names stay as written.</summary>
    /// <summary>No keepalived line needs more; a self-growing parameter reaches it in a few rounds.</summary>
    internal const int MaxExpandedLineLength = 64 * 1024;

    private string Substitute(string line, SourceLocation location)
    {
        if (!line.Contains('$', StringComparison.Ordinal) || _parameters.Count == 0)
        {
            return line;
        }

        for (int pass = 0; pass < MaxExpansionPasses; pass++)
        {
            bool changed = false;
            var output = new StringBuilder(line.Length);
            int i = 0;
            while (i < line.Length)
            {
                if (line[i] != '$' || i + 1 >= line.Length)
                {
                    output.Append(line[i++]);
                    continue;
                }

                if (line[i + 1] == '{')
                {
                    int close = line.IndexOf('}', i + 2);
                    if (close > 0 && _parameters.TryGetValue(line[(i + 2)..close], out string? braced))
                    {
                        output.Append(braced);
                        i = close + 1;
                        changed = true;
                        continue;
                    }
                }
                else
                {
                    int end = i + 1;
                    while (end < line.Length && IsNameChar(line[end]))
                    {
                        end++;
                    }

                    bool delimited = end == line.Length || char.IsWhiteSpace(line[end]);
                    if (end > i + 1 && delimited && _parameters.TryGetValue(line[(i + 1)..end], out string? plain))
                    {
                        output.Append(plain);
                        i = end;
                        changed = true;
                        continue;
                    }
                }

                output.Append(line[i++]);
            }

            if (!changed)
            {
                return line;
            }

            if (output.Length > MaxExpandedLineLength)
            {
                // `$Y=$Y $Y` doubles on every round: stop before it eats the heap.
                diagnostics.Error(location, $"parameter substitution makes this line longer than {MaxExpandedLineLength} characters (does a parameter refer to itself?)");
                return line;
            }

            line = output.ToString();
        }

        diagnostics.Error(location, $"parameter substitution did not finish after {MaxExpansionPasses} rounds (does a parameter refer to itself?)");
        return line;
    }

    /// <summary><c>include PATTERN...</c>: plain <c>include</c> is silent when nothing matches (keepalived);
    /// <c>includew</c> warns; <c>includer</c>, <c>includem</c>, <c>includeb</c> and <c>includea</c> report an error.</summary>
    private bool TryInclude(SourceLine line, string baseDirectory)
    {
        string trimmed = line.Text.TrimStart();
        if (!trimmed.StartsWith("include", StringComparison.Ordinal))
        {
            return false;
        }

        // Not lexed: a glob's braces ({a,b}) are part of the pattern here, not blocks.
        List<Token> words = SplitIncludeLine(line);
        if (words.Count == 0 || !IncludeKeywords.Contains(words[0].Text))
        {
            return false;
        }

        Token keyword = words[0];
        List<Token> patterns = words.Skip(1).ToList();
        if (patterns.Count == 0)
        {
            diagnostics.Error(keyword.Location, $"'{keyword.Text}' expects a file name or glob pattern");
            return true;
        }

        foreach (Token pattern in patterns)
        {
            List<string> files = GlobExpander.Expand(pattern.Text, baseDirectory);
            if (files.Count == 0)
            {
                string message = $"'{keyword.Text} {pattern.Text}' matches no file";
                if (keyword.Text == "includew")
                {
                    diagnostics.Warning(pattern.Location, message);
                }
                else if (keyword.Text != "include")
                {
                    diagnostics.Error(pattern.Location, message);
                }
            }

            foreach (string file in files)
            {
                AddFile(file, pattern.Location);
            }
        }

        return true;
    }

    /// <summary>Whitespace-separated words up to a comment; quotes around a word are removed.</summary>
    private static List<Token> SplitIncludeLine(SourceLine line)
    {
        var words = new List<Token>();
        string text = line.Text;
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] is '#' or '!')
            {
                break;
            }

            int start = i;
            char quote = text[i] is '"' or '\'' ? text[i] : '\0';
            if (quote != '\0')
            {
                int close = text.IndexOf(quote, i + 1);
                i = close < 0 ? text.Length : close + 1;
                words.Add(new Token(TokenKind.Word, text[(start + 1)..(close < 0 ? text.Length : close)], line.Location with { Column = line.Location.Column + start }, true));
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            words.Add(new Token(TokenKind.Word, text[start..i], line.Location with { Column = line.Location.Column + start }));
        }

        return words;
    }
}
