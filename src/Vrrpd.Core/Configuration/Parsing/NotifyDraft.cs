namespace Vrrpd.Configuration;

/// <summary>The notify commands of an instance or sync group, filled keyword by keyword.</summary>
internal sealed class NotifyDraft
{
    public CommandLine? Master { get; set; }

    public CommandLine? Backup { get; set; }

    public CommandLine? Fault { get; set; }

    public CommandLine? Stop { get; set; }

    public CommandLine? Generic { get; set; }

    public NotifyCommands Build() => new(Master, Backup, Fault, Stop, Generic);
}
