using System.Runtime.InteropServices;
using Vrrpd.Configuration;

namespace Vrrpd.Linux.Health;

/// <summary>The host as script security sees it: accounts from /etc/passwd and /etc/group, files through statx
/// and realpath(3), programs found through PATH as execvp(3) finds them.</summary>
public sealed class HostScriptEnvironment : IScriptEnvironment
{
    public static HostScriptEnvironment Instance { get; } = new();

    public (int Uid, int Gid) Own => ((int)Interop.Libc.geteuid(), (int)Interop.Libc.getegid());

    public (int Uid, int Gid)? FindUser(string name) => PasswdDatabase.User(name);

    public int? FindGroup(string name) => PasswdDatabase.Group(name);

    public string? FindProgram(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        string search = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return search.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    public string? RealPath(string path)
    {
        nint resolved = Interop.Libc.realpath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Interop.Libc.free(resolved);
        }
    }

    public ScriptPathStatus? Status(string path) =>
        Interop.Libc.statx(Interop.Libc.AT_FDCWD, path, Interop.Libc.AT_SYMLINK_NOFOLLOW, Interop.Libc.STATX_TYPE | Interop.Libc.STATX_MODE | Interop.Libc.STATX_UID | Interop.Libc.STATX_GID, out var status) == 0
            ? new ScriptPathStatus((int)status.stx_uid, (int)status.stx_gid, status.stx_mode)
            : null;
}
