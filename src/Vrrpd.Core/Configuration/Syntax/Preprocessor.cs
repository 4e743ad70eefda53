using System.Text;

namespace Vrrpd.Configuration;

/// <summary>
/// The line-level features of keepalived.conf(5) that come before lexing, in keepalived's order
/// (docs/design/keepalived-compatibility.md §10): <c>@ID</c> / <c>@^ID</c> conditional lines, <c>$NAME=value</c>
/// definitions (multi-line with <c>\</c>), substitution of <c>$NAME</c> / <c>${NAME}</c> and of keepalived's
/// built-in <c>${_PWD}</c>, <c>${_INSTANCE}</c>, <c>${_RANDOM}</c>, <c>${_ENV}</c>, <c>${_HASH}</c>, <c>${_BANG}</c>,
/// <c>~SEQ</c> / <c>~LST</c> blocks, and <c>include</c> (globs, relative to the including file). A line that
/// substitution produced is read again from the top, so it may be a conditional line, a definition or a block.
/// Columns stay exact unless a parameter was substituted into the line (then they count in the expanded text).
/// </summary>
internal sealed class Preprocessor(DiagnosticBag diagnostics, string configId)
{
    private const int MaxIncludeDepth = 32;

    /// <summary>Multi-line values and blocks inside each other; a value that names itself would recurse forever.</summary>
    private const int MaxNesting = 64;

    private static readonly HashSet<string> IncludeKeywords =
        ["include", "includer", "includem", "includew", "includeb", "includea"];

    private readonly ParameterSubstitution _parameters = new(configId);
    private readonly List<string> _includeStack = [];
    private int _filesRead;
    private int _bytesRead;   // bytes of every file read so far, against ConfigurationLimits.MaxTotalBytes
    private long _expandedChars;   // characters of every line after substitution, against ConfigurationLimits.MaxExpandedChars
    private int _linesRead;   // lines read, from files, multi-line values and blocks, against ConfigurationLimits.MaxPreprocessedLines
    private bool _stopped;   // a limit that ends the whole load was reached
    private PendingDefinition? _pending;   // a multi-line definition still taking lines

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

        var file = new FileContext(fileName, Path.GetDirectoryName(fileName) is { Length: > 0 } d ? d : Directory.GetCurrentDirectory());
        string[] raw = text.Split('\n');
        for (int n = 0; n < raw.Length && !_stopped; n++)
        {
            var location = new SourceLocation(fileName, n + 1, 1);
            string line = raw[n].TrimEnd('\r');
            if (_pending is not null)
            {
                ContinueDefinition(line);
                continue;
            }

            Read(line, location, file, depth: 0, fromFile: true);
        }

