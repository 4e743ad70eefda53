using System.Net;
using System.Text.Json;

namespace Vrrpd.IntegrationTests.Harness;

public sealed partial class Lab
{
    /// <summary>
    /// Silent loss: the switch stops forwarding the host's bridge port (port state disabled) while both ends of
    /// the veth stay up, so the host sees no link event, exactly like a cable cut behind a switch.
    /// `bridge link set` is used because iproute2 6.1 accepts `ip link set PORT type bridge_slave state 0`
    /// but leaves the port forwarding.
    /// </summary>
    public void CutOff(LabHost host) => SetPortState(host, "0");

    /// <summary>Undoes <see cref="CutOff"/>: the port forwards again (state 3).</summary>
    public void Restore(LabHost host) => SetPortState(host, "3");

    /// <summary>The host's own eth0 goes down: a loss the host notices (carrier lost).</summary>
    public void LinkDown(LabHost host) => Ip("-n", host.Namespace, "link", "set", "eth0", "down");

    public void LinkUp(LabHost host) => Ip("-n", host.Namespace, "link", "set", "eth0", "up");

    /// <summary>The addresses on the host's eth0, parsed from `ip -j addr show dev eth0`.</summary>
    public IReadOnlyList<LabAddress> AddressesOn(LabHost host)
    {
        var json = Ip("-j", "-n", host.Namespace, "addr", "show", "dev", "eth0").StdOut;
        using var document = JsonDocument.Parse(json);
        var addresses = new List<LabAddress>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("addr_info", out var infos))
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                addresses.Add(new LabAddress(
                    IPAddress.Parse(info.GetProperty("local").GetString()!),
                    info.GetProperty("prefixlen").GetInt32(),
                    info.TryGetProperty("scope", out var scope) ? scope.GetString() ?? "" : ""));
            }
        }

        return addresses;
    }

    public bool HasAddress(LabHost host, string address) => HasAddress(host, IPAddress.Parse(address));

    public bool HasAddress(LabHost host, IPAddress address) => AddressesOn(host).Any(a => a.Address.Equals(address));

    /// <summary>The host's fe80:: address on eth0 (the source of its VRRPv3 IPv6 adverts, RFC 5798 §5.1.2.1).</summary>
    public IPAddress LinkLocalOf(LabHost host) =>
        AddressesOn(host).First(a => a.IsLinkLocal && a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).Address;

    private void SetPortState(LabHost host, string state) =>
        Command.Run("bridge", "-n", SwitchNamespace, "link", "set", "dev", host.BridgePort, "state", state).EnsureSuccess();
}
