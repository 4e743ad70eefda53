namespace Vrrpd.Daemon;

/// <summary>What `vrrpd run` was asked to do.</summary>
public sealed record DaemonOptions(string ConfigPath, string ControlSocketPath, string PidFilePath)
{
    public const string DefaultConfigPath = "/etc/vrrpd/vrrpd.conf";
    public const string DefaultControlSocketPath = "/run/vrrpd/vrrpd.sock";
    public const string DefaultPidFilePath = "/run/vrrpd/vrrpd.pid";
}
