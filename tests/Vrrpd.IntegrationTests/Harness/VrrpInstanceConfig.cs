using System.Text;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// One `vrrp_instance` block in keepalived's grammar, which vrrpd reads too, so the same text configures both
/// daemons in the interop tests. Tests vary it with `with { Priority = 150 }`.
/// </summary>
public sealed record VrrpInstanceConfig
{
    public string Name { get; init; } = "VI_1";

    public string Interface { get; init; } = "eth0";

    public int VirtualRouterId { get; init; } = 51;

    public int Priority { get; init; } = 100;

    /// <summary>2 or 3, written as a <c>version</c> line; null writes none, so each daemon applies its default
    /// (both: 2 for IPv4, 3 for IPv6).</summary>
    public int? Version { get; init; } = 3;

    /// <summary>Seconds as keepalived writes them: "1", "0.1" (fractions are VRRPv3 only).</summary>
    public string AdvertInt { get; init; } = "0.1";

    public IReadOnlyList<string> VirtualAddresses { get; init; } = ["192.0.2.100/24"];

    /// <summary>VRRPv2 `auth_type PASS` password; null for none.</summary>
    public string? AuthPass { get; init; }

    public string? UnicastSourceIp { get; init; }

    public IReadOnlyList<string> UnicastPeers { get; init; } = [];

    public bool NoPreempt { get; init; }

    /// <summary>More lines inside the vrrp_instance block (e.g. <c>ownership NAME</c>).</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];

    /// <summary>Text before the vrrp_instance block (e.g. a vrrp_ownership block).</summary>
    public string Preamble { get; init; } = "";

    /// <summary>The config file text.</summary>
    public string ToConfigText()
    {
        var text = new StringBuilder();
        text.Append(Preamble);
        text.AppendLine($"vrrp_instance {Name} {{");
        text.AppendLine("    state BACKUP");
        text.AppendLine($"    interface {Interface}");
        text.AppendLine($"    virtual_router_id {VirtualRouterId}");
        if (Version is { } version)
        {
            text.AppendLine($"    version {version}");
        }

        text.AppendLine($"    priority {Priority}");
        text.AppendLine($"    advert_int {AdvertInt}");
        if (NoPreempt)
        {
            text.AppendLine("    nopreempt");
        }

        if (AuthPass is not null)
        {
            text.AppendLine("    authentication {");
            text.AppendLine("        auth_type PASS");
            text.AppendLine($"        auth_pass {AuthPass}");
            text.AppendLine("    }");
        }

        if (UnicastSourceIp is not null)
        {
            text.AppendLine($"    unicast_src_ip {UnicastSourceIp}");
        }

        if (UnicastPeers.Count > 0)
        {
            text.AppendLine("    unicast_peer {");
            foreach (var peer in UnicastPeers)
            {
                text.AppendLine($"        {peer}");
            }

            text.AppendLine("    }");
        }

        foreach (var line in ExtraLines)
        {
            text.AppendLine($"    {line}");
        }

        text.AppendLine("    virtual_ipaddress {");
        foreach (var address in VirtualAddresses)
        {
            text.AppendLine($"        {address}");
        }

        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    public override string ToString() => ToConfigText();
}
