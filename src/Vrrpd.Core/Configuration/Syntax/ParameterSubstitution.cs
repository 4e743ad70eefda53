using System.Text;

namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's parameters: the definitions made so far and their substitution into a line
/// (docs/design/keepalived-compatibility.md §10). <c>$NAME</c> is replaced when a blank, <c>,</c>, <c>)</c> or the
/// end of the line follows it, <c>${NAME}</c> anywhere. The scan goes left to right and reads a replacement
/// again at once, so a value that names another parameter is expanded where it lands (definitions are used as
/// they stand when the line is read, not when they were written). Undefined names stay as written.
/// </summary>
internal sealed class ParameterSubstitution(string configId)
{
    /// <summary>keepalived reads lines into a 1024-byte buffer: a substitution that would make a line longer is
    /// not made, and the line stays as substituted so far.</summary>
    public const int MaxLineLength = 1023;

    /// <summary>A parameter that expands to itself (<c>$X=$X</c>) never makes the line longer, and keepalived
    /// loops on it forever; this many substitutions on one line mean that has happened.</summary>
    private const int MaxSubstitutionsPerLine = 10_000;

    private readonly Dictionary<string, ParameterDefinition> _defined = new(StringComparer.Ordinal);

    public void Define(ParameterDefinition definition) => _defined[definition.Name] = definition;

    /// <summary>Substitutes every parameter in <paramref name="line"/>. Lines of a multi-line value after its
    /// first are put at the front of <paramref name="following"/>, ahead of any that an earlier substitution left
    /// there, as keepalived's stack of multi-line expansions orders them. Returns null when nothing was replaced.
    /// <paramref name="final"/> is set when keepalived's line limit stopped the substitution: the line is then
    /// used as it stands, not read again.</summary>
    public string? Substitute(string line, string currentFile, SourceLocation location, DiagnosticBag diagnostics, List<string> following, out bool final)
    {
        final = false;
        var text = new StringBuilder(line);
        bool changed = false;
        int substitutions = 0;
        int position = 0;
        while (position + 1 < text.Length)
        {
            if (text[position] != '$' || !TryMatch(text, position, location, diagnostics, out ParameterUse use))
            {
                position++;
                continue;
            }

            string replacement;
            IReadOnlyList<string> rest = [];
            if (use.Definition is { } definition)
            {
                replacement = definition.FirstLine;
                if (definition.Multiline)
                {
                    rest = definition.Lines.Skip(1).ToList();
                }
            }
            else
            {
                replacement = BuiltinParameters.Value(use.Name, use.Arguments, currentFile, configId, out string? error);
                if (error is not null)
                {
                    diagnostics.Error(location with { Column = location.Column + position }, error);
                }
            }

            if (text.Length - use.Length + replacement.Length > MaxLineLength)
            {
                diagnostics.Warning(location with { Column = location.Column + position }, $"substituting '{text.ToString(position, use.Length)}' would make this line longer than {MaxLineLength} characters, keepalived's limit; like keepalived, vrrpd stops substituting and reads the line as it stands (does a parameter refer to itself?)");
                final = true;
                break;
            }

            if (++substitutions > MaxSubstitutionsPerLine)
            {
                diagnostics.Error(location with { Column = location.Column + position }, $"parameter '{use.Name}' expands to itself without end (keepalived loops forever on this line)");
                return null;
            }

            text.Remove(position, use.Length).Insert(position, replacement);
            following.InsertRange(0, rest);
            changed = true;
            if (replacement.TrimStart(' ', '\t').StartsWith('~'))
            {
                // keepalived stops here so that a ~SEQ or ~LST the value begins is read as a block of its own.
                break;
            }
        }

        return changed ? text.ToString() : null;
    }

    /// <summary>Is <c>$</c> at <paramref name="at"/> the start of a defined parameter (keepalived's find_definition)?</summary>
    private bool TryMatch(StringBuilder text, int at, SourceLocation location, DiagnosticBag diagnostics, out ParameterUse use)
    {
        use = default;
        int i = at + 1;
        bool braces = text[i] == '{';
        if (braces)
        {
            i++;
        }

        if (i >= text.Length || !(char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            return false;
        }

        int nameStart = i;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        string name = text.ToString(nameStart, i - nameStart);
        var arguments = new List<string>();
        int end;
        bool atLineEnd;
        if (braces)
        {
            // Words after the name, inside the braces, are arguments to a built-in: ${_RANDOM 1 10}.
            int p = i;
            int lastWordChar = -1;
            while (p < text.Length && (text[p] is ' ' or '\t' || IsNameChar(text[p])))
            {
                if (text[p] is not (' ' or '\t'))
                {
                    lastWordChar = p;
                }

                p++;
            }

            if (p >= text.Length || text[p] != '}' || (lastWordChar >= 0 && lastWordChar + 1 != p))
            {
                return false;
            }

            if (lastWordChar >= 0)
            {
                arguments.AddRange(text.ToString(i, p - i).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }

            end = p + 1;
            atLineEnd = lastWordChar < 0 && end == text.Length;
        }
        else
        {
            if (i < text.Length && text[i] is not (' ' or '\t' or ',' or ')'))
            {
                return false;
            }

            end = i;
            atLineEnd = i == text.Length;
        }

        _defined.TryGetValue(name, out ParameterDefinition? definition);
        if (definition is null && !BuiltinParameters.IsBuiltin(name))
        {
            return false;
        }

        if (definition is { Multiline: true } && !atLineEnd)
        {
            // A multi-line value stands for whole lines: keepalived leaves it alone anywhere but at a line's end.
            return false;
        }

        if (definition is not null ? arguments.Count > 0 : !ArgumentsFit(name, arguments, location with { Column = location.Column + at }, diagnostics))
        {
            return false;
        }

        use = new ParameterUse(name, definition, arguments, end - at);
        return true;
    }

    private static bool ArgumentsFit(string name, List<string> arguments, SourceLocation location, DiagnosticBag diagnostics)
    {
        (int min, int max, bool numbersOnly) = BuiltinParameters.Arguments(name);
        if (arguments.Count > 0 && max == 0)
        {
            return false;
        }

        if (numbersOnly && arguments.Any(a => !a.All(char.IsAsciiDigit)))
        {
            diagnostics.Error(location, $"${{{name}}} takes numbers only: '{string.Join(' ', arguments)}'");
            return false;
        }

        if (arguments.Count < min || arguments.Count > max)
        {
            diagnostics.Error(location, $"${{{name}}} takes {(min == max ? $"{min}" : $"{min} to {max}")} argument(s), got {arguments.Count}");
            return false;
        }

        return true;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>A matched use: the user's definition, or null for a built-in; how many characters it covers.</summary>
    private readonly record struct ParameterUse(string Name, ParameterDefinition? Definition, List<string> Arguments, int Length);
}
