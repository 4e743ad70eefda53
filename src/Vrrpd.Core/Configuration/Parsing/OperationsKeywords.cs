using System.Globalization;
using System.Net;

namespace Vrrpd.Configuration;

/// <summary>
/// <c>global_defs</c> keywords for running vrrpd: keepalived's notify FIFOs (<c>notify_fifo</c>,
/// <c>vrrp_notify_fifo</c> and their <c>*_script</c>), and vrrpd's own <c>metrics_listen</c>, <c>events_file</c>,
/// <c>events_file_max_size</c> and <c>control_socket_group</c>.
/// </summary>
internal static class OperationsKeywords
{
    private const long MinEventsFileBytes = 4096;

    public static void AddTo(Dictionary<string, KeywordHandler<GlobalDraft>> table)
    {
        table["metrics_listen"] = (s, g, d) =>
        {
            if (!Values.ExpectArguments(s, 1, 1, "ADDRESS:PORT, e.g. 127.0.0.1:9650 or [::1]:9650", d)) return;
            Token token = s.Arguments[0];
            // A bare address parses with port 0, so "port > 0" also rejects "::1" and "192.0.2.1".
            if (IPEndPoint.TryParse(token.Text, out IPEndPoint? endpoint) && endpoint.Port > 0)
            {
                g.MetricsListen = endpoint;
            }
            else
            {
                d.Error(token.Location, $"'{s.Name}' expects ADDRESS:PORT (IPv6 in brackets: [::1]:9650), got '{token.Text}'");
            }
        };
        table["events_file"] = (s, g, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "an absolute path", d) && TrackerBlocks.TryAbsolutePath(s.Arguments[0], s.Name, d))
                g.EventsFile = s.Arguments[0].Text;
        };
        table["events_file_max_size"] = (s, g, d) =>
        {
            if (!Values.ExpectArguments(s, 1, 1, "a size in bytes (suffix K, M or G allowed)", d)) return;
            if (TrySize(s.Arguments[0].Text, out long bytes) && bytes >= MinEventsFileBytes) g.EventsFileMaxBytes = bytes;
            else d.Error(s.Arguments[0].Location, $"'{s.Name}' expects a size of at least {MinEventsFileBytes} bytes (e.g. 10M), got '{s.Arguments[0].Text}'");
        };
        table["control_socket_group"] = (s, g, d) =>
        {
            if (Values.ExpectArguments(s, 1, 1, "a group name", d)) g.ControlSocketGroup = s.Arguments[0].Text;
        };
        foreach (string prefix in new[] { "", "vrrp_" })
        {
            // keepalived: notify_fifo FILE [USER [GROUP]]; the owner only matters when keepalived creates the FIFO.
            table[prefix + "notify_fifo"] = (s, g, d) =>
            {
                if (Values.ExpectArguments(s, 1, 3, "an absolute path, optionally followed by a user and a group", d)
                    && TrackerBlocks.TryAbsolutePath(s.Arguments[0], s.Name, d))
                {
                    g.FifoPaths[prefix] = s.Arguments[0].Text;
                }
            };
            table[prefix + "notify_fifo_script"] = (s, g, d) =>
            {
                if (!Values.ExpectArguments(s, 1, 3, "a command (quoted when it has arguments), optionally followed by a user and a group", d)) return;
                if (CommandKeyword.Read(s, s.Arguments[0], "a command (quoted when it has arguments), optionally followed by a user and a group", d) is { } command)
                {
                    g.FifoScripts[prefix] = command;
                }
            };
        }
    }

    /// <summary>"4096", "64K", "10M", "1G" (powers of 1024).</summary>
    public static bool TrySize(string text, out long bytes)
    {
        bytes = 0;
        if (text.Length == 0) return false;
        long multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1024,
            'M' => 1024 * 1024,
            'G' => 1024 * 1024 * 1024,
            _ => 1,
        };
        string digits = multiplier == 1 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > long.MaxValue / multiplier) return false;
        bytes = value * multiplier;
        return true;
    }
}
