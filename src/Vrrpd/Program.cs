using System.CommandLine;
using Vrrpd.Commands;

// vrrpd's entry point only wires the subcommands together; each lives in Commands/.
var root = new RootCommand("vrrpd: a VRRP (RFC 3768 / 5798 / 9568) daemon for GPU inference hosts, keepalived-compatible")
{
    RunCommand.Create(),
    CheckConfigCommand.Create(),
    StatusCommand.Create(),
    EventsCommand.Create(),
    HandoverCommands.Demote(),
    HandoverCommands.Resume(),
    ClearCommand.Create(),
    ReloadCommand.Create(),
    CudaProbeCommand.Create(),
};
var parsed = root.Parse(args);
return parsed.Errors.Count > 0 ? UsageError.Report(parsed, Console.Error) : parsed.Invoke();
