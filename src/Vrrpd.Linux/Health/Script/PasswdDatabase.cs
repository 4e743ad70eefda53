using System.Globalization;

namespace Vrrpd.Linux.Health;

/// <summary>User and group ids from /etc/passwd and /etc/group (no NSS: local accounts, as script users are).</summary>
internal static class PasswdDatabase
{
    public static (int Uid, int Gid)? User(string name) =>
        Find("/etc/passwd", name) is { } fields && fields.Length > 3 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int uid)
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int gid)
            ? (uid, gid)
            : null;

    public static int? Group(string name) =>
        Find("/etc/group", name) is { } fields && fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int gid)
            ? gid
            : null;

    private static string[]? Find(string path, string name)
    {
        try
        {
            return File.ReadLines(path).Select(line => line.Split(':')).FirstOrDefault(f => f[0] == name);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
