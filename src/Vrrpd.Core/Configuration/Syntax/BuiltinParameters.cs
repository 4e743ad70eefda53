using System.Globalization;

namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's pre-defined parameters (keepalived.conf(5), "Pre-defined definitions"): <c>${_PWD}</c> the
/// directory of the file being read, <c>${_INSTANCE}</c> the config id, <c>${_RANDOM [MIN [MAX]]}</c> an integer
/// in MIN..MAX (default 0..32767, drawn again at every use), <c>${_ENV NAME}</c> an environment variable (empty
/// when unset), <c>${_HASH}</c> and <c>${_BANG}</c> the comment characters. A file may redefine any of them, as
/// keepalived allows.
/// </summary>
internal static class BuiltinParameters
{
    public static bool IsBuiltin(string name) => name is "_PWD" or "_INSTANCE" or "_RANDOM" or "_ENV" or "_HASH" or "_BANG";

    /// <summary>How many words may follow the name inside the braces, and whether they must be numbers.</summary>
    public static (int Min, int Max, bool NumbersOnly) Arguments(string name) => name switch
    {
        "_RANDOM" => (0, 2, true),
        "_ENV" => (1, 1, false),
        _ => (0, 0, false),
    };

    /// <summary>The value at this use; <paramref name="error"/> says why the arguments do not fit.</summary>
    public static string Value(string name, IReadOnlyList<string> arguments, string currentFile, string configId, out string? error)
    {
        error = null;
        switch (name)
        {
            case "_PWD":
                return Path.GetDirectoryName(Path.GetFullPath(currentFile)) ?? "/";
            case "_INSTANCE":
                return configId;
            case "_ENV":
                return Environment.GetEnvironmentVariable(arguments[0]) ?? "";
            case "_HASH":
                return "#";
            case "_BANG":
                return "!";
            default:
                return RandomValue(arguments, out error);
        }
    }

    private static string RandomValue(IReadOnlyList<string> arguments, out string? error)
    {
        error = null;
        long min = 0, max = 32767;
        if (arguments.Count > 0 && !long.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
        {
            error = $"'{arguments[0]}' is too large for ${{_RANDOM}}";
            return "";
        }

        if (arguments.Count > 1 && !long.TryParse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
        {
            error = $"'{arguments[1]}' is too large for ${{_RANDOM}}";
            return "";
        }

        if (min > max)
        {
            // keepalived reports it and uses MIN.
            error = $"${{_RANDOM}}: MIN {min} exceeds MAX {max}; {min} is used, as keepalived does";
            max = min;
        }

        return Random.Shared.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture);
    }
}
