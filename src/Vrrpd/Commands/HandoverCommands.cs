using System.CommandLine;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>
/// `vrrpd demote [INSTANCE|--all]` (maintenance handover: a Master sends priority 0 and withdraws its VIPs, the
/// Backup takes over in Skew_Time, and the instance stays at priority 1 until resumed) and `vrrpd resume
/// [INSTANCE|--all]`. A sync group moves as one: naming a member acts on the group.
/// </summary>
internal static class HandoverCommands
{
    public static Command Demote() => Create(ControlRequest.Demote,
        "Hand the VIPs over now and hold the instance at priority 1 until `vrrpd resume`");

    public static Command Resume() => Create(ControlRequest.Resume,
        "End a demotion: the instance's own priority applies again (with preempt it takes the VIPs back)");

    private static Command Create(string name, string description)
    {
        var controlSocket = CommonOptions.ControlSocket();
        var instance = new Argument<string?>("INSTANCE") { Description = "The vrrp_instance name", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every instance" };
        var command = new Command(name, description) { instance, all, controlSocket };
        // Neither or both is a usage error (exit 64, ExitCodes.UsageError), found while parsing, before any request.
        command.Validators.Add(result =>
        {
            if ((result.GetValue(instance) is null) == !result.GetValue(all))
                result.AddError($"vrrpd {name}: name one instance or give --all");
        });
        command.SetAction(result =>
        {
            var (one, every) = (result.GetValue(instance), result.GetValue(all));
            return ControlCommand.Send(result.GetValue(controlSocket)!,
                new ControlRequest { Command = name, Instance = one, All = every }, Console.Out, Console.Error);
        });
        return command;
    }
}
