using System.Globalization;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>Faults the lab can inject beyond a cut cable, and what a test reads back from a process after them.</summary>
public sealed partial class Lab
{
    /// <summary>Deletes the host's veth from the switch side: both ends go, so the host's eth0 disappears.</summary>
    public void DeleteLink(LabHost host) => Ip("-n", SwitchNamespace, "link", "del", host.BridgePort);

    /// <summary>Re-creates the host's eth0 as <see cref="Build"/> made it: same name, same addresses, plugged in.</summary>
    public void RecreateLink(LabHost host)
    {
        Ip("-n", SwitchNamespace, "link", "add", host.BridgePort, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
        Ip("-n", SwitchNamespace, "link", "set", host.BridgePort, "master", "br0", "up");
        Sysctl(host.Namespace, "net.ipv6.conf.eth0.accept_dad=0", "net.ipv6.conf.eth0.dad_transmits=0");
        Ip("-n", host.Namespace, "addr", "add", $"{host.Ipv4}/24", "dev", "eth0");
        Ip("-n", host.Namespace, "addr", "add", $"{host.Ipv6}/64", "dev", "eth0", "nodad");
        Ip("-n", host.Namespace, "link", "set", "eth0", "up");
    }

    /// <summary>The host's eth0 MAC address (to tell its frames from its peers' in a capture).</summary>
    public string MacOf(LabHost host) => Exec(host, "cat", "/sys/class/net/eth0/address").EnsureSuccess().StdOut.Trim();

    /// <summary>Open file descriptors of a process (/proc/PID/fd).</summary>
    public static int FileDescriptorCount(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>Threads of a process (the Threads line of /proc/PID/status).</summary>
    public static int ThreadCount(int pid) =>
        File.ReadLines($"/proc/{pid}/status")
            .Where(line => line.StartsWith("Threads:", StringComparison.Ordinal))
            .Select(line => int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture))
            .Single();
}
