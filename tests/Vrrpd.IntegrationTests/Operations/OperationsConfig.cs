using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>Config text for the operations tests: a global_defs with the operations keywords, then instances.</summary>
public static class OperationsConfig
{
    /// <summary>The events file of a daemon about to be started on <paramref name="host"/> in this lab.</summary>
    public static string EventsFile(Lab lab, LabHost host) => Path.Combine(lab.WorkDirectory, $"events-{host.Name}", "events.jsonl");

    public static string Text(Lab lab, LabHost host, string extraGlobal, params VrrpInstanceConfig[] instances) =>
        $$"""
        global_defs {
            events_file {{EventsFile(lab, host)}}
        {{extraGlobal}}
        }
        {{string.Concat(instances.Select(i => i.ToConfigText()))}}
        """;
}
