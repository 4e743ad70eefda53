namespace Vrrpd.Configuration;

/// <summary>
/// What script security needs to know about the host: accounts and the files on a script's path. The daemon and
/// <c>check-config</c> pass the real host (Vrrpd.Linux); without one the loader checks nothing about scripts
/// beyond their syntax, so unit tests stay pure.
/// </summary>
public interface IScriptEnvironment
{
    /// <summary>The uid and primary gid of a user; null when there is none.</summary>
    (int Uid, int Gid)? FindUser(string name);

    /// <summary>The gid of a group; null when there is none.</summary>
    int? FindGroup(string name);

    /// <summary>The uid and gid vrrpd itself runs as: a script with no user runs as this.</summary>
    (int Uid, int Gid) Own { get; }

    /// <summary>The program a command's first word names: itself when it holds a '/', else searched in PATH;
    /// null when nothing is found.</summary>
    string? FindProgram(string program);

    /// <summary>The path with every symbolic link resolved (realpath(3)); null when it cannot be.</summary>
    string? RealPath(string path);

    /// <summary>lstat(2) of one path: the link itself, not its target; null when it does not exist.</summary>
    ScriptPathStatus? Status(string path);
}
