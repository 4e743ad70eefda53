using System.Globalization;

namespace Vrrpd.Linux.Health.Container;

/// <summary>
/// A Docker Engine API version, "1.41". Compared numerically (1.9 &lt; 1.41), never as strings. Every field the
/// container tracker reads has been stable from 1.24 to 1.5x (docs/design/container-health.md §2), so vrrpd speaks any
/// version up to <see cref="ClientMaximum"/> and lets the engine choose below that.
/// </summary>
public readonly record struct EngineApiVersion(int Major, int Minor) : IComparable<EngineApiVersion>
{
    /// <summary>The newest version vrrpd asks for (Docker 27). Above Docker 29.0's raised minimum of 1.44.</summary>
    public static EngineApiVersion ClientMaximum { get; } = new(1, 47);

    /// <summary>What Docker's own client assumes when /_ping sends no Api-Version header (the hard floor).</summary>
    public static EngineApiVersion Floor { get; } = new(1, 24);

    public static bool TryParse(string? text, out EngineApiVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var dot = text.IndexOf('.');
        if (dot <= 0
            || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            return false;
        version = new EngineApiVersion(major, minor);
        return true;
    }

    public static EngineApiVersion Min(EngineApiVersion a, EngineApiVersion b) => a.CompareTo(b) <= 0 ? a : b;

    public int CompareTo(EngineApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(EngineApiVersion a, EngineApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(EngineApiVersion a, EngineApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(EngineApiVersion a, EngineApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(EngineApiVersion a, EngineApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
