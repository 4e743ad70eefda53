using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's VIP line (vrrp_ipaddress.c parse_ipaddress):
/// <c>IP[/MASK] [brd IP|+|-] [dev IF] [scope site|link|host|nowhere|global] [label IF:x] [-nodad] [no_track]
/// [preferred_lft N|forever] [peer IP] [home] [mngtmpaddr] [noprefixroute] [autojoin]</c>.
/// The options after <c>no_track</c> are accepted with a warning: vrrpd adds the address without them.
/// </summary>
internal static class VirtualAddressParser
{
    private const string Form =
        "IP[/PREFIX] [brd IP|+|-] [dev IF] [scope global|site|link|host|nowhere] [label IF:x] [-nodad] [no_track]";

    private static readonly HashSet<string> IgnoredFlags = ["home", "mngtmpaddr", "noprefixroute", "autojoin"];

    public static void ReadBlock(Statement s, List<VirtualAddressDraft> output, DiagnosticBag d)
    {
        if (!Values.ExpectBlock(s, 0, "{ " + Form + " ... }", d))
        {
            return;
        }

        foreach (Statement line in s.Block!)
        {
            if (line.Block is not null)
            {
                d.Error(line.Location, $"a virtual address line does not take a {{ }} block; expected {Form}");
                continue;
            }

            if (TryRead(line, s.Name, d) is { } address)
            {
                output.Add(address);
            }
        }
    }

    private static VirtualAddressDraft? TryRead(Statement line, string keyword, DiagnosticBag d)
    {
        if (!TryReadPrefix(line.Keyword, keyword, d, out IPAddress address, out int prefix))
        {
            return null;
        }

        bool v4 = address.AddressFamily == AddressFamily.InterNetwork;
        string? device = null;
        string? label = null;
        IPAddress? broadcast = null;
        AddressScope scope = AddressScope.Global;
        bool noTrack = false;
        IReadOnlyList<Token> args = line.Arguments;
        for (int a = 0; a < args.Count; a++)
        {
            Token option = args[a];
            Token? value = a + 1 < args.Count ? args[a + 1] : null;
            switch (option.Text)
            {
                case "dev" or "brd" or "broadcast" or "scope" or "label" or "preferred_lft" or "peer" when value is null:
                    d.Error(option.Location, $"'{option.Text}' in {keyword} needs a value; expected {Form}");
                    return null;
                case "dev":
                    if (!InstanceKeywords.TryInterfaceName(value!.Value, "dev", d))
                    {
                        return null;
                    }

                    device = value.Value.Text;
                    a++;
                    break;
                case "brd" or "broadcast":
                    if (!v4)
                    {
                        d.Error(option.Location, $"'{option.Text}' applies to IPv4 addresses only");
                        return null;
                    }

                    if (!TryBroadcast(value!.Value, address, prefix, d, out broadcast))
                    {
                        return null;
                    }

                    a++;
                    break;
                case "scope":
                    if (!TryScope(value!.Value, d, out scope))
                    {
                        return null;
                    }

                    a++;
                    break;
                case "label":
                    if (!v4 || value!.Value.Text.Length > InstanceKeywords.MaxInterfaceNameLength)
                    {
                        d.Error(option.Location, v4
                            ? $"'label' is at most {InstanceKeywords.MaxInterfaceNameLength} characters (IFNAMSIZ), got '{value!.Value.Text}'"
                            : "'label' applies to IPv4 addresses only (the kernel has no IPv6 labels)");
                        return null;
                    }

                    label = value.Value.Text;
                    a++;
                    break;
                case "-nodad":
                    // IPv6 VIPs are added with IFA_F_NODAD anyway (keepalived does the same); nothing to store.
                    break;
                case "no_track":
                    noTrack = true;
                    break;
                case "use_vmac":
                    d.Warning(option.Location, KeepalivedKeywords.Unsupported["use_vmac"]);
                    break;
                case "preferred_lft" or "peer":
                    d.Warning(option.Location, $"'{option.Text}' in {keyword} is a keepalived option vrrpd does not implement; ignored");
                    a++;
                    break;
                default:
                    if (IgnoredFlags.Contains(option.Text))
                    {
                        d.Warning(option.Location, $"'{option.Text}' in {keyword} is a keepalived option vrrpd does not implement; ignored");
                        break;
                    }

                    d.Error(option.Location, $"unknown option '{option.Text}' in {keyword}; expected {Form}");
                    return null;
            }
        }

        return new VirtualAddressDraft(address, prefix, device, label, broadcast, scope, noTrack, line.Location);
    }

    private static bool TryReadPrefix(Token token, string keyword, DiagnosticBag d, out IPAddress address, out int prefix)
    {
        string text = token.Text;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        prefix = 0;
        if (!Values.TryParseAddress(addressText, out address))
        {
            d.Error(token.Location, $"'{keyword}' expects {Form}; '{text}' is not an IP address");
            return false;
        }

        int maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        prefix = maxPrefix;
        if (slash >= 0 && !(int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
            && prefix <= maxPrefix))
        {
            d.Error(token.Location, $"'{keyword}' expects a prefix length 0..{maxPrefix} after '/', got '{text}'");
            return false;
        }

        return true;
    }

    /// <summary><c>brd IP</c>, or iproute2's <c>+</c> (host bits set) / <c>-</c> (host bits clear).</summary>
    private static bool TryBroadcast(Token token, IPAddress address, int prefix, DiagnosticBag d, out IPAddress? broadcast)
    {
        broadcast = null;
        if (token.Text is "+" or "-")
        {
            uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
            uint hostMask = prefix == 32 ? 0u : uint.MaxValue >> prefix;
            value = token.Text == "+" ? value | hostMask : value & ~hostMask;
            byte[] bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            broadcast = new IPAddress(bytes);
            return true;
        }

        if (Values.TryParseAddress(token.Text, out IPAddress parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            broadcast = parsed;
            return true;
        }

        d.Error(token.Location, $"'brd' expects an IPv4 address, '+' or '-', got '{token.Text}'");
        return false;
    }

    private static bool TryScope(Token token, DiagnosticBag d, out AddressScope scope)
    {
        switch (token.Text)
        {
            case "global": scope = AddressScope.Global; return true;
            case "site": scope = AddressScope.Site; return true;
            case "link": scope = AddressScope.Link; return true;
            case "host": scope = AddressScope.Host; return true;
            case "nowhere": scope = AddressScope.Nowhere; return true;
            default:
                scope = AddressScope.Global;
                d.Error(token.Location, $"'scope' expects global, site, link, host or nowhere, got '{token.Text}'");
                return false;
        }
    }
}
