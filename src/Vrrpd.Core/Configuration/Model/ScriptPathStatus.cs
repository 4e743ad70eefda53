namespace Vrrpd.Configuration;

/// <summary>The owner and mode of one element of a script's path (st_uid, st_gid, st_mode of lstat(2)).</summary>
public readonly record struct ScriptPathStatus(int Uid, int Gid, int Mode)
{
    private const int S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;
    private const int S_ISUID = 0x800, S_ISGID = 0x400, S_ISVTX = 0x200;

    public bool IsDirectory => (Mode & S_IFMT) == S_IFDIR;

    public bool IsRegularFile => (Mode & S_IFMT) == S_IFREG;

    public bool IsSymbolicLink => (Mode & S_IFMT) == S_IFLNK;

    public bool IsSticky => (Mode & S_ISVTX) != 0;

    public bool IsSetUid => (Mode & S_ISUID) != 0;

    public bool IsSetGid => (Mode & S_ISGID) != 0;

    public int Permissions => Mode & 0xFFF;
}
