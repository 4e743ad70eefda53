namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A whole config file: tracker blocks (and global_defs) before a <see cref="VrrpInstanceConfig"/> whose
/// instance block gains track_* references, e.g. <c>track_gpu { GPUS }</c>.
/// </summary>
public static class TrackedInstance
{
    /// <param name="blocks">Top-level text written before the instance (global_defs, vrrp_track_gpu ...).</param>
    /// <param name="references">Lines written inside the instance block (track_gpu { GPUS } ...).</param>
    public static string Compose(VrrpInstanceConfig instance, string blocks, string references)
    {
        var text = instance.ToConfigText().TrimEnd();
        var body = text[..text.LastIndexOf('}')];
        return $"{blocks.TrimEnd()}\n\n{body}{Indent(references)}}}\n";
    }

    private static string Indent(string lines) =>
        string.Concat(lines.Trim().Split('\n').Select(line => $"    {line.TrimEnd()}\n"));
}
