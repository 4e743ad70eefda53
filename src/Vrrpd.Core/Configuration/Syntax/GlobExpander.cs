using System.Text;
using System.Text.RegularExpressions;

namespace Vrrpd.Configuration;

/// <summary>
/// glob(3) with GLOB_BRACE, as keepalived's <c>include</c> uses it: <c>{a,b}</c> alternatives, then <c>*</c>,
/// <c>?</c> and <c>[...]</c> per path segment. Matches are sorted per pattern, like glob(3) without GLOB_NOSORT;
/// hidden entries only match a pattern segment that starts with a dot.
/// </summary>
internal static class GlobExpander
{
    public static List<string> Expand(string pattern, string baseDirectory)
    {
        var results = new List<string>();
        foreach (string alternative in ExpandBraces(pattern))
        {
            string full = Path.IsPathRooted(alternative) ? alternative : Path.Combine(baseDirectory, alternative);
            var matches = new List<string>();
            if (!HasWildcard(full))
            {
                // A directory named outright is passed on, so the reader can say it is one (not "no match").
                if (File.Exists(full) || Directory.Exists(full))
                {
                    matches.Add(Path.GetFullPath(full));
                }
            }
            else
            {
                MatchSegments(full, matches);
            }

            matches.Sort(StringComparer.Ordinal);
            results.AddRange(matches);
        }

        return results;
    }

    internal static List<string> ExpandBraces(string pattern)
    {
        int open = pattern.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return [pattern];
        }

        int depth = 0;
        int close = -1;
        var commas = new List<int>();
        for (int i = open; i < pattern.Length; i++)
        {
            if (pattern[i] == '{')
            {
                depth++;
            }
            else if (pattern[i] == '}' && --depth == 0)
            {
                close = i;
                break;
            }
            else if (pattern[i] == ',' && depth == 1)
            {
                commas.Add(i);
            }
        }

        if (close < 0)
        {
            return [pattern];
        }

        string head = pattern[..open];
        string tail = pattern[(close + 1)..];
        var results = new List<string>();
        int start = open + 1;
        foreach (int end in commas.Append(close))
        {
            results.AddRange(ExpandBraces(head + pattern[start..end] + tail));
            start = end + 1;
        }

        return results;
    }

    private static bool HasWildcard(string path) => path.AsSpan().IndexOfAny("*?[") >= 0;

    private static void MatchSegments(string fullPattern, List<string> matches)
    {
        string[] segments = fullPattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "/" };
        for (int s = 0; s < segments.Length; s++)
        {
            bool last = s == segments.Length - 1;
            string segment = segments[s];
            var next = new List<string>();
            foreach (string directory in current)
            {
                if (!HasWildcard(segment))
                {
                    string candidate = Path.Combine(directory, segment);
                    if (last ? File.Exists(candidate) : Directory.Exists(candidate))
                    {
                        next.Add(candidate);
                    }

                    continue;
                }

                if (!Directory.Exists(directory))
                {
                    continue;
                }

                Regex regex = SegmentRegex(segment);
                IEnumerable<string> entries;
                try
                {
                    entries = last ? Directory.EnumerateFiles(directory) : Directory.EnumerateDirectories(directory);
                    foreach (string entry in entries)
                    {
                        string name = Path.GetFileName(entry);
                        if (name.StartsWith('.') && !segment.StartsWith('.'))
                        {
                            continue;
                        }

                        if (regex.IsMatch(name))
                        {
                            next.Add(entry);
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // glob(3) skips unreadable directories unless GLOB_ERR is given; keepalived does not give it.
                }
            }

            current = next;
        }

        matches.AddRange(current);
    }

    private static Regex SegmentRegex(string segment)
    {
        var pattern = new StringBuilder("^");
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            switch (c)
            {
                case '*':
                    pattern.Append(".*");
                    break;
                case '?':
                    pattern.Append('.');
                    break;
                case '[':
                    // A ']' right after the '[' belongs to the set, so the search starts one further; a '[' too
                    // near the end to have a set (`include x[`) is literal. Found by tests/fuzz (docs/fuzzing.md).
                    int close = i + 2 <= segment.Length ? segment.IndexOf(']', i + 2) : -1;
                    if (close < 0)
                    {
                        pattern.Append(@"\[");
                        break;
                    }

                    string set = segment[(i + 1)..close];
                    if (set.StartsWith('!'))
                    {
                        set = "^" + set[1..];
                    }

                    pattern.Append('[').Append(set.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        try
        {
            return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            // A set no character can be in, such as the reversed range of `[z-a]`: glob(3) matches nothing with
            // it, where .NET's Regex refuses to build it.
            return MatchesNothing;
        }
    }

    private static readonly Regex MatchesNothing = new("(?!)", RegexOptions.CultureInvariant);
}
