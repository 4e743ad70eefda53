using System.Diagnostics;
using System.Text;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// vrrpd or keepalived running in the foreground inside a lab host, with its config, pid files and control socket
/// in the lab's work directory and stdout+stderr collected into <see cref="Log"/> (and a .log file).
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly string logPath;

    private DaemonProcess(DaemonKind kind, LabHost host, string name, string configPath, string directory, Process process)
    {
        Kind = kind;
        Host = host;
        Name = name;
        ConfigPath = configPath;
        ControlSocket = Path.Combine(directory, $"{name}.sock");
        PidFile = Path.Combine(directory, $"{name}.pid");
        VrrpPidFile = Path.Combine(directory, $"{name}.vrrp.pid");
        logPath = Path.Combine(directory, $"{name}.log");
        this.process = process;
    }

    public DaemonKind Kind { get; }

    public LabHost Host { get; }

    /// <summary>Unique within the lab, e.g. `vrrpd-h1-1`; names the config, log, socket and pid files.</summary>
    public string Name { get; }

    public string ConfigPath { get; }

    /// <summary>vrrpd's --control-socket.</summary>
    public string ControlSocket { get; }

    public string PidFile { get; }

    /// <summary>keepalived's VRRP child pid file (-r).</summary>
    public string VrrpPidFile { get; }

    /// <summary>The process started under `ip netns exec` (which execs, so this is the daemon itself).</summary>
    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    internal static DaemonProcess Start(Lab lab, DaemonKind kind, LabHost host, string config, IReadOnlyList<string>? wrapper = null)
    {
        var name = $"{kind.ToString().ToLowerInvariant()}-{host.Name}-{lab.Daemons.Count + 1}";
        var directory = lab.WorkDirectory;
        var configPath = Path.Combine(directory, $"{name}.conf");
        // vrrpd's failover reports default to /var/lib/vrrpd/events.jsonl: keep the tests' inside the lab. A test
        // that sets events_file itself wins (global_defs blocks merge; the later keyword counts).
        if (kind == DaemonKind.Vrrpd)
        {
            config = $"global_defs {{\n    events_file {Path.Combine(directory, name + "-events.jsonl")}\n}}\n" + config;
        }

        File.WriteAllText(configPath, config);

        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", host.Namespace }.Concat(wrapper ?? []).Concat(CommandLine(kind, name, configPath, directory)))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var daemon = new DaemonProcess(kind, host, name, configPath, directory, process);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        daemon.Append($"$ {Command.Describe("ip", startInfo.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lab.Own(daemon);
    }

    /// <summary>SIGTERM: graceful stop (a Master sends priority 0 and removes its VIPs).</summary>
    public void Terminate() => Signals.Send(Pid, Signals.SIGTERM);

    /// <summary>SIGKILL, to the VRRP process too (keepalived's child): no priority 0, VIPs left behind.</summary>
    public void Kill()
    {
        if (VrrpChildPid() is int child)
        {
            Signals.Send(child, Signals.SIGKILL);
        }

        Signals.Send(Pid, Signals.SIGKILL);
    }

    /// <summary>SIGSTOP to the process that runs VRRP: a frozen master, its sockets and addresses still there.</summary>
    public void Stop() => Signals.Send(VrrpChildPid() ?? Pid, Signals.SIGSTOP);

    public void Cont() => Signals.Send(VrrpChildPid() ?? Pid, Signals.SIGCONT);

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit(); // drains the redirected output
        return true;
    }

    /// <summary>Runs `vrrpd status --json` against this daemon's control socket, inside its host.</summary>
    public VrrpdStatus Status()
    {
        if (Kind != DaemonKind.Vrrpd)
        {
            throw new InvalidOperationException($"{Name}: only vrrpd has a status command");
        }

        var (fileName, prefix) = VrrpdBinary.Resolve();
        var result = Command.Run("ip",
            new[] { "netns", "exec", Host.Namespace, fileName }.Concat(prefix)
                .Concat(["status", "--control-socket", ControlSocket, "--json"]),
            TimeSpan.FromSeconds(10)).EnsureSuccess();
        return VrrpdStatus.Parse(result.StdOut);
    }

    /// <summary>The name, state and the last lines of the log, for assertion messages.</summary>
    public string Describe(int lines = 40)
    {
        var state = HasExited ? $"exited {ExitCode}" : $"running, pid {Pid}";
        var tail = Log.Split('\n').TakeLast(lines);
        return $"--- {Name} on {Host} ({state}), last {lines} log lines:\n{string.Join('\n', tail)}";
    }

    public void Dispose()
    {
        if (!HasExited)
        {
            // Graceful first so keepalived's parent reaps its child; the lab deletes the namespace afterwards anyway.
            Cont();
            Terminate();
            if (!WaitForExit(TimeSpan.FromSeconds(3)))
            {
                Kill();
                WaitForExit(TimeSpan.FromSeconds(3));
            }
        }
        else if (VrrpChildPid() is int child)
        {
            Signals.Send(child, Signals.SIGKILL);
        }

        process.Dispose();
    }

    private static IEnumerable<string> CommandLine(DaemonKind kind, string name, string configPath, string directory)
    {
        if (kind == DaemonKind.Vrrpd)
        {
            var (fileName, prefix) = VrrpdBinary.Resolve();
            return new[] { fileName }.Concat(prefix).Concat([
                "run", "-f", configPath,
                "--control-socket", Path.Combine(directory, $"{name}.sock"),
                "--pid-file", Path.Combine(directory, $"{name}.pid"),
            ]);
        }

        // keepalived 2.2.7: -n no fork, -l log to the console, -D detailed, -P VRRP only, -G no syslog,
        // -R no respawn (a killed VRRP child stays dead), own pid files so several run on one machine,
        // -i a config-id of its own (harmless: the configs use no @ lines).
        return [
            "keepalived", "-n", "-l", "-D", "-P", "-G", "-R",
            "-f", configPath,
            "-p", Path.Combine(directory, $"{name}.pid"),
            "-r", Path.Combine(directory, $"{name}.vrrp.pid"),
            "-i", name,
        ];
    }

    private int? VrrpChildPid()
    {
        if (Kind != DaemonKind.Keepalived)
        {
            return null;
        }

        try
        {
            return int.TryParse(File.ReadAllText(VrrpPidFile).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
            try
            {
                File.AppendAllText(logPath, line + "\n");
            }
            catch (IOException)
            {
                // The lab's directory is already gone: the in-memory log still has the line.
            }
        }
    }
}
