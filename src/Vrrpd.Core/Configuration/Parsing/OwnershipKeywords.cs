namespace Vrrpd.Configuration;

/// <summary>vrrpd's <c>vrrp_ownership NAME { etcd_endpoints URL...; lease_ttl SECONDS; key_prefix PREFIX }</c>
/// (docs/design/ownership.md §2).</summary>
internal static class OwnershipKeywords
{
    private static readonly KeywordTable<OwnershipDraft> Table = new("vrrp_ownership", Handlers(), TrackerBlocks.NoneIgnored);

    public static OwnershipConfig? Read(Statement s, DiagnosticBag d)
    {
        OwnershipDraft? draft = TrackerBlocks.Read(s, Table, (n, l) => new OwnershipDraft(n, l), d);
        if (draft is null)
        {
            return null;
        }

        if (draft.Endpoints.Count == 0)
        {
            d.Error(s.Location, $"vrrp_ownership {draft.Name} has no 'etcd_endpoints' (required: one or more http:// or https:// URLs)");
            return null;
        }

        return new OwnershipConfig(draft.Name, draft.Endpoints, draft.LeaseTtl, draft.KeyPrefix, draft.Location);
    }

    private static Dictionary<string, KeywordHandler<OwnershipDraft>> Handlers() => new(StringComparer.Ordinal)
    {
        // Several per line, several lines: the endpoints add up, in order.
        ["etcd_endpoints"] = (s, o, d) =>
        {
            if (!Values.ExpectArguments(s, 1, 16, "one or more etcd client URLs (http://HOST:PORT or https://HOST:PORT)", d))
            {
                return;
            }

            foreach (Token word in s.Arguments)
            {
                if (ReadEndpoint(word, d) is not { } url)
                {
                    continue;
                }

                if (o.Endpoints.Contains(url))
                {
                    d.Warning(word.Location, $"'etcd_endpoints' {word.Text} is listed twice in vrrp_ownership {o.Name}; used once");
                }
                else
                {
                    o.Endpoints.Add(url);
                }
            }
        },
        ["lease_ttl"] = (s, o, d) =>
        {
            // Whole seconds: etcd's LeaseGrant takes its TTL in seconds, and a rounded TTL would change the
            // holder's deadline behind the operator's back.
            int min = (int)OwnershipConfig.MinLeaseTtl.TotalSeconds;
            int max = (int)OwnershipConfig.MaxLeaseTtl.TotalSeconds;
            if (Values.ExpectArguments(s, 1, 1, $"whole seconds {min}..{max}", d)
                && Values.TryInteger(s.Arguments[0], s.Name, min, max, d, out int seconds))
            {
                o.LeaseTtl = TimeSpan.FromSeconds(seconds);
            }
        },
        ["key_prefix"] = (s, o, d) =>
        {
            if (!Values.ExpectArguments(s, 1, 1, "a key prefix such as /vrrpd/", d))
            {
                return;
            }

            Token word = s.Arguments[0];
            if (!word.Text.StartsWith('/') || !word.Text.EndsWith('/') || word.Text.Length > 512
                || word.Text.Any(c => c <= ' ' || c > '~'))
            {
                d.Error(word.Location, $"'key_prefix' expects printable ASCII that starts and ends with '/' (at most 512 characters), got '{word.Text}'");
                return;
            }

            o.KeyPrefix = word.Text;
        },
    };

    /// <summary>An etcd client URL: http or https, a host, an explicit port, and nothing else (no user, path,
    /// query or fragment): the client appends the /v3/ paths itself, and a silently dropped path would point
    /// somewhere else than the operator wrote.</summary>
    private static Uri? ReadEndpoint(Token word, DiagnosticBag d)
    {
        string text = word.Text;
        string form = "an etcd client URL http://HOST:PORT or https://HOST:PORT";
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            d.Error(word.Location, $"'etcd_endpoints' expects {form}, got '{text}'");
            return null;
        }

        if (url.Host.Length == 0 || url.UserInfo.Length > 0 || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0
            || text.TrimEnd('/').EndsWith(':'))
        {
            d.Error(word.Location, $"'etcd_endpoints' expects {form} with no user, path or query, got '{text}'");
            return null;
        }

        if (url.IsDefaultPort && !HasExplicitPort(text))
        {
            d.Error(word.Location, $"'etcd_endpoints' {text} has no port; write it (etcd listens on 2379 for clients)");
            return null;
        }

        return new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static bool HasExplicitPort(string text)
    {
        string authority = text[(text.IndexOf("//", StringComparison.Ordinal) + 2)..].TrimEnd('/');
        int close = authority.LastIndexOf(']');
        int colon = authority.LastIndexOf(':');
        return colon > close;
    }

    private sealed class OwnershipDraft(string name, SourceLocation location)
    {
        public string Name { get; } = name;

        public SourceLocation Location { get; } = location;

        public List<Uri> Endpoints { get; } = [];

        public TimeSpan LeaseTtl { get; set; } = OwnershipConfig.DefaultLeaseTtl;

        public string KeyPrefix { get; set; } = OwnershipConfig.DefaultKeyPrefix;
    }
}
