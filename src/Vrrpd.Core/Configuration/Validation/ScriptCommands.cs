namespace Vrrpd.Configuration;

/// <summary>Every command a configuration runs, each with the words that name it in a diagnostic: notify
/// commands of instances and sync groups, vrrp_script commands and notify FIFO scripts.</summary>
internal static class ScriptCommands
{
    /// <summary>The configuration with <paramref name="map"/> applied to every command.</summary>
    public static VrrpdConfiguration Map(VrrpdConfiguration c, Func<CommandLine, string, CommandLine> map) => c with
    {
        Instances = c.Instances.Select(i => i with { Notify = MapNotify(i.Notify, $"vrrp_instance {i.Name}", map) }).ToList(),
        SyncGroups = c.SyncGroups.Select(g => g with { Notify = MapNotify(g.Notify, $"vrrp_sync_group {g.Name}", map) }).ToList(),
        Scripts = c.Scripts.Select(s => s with { Script = map(s.Script, $"vrrp_script {s.Name}") }).ToList(),
        Global = c.Global with
        {
            NotifyFifos = c.Global.NotifyFifos.Select(f => f.Script is null ? f : f with { Script = map(f.Script, $"{f.Keyword}_script") }).ToList(),
        },
    };

    private static NotifyCommands MapNotify(NotifyCommands n, string owner, Func<CommandLine, string, CommandLine> map)
    {
        CommandLine? One(CommandLine? command, string keyword) => command is null ? null : map(command, $"{keyword} of {owner}");
        return new NotifyCommands(
            One(n.Master, "notify_master"),
            One(n.Backup, "notify_backup"),
            One(n.Fault, "notify_fault"),
            One(n.Stop, "notify_stop"),
            One(n.Generic, "notify"));
    }
}
