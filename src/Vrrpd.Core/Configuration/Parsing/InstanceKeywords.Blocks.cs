using Vrrpd.Protocol;
using System.Net;
using System.Text;

namespace Vrrpd.Configuration;

/// <summary>The block keywords of <c>vrrp_instance</c>: authentication, unicast_peer, track_interface.</summary>
internal static partial class InstanceKeywords
{
    private const int MaxTrackWeight = 253;

    /// <summary><c>authentication { auth_type PASS|AH; auth_pass SECRET }</c> (RFC 3768 §5.3.6, v2 only).</summary>
    private static void ReadAuthentication(Statement s, InstanceDraft i, DiagnosticBag d)
    {
        if (!Values.ExpectBlock(s, 0, "{ auth_type PASS; auth_pass SECRET }", d))
        {
            return;
        }

        AuthenticationType? type = null;
        byte[]? password = null;
        bool refused = false;
        foreach (Statement child in s.Block!)
        {
            switch (child.Name)
            {
                case "auth_type" when Values.ExpectArguments(child, 1, 1, "PASS", d):
                    Token value = child.Arguments[0];
                    if (value.Text == "PASS")
                    {
                        type = AuthenticationType.Pass;
                    }
                    else if (value.Text == "AH")
                    {
                        d.Error(value.Location, "'auth_type AH' is not supported (no IPsec AH); use PASS or no authentication");
                        refused = true;
                    }
                    else
                    {
                        d.Error(value.Location, $"'auth_type' expects PASS, got '{value.Text}'");
                        refused = true;
                    }

                    break;
                case "auth_pass" when Values.ExpectArguments(child, 1, 1, "a password (up to 8 characters)", d):
                    password = ReadPassword(child.Arguments[0], d);
                    break;
                case "auth_type" or "auth_pass":
                    break;
                default:
                    d.Error(child.Location, $"unknown keyword '{child.Name}' in authentication (expected auth_type or auth_pass)");
                    break;
            }
        }

        if (type is null || password is null)
        {
            if (!refused && (type is not null || password is not null))
            {
                d.Error(s.Location, "'authentication' needs both 'auth_type PASS' and 'auth_pass'");
            }

            return;
        }

        i.Authentication = (new AuthenticationConfig(type.Value, password), s.Location);
    }

    /// <summary>RFC 3768 §5.3.10: 8 octets, zero padded; keepalived keeps the first 8 characters.</summary>
    private static byte[]? ReadPassword(Token token, DiagnosticBag d)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(token.Text);
        if (bytes.Length == 0)
        {
            d.Error(token.Location, "'auth_pass' expects a password (up to 8 characters), got an empty one");
            return null;
        }

        if (bytes.Length > 8)
        {
            d.Warning(token.Location, $"'auth_pass' is {bytes.Length} bytes long; only the first 8 are used (RFC 3768 §5.3.10)");
        }

        byte[] password = new byte[8];
        bytes.AsSpan(0, Math.Min(8, bytes.Length)).CopyTo(password);
        return password;
    }

    /// <summary><c>unicast_peer { IP [min_ttl N] [max_ttl N] ... }</c>.</summary>
    private static void ReadUnicastPeers(Statement s, InstanceDraft i, DiagnosticBag d)
    {
        if (!Values.ExpectBlock(s, 0, "{ IP [min_ttl N] [max_ttl N] ... }", d))
        {
            return;
        }

        foreach (Statement line in s.Block!)
        {
            if (!Values.TryAddress(line.Keyword, "unicast_peer", d, out IPAddress address))
            {
                continue;
            }

            int? minTtl = null;
            int? maxTtl = null;
            bool ok = true;
            for (int a = 0; a < line.Arguments.Count && ok; a += 2)
            {
                Token option = line.Arguments[a];
                if (option.Text is not ("min_ttl" or "max_ttl") || a + 1 >= line.Arguments.Count)
                {
                    d.Error(option.Location, $"'unicast_peer' expects IP [min_ttl 0..255] [max_ttl 0..255], got '{option.Text}'");
                    ok = false;
                    break;
                }

                ok = Values.TryInteger(line.Arguments[a + 1], option.Text, 0, 255, d, out int ttl);
                if (option.Text == "min_ttl")
                {
                    minTtl = ttl;
                }
                else
                {
                    maxTtl = ttl;
                }
            }

            if (ok && minTtl > maxTtl)
            {
                d.Error(line.Location, $"'unicast_peer' {address}: min_ttl {minTtl} is above max_ttl {maxTtl}");
                ok = false;
            }

            if (ok)
            {
                i.UnicastPeers.Add((new UnicastPeerConfig(address, minTtl, maxTtl), line.Location));
            }
        }
    }

    /// <summary><c>track_interface { IF [weight -253..253 [reverse]] ... }</c> (keepalived vrrp_track.c).</summary>
    private static void ReadTrackInterfaces(Statement s, InstanceDraft i, DiagnosticBag d)
    {
        if (!Values.ExpectBlock(s, 0, "{ IF [weight -253..253 [reverse]] ... }", d))
        {
            return;
        }

        foreach (Statement line in s.Block!)
        {
            if (!TryInterfaceName(line.Keyword, "track_interface", d))
            {
                continue;
            }

            IReadOnlyList<Token> args = line.Arguments;
            int weight = 0;
            bool reverse = false;
            if (args.Count > 0)
            {
                bool shapeOk = args[0].Text == "weight" && args.Count >= 2
                    && (args.Count == 2 || (args.Count == 3 && args[2].Text is "reverse" or "noreverse"));
                if (!shapeOk)
                {
                    d.Error(args[0].Location, $"'track_interface' expects IF [weight -{MaxTrackWeight}..{MaxTrackWeight} [reverse]], got '{string.Join(' ', args.Select(a => a.Text))}'");
                    continue;
                }

                if (!Values.TryInteger(args[1], "weight", -MaxTrackWeight, MaxTrackWeight, d, out weight))
                {
                    continue;
                }

                reverse = args.Count == 3 && args[2].Text == "reverse";
            }

            i.TrackInterfaces.Add(new TrackedInterfaceConfig(line.Name, weight, reverse, line.Location));
        }
    }
}
