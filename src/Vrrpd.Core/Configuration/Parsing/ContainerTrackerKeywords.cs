using System.Globalization;

namespace Vrrpd.Configuration;

/// <summary>vrrpd's <c>vrrp_track_container NAME { engine SOCKET; container NAME|ID; require running|healthy;
/// http_get URL; tcp_socket HOST:PORT; interval; timeout; rise; fall; weight W [reverse]; init_fail }</c>.</summary>
internal static class ContainerTrackerKeywords
{
    private static readonly KeywordTable<ContainerDraft> Table = new("vrrp_track_container", Handlers(), TrackerBlocks.NoneIgnored);

    /// <summary>The keywords of the block, for ConfigurationKeywords (documentation that cannot drift).</summary>
    internal static IEnumerable<string> Keywords => Table.Keywords;

    public static ContainerTrackerConfig? Read(Statement s, DiagnosticBag d)
    {
        ContainerDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new ContainerDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.Container is null)
        {
            d.Error(s.Location, $"vrrp_track_container {draft.Name} has no 'container' (required: a name or id)");
            return null;
        }

        return new ContainerTrackerConfig(draft.Name, draft.Engine ?? ContainerTrackerConfig.DefaultEngineSocket, draft.Container,
            draft.Require, draft.HttpGet, draft.TcpSocket, draft.Timing.Build(TrackerTiming.Default), draft.Location);
    }

    private static Dictionary<string, KeywordHandler<ContainerDraft>> Handlers()
    {
        var table = new Dictionary<string, KeywordHandler<ContainerDraft>>(StringComparer.Ordinal)
        {
            ["engine"] = (s, c, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "the engine's unix socket path", d) && TrackerBlocks.TryAbsolutePath(s.Arguments[0], s.Name, d))
                {
                    c.Engine = s.Arguments[0].Text;
                }
            },
            ["container"] = (s, c, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "a container name or id", d))
                {
                    c.Container = s.Arguments[0].Text;
                }
            },
            ["require"] = (s, c, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 1, "running or healthy", d))
                {
                    return;
                }

                switch (s.Arguments[0].Text)
                {
                    case "running":
                        c.Require = ContainerRequirement.Running;
                        break;
                    case "healthy":
                        c.Require = ContainerRequirement.Healthy;
                        break;
                    default:
                        d.Error(s.Arguments[0].Location, $"'require' expects running or healthy, got '{s.Arguments[0].Text}'");
                        break;
                }
            },
            ["http_get"] = (s, c, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 1, "an http:// URL", d))
                {
                    return;
                }

                Token url = s.Arguments[0];
                if (Uri.TryCreate(url.Text, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp)
                {
                    c.HttpGet = uri;
                }
                else
                {
                    d.Error(url.Location, $"'http_get' expects an http:// URL, got '{url.Text}'");
                }
            },
            ["tcp_socket"] = (s, c, d) =>
            {
                if (Values.ExpectArguments(s, 1, 1, "HOST:PORT", d) && TryHostPort(s.Arguments[0], d))
                {
                    c.TcpSocket = s.Arguments[0].Text;
                }
            },
        };
        TrackerTimingDraft.AddTo(table, c => c.Timing);
        return table;
    }

    /// <summary>HOST:PORT, with an IPv6 host in brackets ([2001:db8::1]:80).</summary>
    private static bool TryHostPort(Token token, DiagnosticBag d)
    {
        string text = token.Text;
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon] : "";
        bool ok = colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port is >= 1 and <= 65535
            && host.Length > 0
            && (!host.Contains(':') || (host.StartsWith('[') && host.EndsWith(']')));
        if (!ok)
        {
            d.Error(token.Location, $"'tcp_socket' expects HOST:PORT (port 1..65535, IPv6 in brackets), got '{text}'");
        }

        return ok;
    }

    private sealed class ContainerDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public TrackerTimingDraft Timing { get; } = new();

        public string? Engine { get; set; }

        public string? Container { get; set; }

        public ContainerRequirement Require { get; set; } = ContainerRequirement.Auto;

        public Uri? HttpGet { get; set; }

        public string? TcpSocket { get; set; }
    }
}
