namespace Vrrpd.Configuration;

/// <summary>
/// A command word (<c>notify_* CMD</c>, <c>script CMD</c>, <c>notify_fifo_script CMD</c>): split into argv as
/// keepalived splits it, with its position kept for later diagnostics (script security names the keyword's line),
/// and a warning for a <c>${NAME}</c> no definition resolved.
/// </summary>
internal static class CommandKeyword
{
    public static CommandLine? Read(Statement statement, Token command, string form, DiagnosticBag diagnostics)
    {
        if (!CommandLineSplitter.TrySplit(command.Text, out List<string> argv, out string? error) || argv.Count == 0)
        {
            diagnostics.Error(command.Location, $"'{statement.Name}' expects {form}; {error ?? "it is empty"}");
            return null;
        }

        if (!IsShell(argv[0]))
        {
            UnresolvedParameters.Warn(command, "command", diagnostics);
        }

        return new CommandLine(command.Text, argv)
        {
            // keepalived: CMD [USER [GROUP]]; keywords that take no user were checked for one word already.
            User = statement.Arguments.Count > 1 ? statement.Arguments[1].Text : null,
            Group = statement.Arguments.Count > 2 ? statement.Arguments[2].Text : null,
            Location = statement.Location,
        };
    }

    /// <summary>A shell expands <c>${NAME}</c> itself, so a command run through one may mean it.</summary>
    private static bool IsShell(string program) =>
        Path.GetFileName(program) is "sh" or "bash" or "dash" or "zsh" or "ksh" or "ash" or "busybox";
}
