namespace Vrrpd.Configuration;

/// <summary>
/// How much configuration one load may read. keepalived files are kilobytes; these bounds are far above any real
/// configuration and keep a mistaken or hostile <c>include</c> (/dev/zero, a huge log file, a glob that matches
/// thousands of files) from exhausting the daemon's memory. The reasons for each number are in
/// docs/input-limits.md; README.md lists them for users.
/// </summary>
public static class ConfigurationLimits
{
    /// <summary>The most bytes one file may have (1 MiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The most bytes all files of one load may have together, the top file and every include (8 MiB).</summary>
    public const int MaxTotalBytes = 8 * 1024 * 1024;

    /// <summary>The most files one load may read, the top file included.</summary>
    public const int MaxFiles = 1024;

    /// <summary>The most characters all lines of one load may have after parameter substitution (16 Mi): a
    /// short line that names a long parameter, repeated, must not grow past what was read by orders of magnitude.</summary>
    public const int MaxExpandedChars = 16 * 1024 * 1024;

    /// <summary>The most lines one load may read, counting each line a multi-line parameter or a ~SEQ/~LST block
    /// makes (2 Mi): <c>~SEQ(I, 1, 9223372036854775807)</c> must end with an error, not run for years.</summary>
    public const int MaxPreprocessedLines = 2 * 1024 * 1024;
}
