using System.Text;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A throw-away L2 network: a switch namespace `vi-&lt;pid&gt;-&lt;n&gt;-sw` holding bridge br0, and hosts
/// `...-h1`, `...-h2`, each with eth0 (192.0.2.(10+i)/24, 2001:db8::(10+i)/64) plugged into the bridge.
/// Every link is created inside a namespace (`ip link add ... netns`), so the root namespace is never touched.
/// Disposing kills every process the lab started and deletes every namespace it made, also after a failure.
/// </summary>
public sealed partial class Lab : IDisposable, IAsyncDisposable
{
    private static int labCounter;
    private readonly List<IDisposable> owned = [];
    private readonly List<DaemonProcess> daemons = [];
    private bool disposed;

    private Lab(string id, string workDirectory)
    {
        Id = id;
        WorkDirectory = workDirectory;
    }

    /// <summary>`vi-&lt;pid&gt;-&lt;n&gt;`: unique per test process and per lab, so parallel runs never collide.</summary>
    public string Id { get; }

    public string SwitchNamespace => $"{Id}-sw";

    public IReadOnlyList<LabHost> Hosts { get; private set; } = [];

    /// <summary>Configs, logs, sockets and captures of this lab; deleted on dispose.</summary>
    public string WorkDirectory { get; }

    public IReadOnlyList<DaemonProcess> Daemons => daemons;

    public static Lab Create(int hostCount)
    {
        NamespaceSweeper.SweepOnce();
        var id = $"{NamespaceSweeper.Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref labCounter)}";
        var work = Directory.CreateTempSubdirectory($"{id}.").FullName;
        var lab = new Lab(id, work);
        try
        {
            lab.Build(hostCount);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public LabHost this[int index] => Hosts[index - 1];

    /// <summary>Runs a command inside the host's namespace (`ip netns exec`).</summary>
    public CommandResult Exec(LabHost host, params string[] command) =>
        Command.Run("ip", new[] { "netns", "exec", host.Namespace }.Concat(command));

    /// <summary>Runs a command inside the switch namespace.</summary>
    public CommandResult ExecOnSwitch(params string[] command) =>
        Command.Run("ip", new[] { "netns", "exec", SwitchNamespace }.Concat(command));

    /// <summary>A daemon or capture whose lifetime ends with the lab's.</summary>
    internal T Own<T>(T resource)
        where T : IDisposable
    {
        lock (owned)
        {
            owned.Add(resource);
            if (resource is DaemonProcess daemon)
            {
                daemons.Add(daemon);
            }
        }

        return resource;
    }

    /// <summary>Addresses on every host and the tail of every daemon's log: the context a failed assertion needs.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        foreach (var host in Hosts)
        {
            string addresses;
            try
            {
                addresses = string.Join(", ", AddressesOn(host));
            }
            catch (Exception e)
            {
                addresses = $"(unreadable: {e.Message})";
            }

            text.AppendLine($"{host}: eth0 {addresses}");
        }

        foreach (var daemon in Daemons)
        {
            text.AppendLine().AppendLine(daemon.Describe());
        }

        return text.ToString();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        List<IDisposable> resources;
        lock (owned)
        {
            resources = [.. owned];
            resources.Reverse();
        }

        foreach (var resource in resources)
        {
            try
            {
                resource.Dispose();
            }
            catch (Exception)
            {
                // Best effort: deleting the namespaces below kills whatever survived.
            }
        }

        foreach (var name in NamespaceSweeper.ListNamespaces().Where(n => n.StartsWith(Id + "-", StringComparison.Ordinal)))
        {
            NamespaceSweeper.Delete(name);
        }

        // VRRPD_ITEST_KEEP=1 keeps configs, logs and pcaps for a post-mortem.
        if (Environment.GetEnvironmentVariable("VRRPD_ITEST_KEEP") != "1")
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Build(int hostCount)
    {
        AddNamespace(SwitchNamespace);
        // No STP, no forwarding delay, no multicast snooping: a dumb hub-like switch that forwards VRRP at once.
        Ip("-n", SwitchNamespace, "link", "add", "br0", "type", "bridge",
            "stp_state", "0", "forward_delay", "0", "mcast_snooping", "0");
        Ip("-n", SwitchNamespace, "link", "set", "br0", "up");

        var hosts = new List<LabHost>();
        for (var i = 1; i <= hostCount; i++)
        {
            var host = new LabHost(i, $"{Id}-h{i}", $"p{i}");
            AddNamespace(host.Namespace);
            // Both ends are born in the switch namespace and eth0 is created directly in the host's.
            Ip("-n", SwitchNamespace, "link", "add", host.BridgePort, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
            Ip("-n", SwitchNamespace, "link", "set", host.BridgePort, "master", "br0", "up");
            Sysctl(host.Namespace, "net.ipv6.conf.eth0.accept_dad=0", "net.ipv6.conf.eth0.dad_transmits=0");
            Ip("-n", host.Namespace, "addr", "add", $"{host.Ipv4}/24", "dev", "eth0");
            Ip("-n", host.Namespace, "addr", "add", $"{host.Ipv6}/64", "dev", "eth0", "nodad");
            Ip("-n", host.Namespace, "link", "set", "eth0", "up");
            hosts.Add(host);
        }

        Hosts = hosts;
    }

    private void AddNamespace(string name)
    {
        Ip("netns", "add", name);
        // IPv6 addresses usable at once: no duplicate address detection on any interface made later.
        Sysctl(name,
            "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
            "net.ipv6.conf.all.dad_transmits=0", "net.ipv6.conf.default.dad_transmits=0");
        Ip("-n", name, "link", "set", "lo", "up");
    }

    private static void Sysctl(string ns, params string[] settings) =>
        Command.Run("ip", new[] { "netns", "exec", ns, "sysctl", "-qw" }.Concat(settings)).EnsureSuccess();

    internal static CommandResult Ip(params string[] arguments) => Command.Run("ip", arguments).EnsureSuccess();
}
