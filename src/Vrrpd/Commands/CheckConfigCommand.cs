using System.CommandLine;
using Vrrpd.Configuration;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Commands;

/// <summary>`vrrpd check-config`: load and validate, print every diagnostic as FILE:LINE:COL, exit 2 on errors; on
/// success, say per instance its version, mode and what differs from keepalived's defaults (<see cref="InstanceSummary"/>).</summary>
internal static class CheckConfigCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigFile();
        var command = new Command("check-config", "Check a configuration file and print its diagnostics") { file };
        command.SetAction(result => Check(result.GetValue(file)!, Console.Out, Console.Error));
        return command;
    }

    public static int Check(string path, TextWriter output, TextWriter errors)
    {
        var loaded = ConfigurationLoader.Load(path, new ConfigurationLoadOptions
        {
            InterfaceExists = name => NetlinkLinks.Find(name) is not null,
            ScriptEnvironment = Linux.Health.HostScriptEnvironment.Instance,
        });
        foreach (var diagnostic in loaded.Diagnostics) errors.WriteLine(diagnostic);
        var errorCount = loaded.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warningCount = loaded.Diagnostics.Count - errorCount;
        if (loaded.HasErrors)
        {
            errors.WriteLine($"{path}: {errorCount} error(s), {warningCount} warning(s)");
            NotConfigured.Explain(path, errors);
            return ExitCodes.ConfigError;
        }
        output.WriteLine($"{path}: OK, {loaded.Configuration!.Instances.Count} instance(s), {warningCount} warning(s)");
        foreach (VrrpInstanceConfig instance in loaded.Configuration.Instances)
        {
            foreach (string line in InstanceSummary.Describe(instance)) output.WriteLine(line);
        }

        return ExitCodes.Ok;
    }
}
