using System.Text.RegularExpressions;

namespace Vrrpd.Configuration;

/// <summary>
/// A <c>${NAME}</c> still in a command or path after substitution: no definition named it, so keepalived leaves it
/// as written and runs the script with the literal text (it uses execve, no shell). vrrpd keeps that meaning
/// and says so (docs/design/keepalived-compatibility.md §10).
/// </summary>
internal static partial class UnresolvedParameters
{
    public static void Warn(Token word, string what, DiagnosticBag diagnostics)
    {
        foreach (Match match in BracedName().Matches(word.Text))
        {
            diagnostics.Warning(word.Location, $"'{match.Value}' in this {what} is not a defined parameter; like keepalived, vrrpd passes it on as written (define ${match.Groups[1].Value}= before this line, or run the command through /bin/sh -c if the shell should expand it)");
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex BracedName();
}