        FinishDefinition();
    }

    /// <summary>One line, from the file or made by substitution or a block, taken through keepalived's steps
    /// until it is a line for the lexer, a definition, a block, or nothing (a conditional left it out).</summary>
    private void Read(string line, SourceLocation location, FileContext file, int depth, bool fromFile)
    {
        if (depth > MaxNesting)
        {
            diagnostics.Error(location, $"multi-line parameters and ~SEQ/~LST blocks nest more than {MaxNesting} deep here (does a multi-line parameter name itself?)");
            return;
        }

        if (++_linesRead > ConfigurationLimits.MaxPreprocessedLines)
        {
            diagnostics.Error(location, $"parameters and ~SEQ/~LST blocks make more than {ConfigurationLimits.MaxPreprocessedLines} lines; the rest is not read");
            _stopped = true;
            return;
        }

        var following = new List<string>();
        string text = line;
        bool substituted = false;
        while (true)
        {
            if (!ApplyConditional(ref text, location))
            {
                break;
            }

            string trimmed = text.TrimStart();
            if (trimmed.StartsWith('$') && TryDefine(trimmed, location, fromFile && !substituted))
            {
                break;
            }

            if (trimmed.StartsWith("~SEQ", StringComparison.Ordinal) || trimmed.StartsWith("~LST", StringComparison.Ordinal))
            {
                Repeat(trimmed, location, file, depth);
                break;
            }

            string? result = null;
            bool final = false;
            if (!trimmed.StartsWith('~') && text.Contains('$', StringComparison.Ordinal))
            {
                // keepalived removes the comment before it substitutes: a $NAME in a comment stays a comment.
                result = _parameters.Substitute(substituted ? text : CommentText.Strip(text), file.Name, location, diagnostics, following, out final);
            }

            if (result is null || final)
            {
                text = result ?? text;
                Emit(text, location, file);
                break;
            }

            text = result;
            substituted = true;
            if (!text.TrimStart().StartsWith('@') && !text.Contains('$', StringComparison.Ordinal) && !text.TrimStart().StartsWith('~'))
            {
                Emit(text, location, file);
                break;
            }
        }

        foreach (string next in following)
        {
            if (_stopped)
            {
                return;
            }

            Read(next, location, file, depth + 1, fromFile: false);
        }
    }

    private void Emit(string text, SourceLocation location, FileContext file)
    {
        _expandedChars += text.Length;
        if (_expandedChars > ConfigurationLimits.MaxExpandedChars)
        {
            // A short line that names a long parameter, repeated, grows far beyond the bytes read.
            diagnostics.Error(location, $"parameter substitution makes the configuration longer than {ConfigurationLimits.MaxExpandedChars / 1024 / 1024} Mi characters; the rest is not read");
            _stopped = true;
            return;
        }

        var sourceLine = new SourceLine(text, location);
        if (!TryInclude(sourceLine, file.Directory))
        {
            Lines.Add(sourceLine);
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

    /// <summary><c>$NAME=value</c>: no blank before <c>=</c>, a name of letters, digits and <c>_</c> that does not
    /// start with a digit. A value that ends with <c>\</c> in the file continues on the next lines (their
    /// leading blanks and comments removed) until a line without <c>\</c> or an empty line; comment-only lines
    /// in between are skipped, as keepalived does.</summary>
    private bool TryDefine(string trimmed, SourceLocation location, bool mayContinue)
    {
        if (trimmed.Length < 2 || !(char.IsAsciiLetter(trimmed[1]) || trimmed[1] == '_'))
        {
            return false;
        }

        int nameEnd = 2;
        while (nameEnd < trimmed.Length && (char.IsAsciiLetterOrDigit(trimmed[nameEnd]) || trimmed[nameEnd] == '_'))
        {
            nameEnd++;
        }

        if (nameEnd >= trimmed.Length || trimmed[nameEnd] != '=')
        {
            return false;
        }

        string name = trimmed[1..nameEnd];
        if (name.StartsWith('_'))
        {
            diagnostics.Warning(location, $"parameter names starting with '_' are reserved to keepalived; '${name}' is defined anyway{(BuiltinParameters.IsBuiltin(name) ? $" and replaces keepalived's built-in ${{{name}}}" : "")}, as keepalived does");
        }

        string value = CommentText.Strip(trimmed[(nameEnd + 1)..]).TrimStart();
        if (!value.EndsWith('\\'))
        {
            _parameters.Define(new ParameterDefinition(name, [value], Multiline: false));
            return true;
        }

        // keepalived separates the lines of a multi-line value with a marker; a first line that is only the
        // backslash adds no line of its own.
        string first = value[..^1].TrimEnd();
        _pending = new PendingDefinition(name, first.Length == 0 ? "" : first + PendingDefinition.LineEnd);
        if (!mayContinue)
        {
            FinishDefinition();
        }

        return true;
    }

    private void ContinueDefinition(string line)
    {
        PendingDefinition pending = _pending!;
        if (line.Length == 0)
        {
            FinishDefinition();
            return;
        }

        string text = CommentText.Strip(line).TrimStart();
        if (text.Length == 0)
        {
            return;
        }

        bool more = text.EndsWith('\\');
        if (more)
        {
            text = text[..^1].TrimEnd() + PendingDefinition.LineEnd;
        }

        if (text.Length >= 2 || (text.Length == 1 && !more))
        {
            pending.Value.Append(text);
        }

        if (!more)
        {
            FinishDefinition();
        }
    }

    private void FinishDefinition()
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _pending = null;
        string value = pending.Value.ToString();
        _parameters.Define(new ParameterDefinition(pending.Name, value.Split(PendingDefinition.LineEnd), Multiline: value.Length > 0));
    }

    private void Repeat(string trimmed, SourceLocation location, FileContext file, int depth)
    {
        RepeatBlock? block = RepeatBlock.TryParse(
            trimmed,
            numbers =>
            {
                var following = new List<string>();
                string? result = _parameters.Substitute(numbers, file.Name, location, diagnostics, following, out _);
                return following.Count == 0 ? result : null;
            },
            out string error);
        if (block is null)
        {
            diagnostics.Error(location, error);
            return;
        }

        foreach (IReadOnlyList<KeyValuePair<string, string>> iteration in block.Iterations)
        {
            if (_stopped)
            {
                return;
            }

            foreach ((string name, string value) in iteration)
            {
                _parameters.Define(new ParameterDefinition(name, [value], Multiline: false));
            }

            Read(block.Text, location, file, depth + 1, fromFile: false);
        }
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
