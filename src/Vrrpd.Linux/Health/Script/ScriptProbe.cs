using System.ComponentModel;
using System.Diagnostics;
using Vrrpd.Configuration;
using Vrrpd.Health;

namespace Vrrpd.Linux.Health;

/// <summary>
/// keepalived's <c>vrrp_script</c>: runs the command (argv, no shell unless the command is a shell) in a process
/// group of its own; exit 0 = healthy, anything else = failed with the code in the reason. When the tracker's
/// timeout cancels the poll, the group gets SIGTERM and, 2 s later, SIGKILL (keepalived's timeout rule).
/// </summary>
public sealed class ScriptProbe : IHealthProbe
{
    /// <summary>keepalived sends SIGKILL this long after SIGTERM to a timed-out script.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    private readonly ScriptTrackerConfig _config;
    private readonly string? _setupError;
    private readonly IReadOnlyList<string> _argv = [];

    public ScriptProbe(ScriptTrackerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        try
        {
            _argv = ScriptCommand.Build(config.Script, PasswdDatabase.User, PasswdDatabase.Group);
        }
        catch (ArgumentException e)
        {
            // Never run as root instead of the user asked for: every poll fails and says why.
            _setupError = $"cannot run as {config.Script.User}: {e.Message}";
        }
    }

    public string Kind => "script";

    public IReadOnlyList<Measurement> Measurements => [];

    public event Action<CheckResult>? Urgent { add { } remove { } }

    public void Start()
    {
    }

    public async ValueTask<CheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_setupError is not null) return CheckResult.Unhealthy(_setupError);
        var info = new ProcessStartInfo(_argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in _argv.Skip(1)) info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        // stdout and stderr are read by two readers, so which line came "last" across both is a race: the reason
        // quotes stderr's last line (where a check says what failed), else stdout's.
        string? lastOutput = null, lastError = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data)) lastOutput = e.Data.Trim();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data)) lastError = e.Data.Trim();
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return CheckResult.Unhealthy($"cannot run {_config.Script.Argv[0]}: {e.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillGroupAsync(process).ConfigureAwait(false);
            throw;
        }

        return Describe(process.ExitCode, lastError ?? lastOutput);
    }

    private CheckResult Describe(int exitCode, string? lastLine)
    {
        if (exitCode == 0) return CheckResult.Healthy("exit 0");
        // .NET reports death by signal N as 128 + N, as a shell does.
        string how = exitCode > 128 && exitCode < 128 + 65 ? $"killed by signal {exitCode - 128} (exit {exitCode})" : $"exited with {exitCode}";
        string output = lastLine is null ? "" : $": {lastLine}";
        return CheckResult.Unhealthy($"{_config.Script.Argv[0]} {how}{output}");
    }

    /// <summary>SIGTERM to the script's process group, SIGKILL after <see cref="KillGrace"/>.</summary>
    private static async Task KillGroupAsync(Process process)
    {
        int group = process.Id;
        Interop.Libc.Kill(-group, Interop.Libc.SIGTERM);
        using var grace = new CancellationTokenSource(KillGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interop.Libc.Kill(-group, Interop.Libc.SIGKILL);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
    }
}
