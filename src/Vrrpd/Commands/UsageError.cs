using System.CommandLine;

namespace Vrrpd.Commands;

/// <summary>
/// A command line that does not parse (an unknown command or option, a missing argument): its errors, one a line,
/// and where the usage is, on stderr, with exit code 64 (<see cref="ExitCodes.UsageError"/>), never the runtime
/// error's 1. System.CommandLine's own error action would print the whole help text and return 1.
/// </summary>
internal static class UsageError
{
    public static int Report(ParseResult parsed, TextWriter errors)
    {
        foreach (var error in parsed.Errors) errors.WriteLine(error.Message);
        var command = parsed.CommandResult.Command is RootCommand ? "vrrpd" : $"vrrpd {parsed.CommandResult.Command.Name}";
        errors.WriteLine($"see `{command} --help`");
        return ExitCodes.UsageError;
    }
}
