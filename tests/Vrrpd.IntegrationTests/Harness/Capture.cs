using System.Diagnostics;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// tcpdump writing a pcap of a host's eth0 (or the switch's bridge); once stopped, tshark reads it back as fields
/// for timing (last advert from A → first advert from B) and dissection checks (checksum status, TTL).
/// </summary>
public sealed class Capture : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> messages = [];

    private Capture(string path, Process process)
    {
        PcapPath = path;
        this.process = process;
    }

    public string PcapPath { get; }

    /// <summary>Captures on a host's eth0; returns once tcpdump is listening, so nothing sent afterwards is missed.</summary>
    public static Task<Capture> StartAsync(Lab lab, LabHost host, string filter = "") =>
        StartAsync(lab, host.Namespace, "eth0", $"{host.Name}-{Environment.TickCount64}", filter);

    /// <summary>Captures on the switch's bridge: every frame between every host.</summary>
    public static Task<Capture> StartOnSwitchAsync(Lab lab, string filter = "") =>
        StartAsync(lab, lab.SwitchNamespace, "br0", $"sw-{Environment.TickCount64}", filter);

    /// <summary>SIGINT: tcpdump flushes the pcap and exits.</summary>
    public void Stop()
    {
        if (!process.HasExited)
        {
            Signals.Send(process.Id, Signals.SIGINT);
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
            }

            process.WaitForExit();
        }
    }

    /// <summary>
    /// The packets matching a Wireshark display filter, with the named fields (frame.time_epoch is always included).
    /// Stops the capture first.
    /// </summary>
    public IReadOnlyList<PacketRow> Read(string displayFilter, params string[] fields)
    {
        Stop();
        var allFields = new[] { "frame.time_epoch" }.Concat(fields).Distinct().ToArray();
        var arguments = new List<string> { "-r", PcapPath, "-Y", displayFilter, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f" };
        foreach (var field in allFields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var output = Command.Run("tshark", arguments).EnsureSuccess().StdOut;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(values => new PacketRow(allFields
                .Select((field, i) => (field, value: i < values.Length ? values[i].Trim() : ""))
                .ToDictionary(p => p.field, p => p.value)))
            .ToList();
    }

    /// <summary>tshark's full dissection (-V) of the matching packets, for reading in a failure message.</summary>
    public string Dissect(string displayFilter)
    {
        Stop();
        return Command.Run("tshark", "-r", PcapPath, "-Y", displayFilter, "-V").StdOut;
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
    }

    private static async Task<Capture> StartAsync(Lab lab, string ns, string device, string name, string filter)
    {
        var path = Path.Combine(lab.WorkDirectory, $"{name}.pcap");
        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --immediate-mode: hand each packet over at once (otherwise the kernel ring delivers in ~1 s blocks and the
        // packets of the last block are lost on SIGINT); -U: write each packet at once; -Z root: do not drop to the
        // tcpdump user, who cannot write the work directory.
        foreach (var argument in new[] { "netns", "exec", ns, "tcpdump", "-i", device, "-n", "--immediate-mode", "-U", "-Z", "root", "-w", path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (filter.Length > 0)
        {
            startInfo.ArgumentList.Add(filter);
        }

        var process = new Process { StartInfo = startInfo };
        var capture = lab.Own(new Capture(path, process));
        process.ErrorDataReceived += (_, e) => capture.OnMessage(e.Data);
        process.OutputDataReceived += (_, e) => capture.OnMessage(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var ready = await Task.WhenAny(capture.listening.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        if (ready != capture.listening.Task)
        {
            throw new InvalidOperationException($"tcpdump on {ns}/{device} did not start listening: {string.Join('\n', capture.messages)}");
        }

        return capture;
    }

    private void OnMessage(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (messages)
        {
            messages.Add(line);
        }

        if (line.Contains("listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }
}
