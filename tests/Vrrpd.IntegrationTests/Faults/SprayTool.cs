using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>
/// tests/spray/spray.c, built with gcc into the lab's work directory and run inside a lab host: a hostile
/// neighbour that sends random and mutated protocol-112 packets. Its output is one "sent KIND DEST COUNT" line
/// per kind and destination.
/// </summary>
internal static class SprayTool
{
    public static string Build(Lab lab)
    {
        string source = Path.Combine(VrrpdBinary.RepositoryRoot(), "tests", "spray", "spray.c");
        string binary = Path.Combine(lab.WorkDirectory, "spray");
        Command.Run("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary, source).EnsureSuccess();
        return binary;
    }

    /// <summary>Packets sent per kind, summed over destinations.</summary>
    public static Dictionary<string, long> SentByKind(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 4 && fields[0] == "sent")
            .GroupBy(fields => fields[1])
            .ToDictionary(g => g.Key, g => g.Sum(fields => long.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture)));
}
