namespace Vrrpd.Configuration;

/// <summary>What an instance's track_script / track_file / track_gpu / track_container / track_neighbor / track_process list names.</summary>
public enum TrackerKind
{
    Script,
    File,
    Gpu,
    Container,
    Neighbor,
    Process,
}

/// <summary>
/// One entry of a track_* list: <c>NAME [weight N [reverse|noreverse]]</c>. A weight here overrides the
/// tracker's own for this instance (keepalived semantics).
/// </summary>
public sealed record TrackerReference(TrackerKind Kind, string Name, int? Weight, bool? Reverse, SourceLocation Location);
