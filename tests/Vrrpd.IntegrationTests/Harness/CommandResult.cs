namespace Vrrpd.IntegrationTests.Harness;

/// <summary>What a finished command printed and how it exited.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with everything the command said when it failed; returns itself otherwise.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"`{CommandLine}` exited {ExitCode}\nstdout: {StdOut.Trim()}\nstderr: {StdErr.Trim()}");
        }

        return this;
    }
}
