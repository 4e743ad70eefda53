using System.Net;

namespace Vrrpd.Configuration;

/// <summary>The <c>vrrp_instance NAME { ... }</c> keywords vrrpd implements (keepalived vrrp_parser.c names).
/// Cross-keyword rules live in <see cref="InstanceCompleter"/>; address and tracker blocks in their own files.</summary>
internal static partial class InstanceKeywords
{
    public static readonly KeywordTable<InstanceDraft> Table = new("vrrp_instance", Handlers(), KeepalivedKeywords.Instance);

    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    private static Dictionary<string, KeywordHandler<InstanceDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<InstanceDraft>>(StringComparer.Ordinal)
        {
            ["state"] = ReadState,
            ["interface"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "an interface name", d) && TryInterfaceName(s.Arguments[0], s.Name, d))
                {
                    i.Interface = s.Arguments[0].Text;
                }
            },
            ["virtual_router_id"] = (s, i, d) =>
            {
                // RFC 5798 §5.2.3: VRID 1..255.
                if (Values.ExpectArguments(s, 1, 1, "an integer 1..255", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, 255, d, out int vrid))
                {
                    i.VirtualRouterId = (byte)vrid;
                }
            },
            ["priority"] = (s, i, d) =>
            {
                // RFC 5798 §5.2.4: 255 is the address owner, 0 is reserved for "leaving".
                if (Values.ExpectArguments(s, 1, 1, "an integer 1..255", d)
                    && Values.TryInteger(s.Arguments[0], s.Name, 1, 255, d, out int priority))
                {
                    i.Priority = (byte)priority;
                }
            },
            ["advert_int"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "seconds (v2: 1..255; v3: 0.01..40.95)", d)
                    && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.Zero, TimeSpan.FromSeconds(255), d, out TimeSpan interval))
                {
                    i.AdvertisementInterval = (interval, s.Arguments[0]);
                }
            },
            ["version"] = (s, i, d) =>
            {
                if (GlobalDefsKeywords.ReadVersion(s, d) is { } version)
                {
                    i.Version = (version, s.Arguments[0]);
                }
            },
            ["nopreempt"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 0, 0, "no value", d))
                {
                    i.NoPreempt = s.Keyword;
                }
            },
            ["preempt"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 0, 0, "no value", d))
                {
                    i.NoPreempt = null;
                }
            },
            ["preempt_delay"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "seconds 0..1000", d)
                    && Values.TryTimer(s.Arguments[0], s.Name, TimeSpan.Zero, TimeSpan.FromSeconds(1000), d, out TimeSpan delay))
                {
                    i.PreemptDelay = delay;
                }
            },
            ["authentication"] = ReadAuthentication,
            ["virtual_ipaddress"] = (s, i, d) => VirtualAddressParser.ReadBlock(s, i.VirtualAddresses, d),
            ["virtual_ipaddress_excluded"] = (s, i, d) => VirtualAddressParser.ReadBlock(s, i.ExcludedAddresses, d),
            ["unicast_src_ip"] = ReadSourceAddress,
            ["mcast_src_ip"] = ReadSourceAddress,
            ["unicast_peer"] = ReadUnicastPeers,
            ["track_interface"] = ReadTrackInterfaces,
            ["v3_checksum_as_v2"] = (s, i, d) =>
            {
                if (Values.TryFlag(s, d, out bool value))
                {
                    i.V3ChecksumAsV2 = value;
                }
            },
            ["check_unicast_src"] = (s, i, d) =>
            {
                if (Values.TryIgnoringFlag(s, d))
                {
                    i.CheckUnicastSource = true;
                }
            },
            ["down_timer_adverts"] = (s, i, d) =>
            {
                if (GlobalDefsKeywords.ReadDownTimerAdverts(s, d) is { } adverts)
                {
                    i.DownTimerAdverts = adverts;
                }
            },
            ["accept"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 0, 0, "no value", d))
                {
                    i.Accept = true;
                }
            },
            ["no_accept"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 0, 0, "no value", d))
                {
                    i.Accept = false;
                }
            },
            ["dont_track_primary"] = (s, i, d) =>
            {
                if (Values.ExpectArguments(s, 0, 0, "no value", d))
                {
                    i.DontTrackPrimary = true;
                }
            },
            ["ownership"] = (s, i, d) =>
            {
                if (OwnershipReference.Read(s, i.Ownership, $"vrrp_instance {i.Name}", d) is { } name)
                {
                    i.Ownership = name;
                }
            },
        };
        GlobalDefsKeywords.AddGarp(table, "", i => i.Garp);
        NotifyKeywords.AddTo(table, i => i.Notify);
        TrackerReferenceKeywords.AddTo(table, i => i.Trackers);
        return table;
    }

    public static bool TryInterfaceName(Token token, string keyword, DiagnosticBag d)
    {
        string name = token.Text;
        if (name.Length is > 0 and <= MaxInterfaceNameLength && name is not "." and not ".."
            && !name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c)))
        {
            return true;
        }

        d.Error(token.Location, $"'{keyword}' expects an interface name (1..{MaxInterfaceNameLength} characters, no '/', ':' or spaces), got '{name}'");
        return false;
    }

    private static void ReadState(Statement s, InstanceDraft i, DiagnosticBag d)
    {
        if (!Values.ExpectArguments(s, 1, 1, "MASTER or BACKUP", d))
        {
            return;
        }

        Token token = s.Arguments[0];
        switch (token.Text.ToUpperInvariant())
        {
            case "MASTER":
                i.State = InitialStateHint.Master;
                break;
            case "BACKUP":
                i.State = InitialStateHint.Backup;
                break;
            default:
                d.Error(token.Location, $"'state' expects MASTER or BACKUP, got '{token.Text}'");
                break;
        }
    }

    private static void ReadSourceAddress(Statement s, InstanceDraft i, DiagnosticBag d)
    {
        if (Values.ExpectArguments(s, 1, 1, "an IPv4 or IPv6 address", d)
            && Values.TrySourceAddress(s.Arguments[0], s.Name, d, out IPAddress address))
        {
            i.UnicastSource = (address, s.Arguments[0]);
        }
    }
}
