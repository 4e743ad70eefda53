using System.Diagnostics;
using System.Net;
using Vrrpd.Linux.Ownership;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A real etcd cluster in a <see cref="Lab"/>: one member per lab host (h1..hN, N = 1 or 3), each listening for
/// clients on HOST:2379 and for peers on HOST:2380 inside its namespace, data in the lab's work directory. Members
/// are stopped with the lab (also after a failure). Debian's etcd-server is required: as root, a missing etcd
/// fails the test (it is installed by .ci/run), it is never skipped.
/// </summary>
public sealed class EtcdCluster
{
    private readonly Lab _lab;

    private EtcdCluster(Lab lab, IReadOnlyList<LabHost> members)
    {
        _lab = lab;
        Members = members;
    }

    public IReadOnlyList<LabHost> Members { get; }

    public IReadOnlyList<Uri> ClientUrls => Members.Select(ClientUrl).ToList();

    public static Uri ClientUrl(LabHost host) => new($"http://{host.Ipv4}:2379/");

    public static string Binary =>
        Command.Exists("etcd") ? "etcd" : throw new InvalidOperationException("etcd is not on PATH: install Debian's etcd-server (apt-get install etcd-server; .ci/run does)");

    /// <summary>Starts one member on each of <paramref name="members"/> and waits until the cluster has a leader.</summary>
    public static async Task<EtcdCluster> StartAsync(Lab lab, IReadOnlyList<LabHost> members)
    {
        string binary = Binary;
        string initial = string.Join(",", members.Select(m => $"{m.Name}=http://{m.Ipv4}:2380"));
        foreach (LabHost member in members)
        {
            string data = Path.Combine(lab.WorkDirectory, $"etcd-{member.Name}");
            string log = Path.Combine(lab.WorkDirectory, $"etcd-{member.Name}.log");
            lab.Own(EtcdMember.Start(member, binary, log,
                "--name", member.Name,
                "--data-dir", data,
                "--listen-client-urls", $"http://{member.Ipv4}:2379",
                "--advertise-client-urls", $"http://{member.Ipv4}:2379",
                "--listen-peer-urls", $"http://{member.Ipv4}:2380",
                "--initial-advertise-peer-urls", $"http://{member.Ipv4}:2380",
                "--initial-cluster", initial,
                "--initial-cluster-state", "new",
                "--initial-cluster-token", lab.Id,
                "--logger", "zap", "--log-outputs", "stderr"));
        }

        var cluster = new EtcdCluster(lab, members);
        await Eventually.Until(() => cluster.HasLeader(members[0]), TimeSpan.FromSeconds(30),
            "the etcd cluster elects a leader", cluster.Report);
        return cluster;
    }

    /// <summary>An etcd client that connects from inside <paramref name="from"/>'s namespace.</summary>
    public EtcdClient ClientFrom(LabHost from, TimeSpan requestTimeout, IReadOnlyList<Uri>? endpoints = null) =>
        new(new EtcdClientOptions
        {
            Endpoints = endpoints ?? ClientUrls,
            RequestTimeout = requestTimeout,
            Connect = NamespaceSockets.ConnectFrom(from),
        });

    /// <summary>True when this member serves a linearizable read (it has a leader and a quorum).</summary>
    public bool HasLeader(LabHost member)
    {
        using EtcdClient client = ClientFrom(member, TimeSpan.FromSeconds(1), [ClientUrl(member)]);
        try
        {
            client.ReadAsync("/health-probe").GetAwaiter().GetResult();
            return true;
        }
        catch (EtcdException)
        {
            return false;
        }
    }

    /// <summary>The tail of every member's log.</summary>
    public string Report() => string.Join("\n", Members.Select(m =>
    {
        string log = Path.Combine(_lab.WorkDirectory, $"etcd-{m.Name}.log");
        string[] lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        return $"--- etcd {m.Name} ({lines.Length} log lines)\n" + string.Join("\n", lines.TakeLast(15));
    }));

    private sealed class EtcdMember(Process process) : IDisposable
    {
        public static EtcdMember Start(LabHost host, string binary, string log, params string[] arguments)
        {
            var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { "netns", "exec", host.Namespace, binary }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start etcd");
            var writer = new StreamWriter(log) { AutoFlush = true };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (writer) writer.WriteLine(line); };
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (writer) writer.WriteLine(line); };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            process.Exited += (_, _) => { lock (writer) writer.Dispose(); };
            process.EnableRaisingEvents = true;
            return new EtcdMember(process);
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }
}
