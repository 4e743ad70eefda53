namespace Vrrpd;

/// <summary>vrrpd's exit codes (documented in README.md, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Success; `run` stopped cleanly after SIGTERM/SIGINT.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: a socket, netlink or the control socket could not be set up.</summary>
    public const int RuntimeError = 1;

    /// <summary>The configuration has errors (each printed as FILE:LINE:COL).</summary>
    public const int ConfigError = 2;

    /// <summary>Client commands: no daemon runs (no control socket, nothing listening) or it does not answer.</summary>
    public const int NotRunning = 3;

    /// <summary>Another vrrpd already runs with this pid file / control socket.</summary>
    public const int AlreadyRunning = 4;

    /// <summary>demote/resume/clear/reload: the daemon refused (permissions) or could not do what was asked (no such
    /// instance, a new configuration with errors); its message says which. Also any client command that may not
    /// connect to the control socket (EACCES).</summary>
    public const int Refused = 5;

    /// <summary>The command line itself is wrong (an unknown command or option, a missing argument): nothing was
    /// tried. 64 is EX_USAGE of sysexits.h, the value BSD and many daemons use for it, kept apart from 1 so a
    /// script or systemd can tell a typo from a failure.</summary>
    public const int UsageError = 64;
}
