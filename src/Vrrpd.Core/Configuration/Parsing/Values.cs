using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Configuration;

/// <summary>Reads keyword arguments. Every failure names the keyword and the expected form, at the word's position.</summary>
internal static class Values
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Checks the argument count (and that no block follows); reports against the keyword.</summary>
    public static bool ExpectArguments(Statement statement, int min, int max, string form, DiagnosticBag diagnostics)
    {
        if (statement.Block is not null)
        {
            diagnostics.Error(statement.Location, $"'{statement.Name}' does not take a {{ }} block; expected {form}");
            return false;
        }

        if (statement.Arguments.Count < min)
        {
            diagnostics.Error(statement.Location, $"'{statement.Name}' expects {form}");
            return false;
        }

        if (statement.Arguments.Count > max)
        {
            return ExtraWords(statement, max, form, diagnostics);
        }

        return true;
    }

    /// <summary>keepalived reads the words a keyword needs and ignores the rest of the line. Where the rest is
    /// another keyword (<c>state MASTER priority 200</c>) that silently drops a setting, so it stays an error that
    /// says so; after a flag (<c>nopreempt 1</c>) nothing is lost, so it is a warning
    /// (docs/design/keepalived-compatibility.md §11).</summary>
    private static bool ExtraWords(Statement statement, int max, string form, DiagnosticBag diagnostics)
    {
        Token extra = statement.Arguments[max];
        string rest = string.Join(' ', statement.Arguments.Skip(max).Select(a => a.Text));
        if (KnownKeywords.Contains(extra.Text))
        {
            diagnostics.Error(extra.Location, $"'{statement.Name}' expects {form}; unexpected '{extra.Text}': keepalived reads one keyword per line and would silently ignore '{rest}' here, so vrrpd refuses it; put '{extra.Text}' on a line of its own");
            return false;
        }

        if (max == 0)
        {
            diagnostics.Warning(extra.Location, $"'{statement.Name}' takes no value; '{rest}' is ignored, as keepalived ignores it");
            return true;
        }

        diagnostics.Error(extra.Location, $"'{statement.Name}' expects {form}; unexpected '{extra.Text}'");
        return false;
    }

    /// <summary>A block keyword such as <c>virtual_ipaddress { ... }</c>.</summary>
    public static bool ExpectBlock(Statement statement, int arguments, string form, DiagnosticBag diagnostics)
    {
        if (statement.Arguments.Count != arguments)
        {
            Token at = statement.Arguments.Count > arguments ? statement.Arguments[arguments] : statement.Keyword;
            diagnostics.Error(at.Location, $"'{statement.Name}' expects {form}");
            return false;
        }

        if (statement.Block is null)
        {
            diagnostics.Error(statement.Location, $"'{statement.Name}' expects a {{ }} block: {form}");
            return false;
        }

        return true;
    }

    public static bool TryInteger(Token token, string keyword, int min, int max, DiagnosticBag diagnostics, out int value)
    {
        if (int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
        {
            return true;
        }

        diagnostics.Error(token.Location, $"'{keyword}' expects an integer {min}..{max}, got '{token.Text}'");
        return false;
    }

    /// <summary>A timer in seconds with an optional fraction, read as a decimal so that 0.1 is exactly 100 ms
    /// (keepalived keeps timers in µs; a finer fraction is an error rather than a silent rounding).</summary>
    public static bool TryTimer(Token token, string keyword, TimeSpan min, TimeSpan max, DiagnosticBag diagnostics, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        string form = $"seconds {FormatSeconds(min)}..{FormatSeconds(max)} (fractions allowed, µs resolution)";
        if (!decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
        {
            diagnostics.Error(token.Location, $"'{keyword}' expects {form}, got '{token.Text}'");
            return false;
        }

        decimal microseconds = seconds * 1_000_000m;
        if (microseconds != decimal.Truncate(microseconds))
        {
            diagnostics.Error(token.Location, $"'{keyword}' has a finer fraction than 1 µs: '{token.Text}'");
            return false;
        }

        if (microseconds > (decimal)(max.Ticks / TicksPerMicrosecond) || microseconds < (decimal)(min.Ticks / TicksPerMicrosecond))
        {
            diagnostics.Error(token.Location, $"'{keyword}' expects {form}, got '{token.Text}'");
            return false;
        }

        value = TimeSpan.FromTicks((long)microseconds * TicksPerMicrosecond);
        return true;
    }

    /// <summary>keepalived's booleans: on|off|true|false|yes|no.</summary>
    public static bool TryBoolean(Token token, string keyword, DiagnosticBag diagnostics, out bool value)
    {
        switch (token.Text.ToLowerInvariant())
        {
            case "on" or "true" or "yes":
                value = true;
                return true;
            case "off" or "false" or "no":
                value = false;
                return true;
            default:
                value = false;
                diagnostics.Error(token.Location, $"'{keyword}' expects on|off|true|false|yes|no, got '{token.Text}'");
                return false;
        }
    }

    /// <summary>A flag keyword: on its own it means true; an optional boolean may follow.</summary>
    public static bool TryFlag(Statement statement, DiagnosticBag diagnostics, out bool value)
    {
        value = true;
        if (!ExpectArguments(statement, 0, 1, "no value or on|off|true|false|yes|no", diagnostics))
        {
            return false;
        }

        return statement.Arguments.Count == 0 || TryBoolean(statement.Arguments[0], statement.Name, diagnostics, out value);
    }

    /// <summary>A flag whose keepalived 2.2.7 handler reads no words at all (<c>enable_script_security</c>,
    /// <c>vrrp_check_unicast_src</c>, <c>check_unicast_src</c>): whatever follows, the flag is set. A true word or
    /// any other word is ignored with a warning; a false word (<c>off</c>, <c>no</c>, <c>false</c>, <c>0</c>) is an
    /// error, because keepalived would set the flag the author meant to clear
    /// (docs/design/keepalived-compatibility.md §11).</summary>
    public static bool TryIgnoringFlag(Statement statement, DiagnosticBag diagnostics)
    {
        if (statement.Block is not null || statement.Arguments.Count == 0)
        {
            return ExpectArguments(statement, 0, 0, "no value", diagnostics);
        }

        Token word = statement.Arguments[0];
        if (word.Text.ToLowerInvariant() is "off" or "no" or "false" or "0")
        {
            diagnostics.Error(word.Location, $"'{statement.Name}' takes no value and keepalived sets it whatever follows, so '{word.Text}' would turn it on; remove the line to leave it off");
            return false;
        }

        return ExpectArguments(statement, 0, 0, "no value", diagnostics);
    }

    /// <summary>An IPv4 address in dotted-quad form or an IPv6 address (no zone, no shorthand like "10.1").</summary>
    public static bool TryAddress(Token token, string keyword, DiagnosticBag diagnostics, out IPAddress address)
    {
        if (TryParseAddress(token.Text, out address))
        {
            return true;
        }

        diagnostics.Error(token.Location, $"'{keyword}' expects an IPv4 or IPv6 address, got '{token.Text}'");
        return false;
    }

    /// <summary>An advert source address (<c>unicast_src_ip</c>, <c>mcast_src_ip</c>). keepalived 2.2.7 cuts a
    /// <c>/PREFIX</c> off before it parses the address (<c>inet_stosockaddr</c>), so <c>10.0.0.1/24</c> is 10.0.0.1; a
    /// source address has no prefix, so nothing is lost and the cut is a warning
    /// (docs/design/keepalived-compatibility.md §11).</summary>
    public static bool TrySourceAddress(Token token, string keyword, DiagnosticBag diagnostics, out IPAddress address)
    {
        int slash = token.Text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && TryParseAddress(token.Text[..slash], out address)
            && int.TryParse(token.Text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
            && prefix <= (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            diagnostics.Warning(token.Location, $"'{keyword}' is one address; '{token.Text[slash..]}' is ignored, as keepalived ignores it");
            return true;
        }

        return TryAddress(token, keyword, diagnostics, out address);
    }

    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out IPAddress? parsed))
        {
            return false;
        }

        // IPAddress.TryParse also takes inet_aton shorthands ("10.1" = 10.0.0.1); keepalived uses inet_pton.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static string FormatSeconds(TimeSpan value) =>
        ((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.######", CultureInfo.InvariantCulture);

    public static string FamilyName(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
