namespace Vrrpd.Configuration;

/// <summary><c>notify_master|backup|fault|stop CMD [USER [GROUP]]</c> and <c>notify CMD ...</c>, shared by
/// <c>vrrp_instance</c> and <c>vrrp_sync_group</c>. A command with arguments must be quoted, as in keepalived.</summary>
internal static class NotifyKeywords
{
    private const string Form = "a command (quoted when it has arguments), optionally followed by a user and a group";

    public static void AddTo<TDraft>(Dictionary<string, KeywordHandler<TDraft>> table, Func<TDraft, NotifyDraft> notify)
    {
        table["notify_master"] = (s, d, diagnostics) => Read(s, diagnostics, c => notify(d).Master = c);
        table["notify_backup"] = (s, d, diagnostics) => Read(s, diagnostics, c => notify(d).Backup = c);
        table["notify_fault"] = (s, d, diagnostics) => Read(s, diagnostics, c => notify(d).Fault = c);
        table["notify_stop"] = (s, d, diagnostics) => Read(s, diagnostics, c => notify(d).Stop = c);
        table["notify"] = (s, d, diagnostics) => Read(s, diagnostics, c => notify(d).Generic = c);
    }

    private static void Read(Statement statement, DiagnosticBag diagnostics, Action<CommandLine> store)
    {
        if (!Values.ExpectArguments(statement, 1, 3, Form, diagnostics))
        {
            return;
        }

        if (CommandKeyword.Read(statement, statement.Arguments[0], Form, diagnostics) is { } command)
        {
            store(command);
        }
    }
}
