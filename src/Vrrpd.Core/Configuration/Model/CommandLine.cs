namespace Vrrpd.Configuration;

/// <summary>A command to run without a shell: <see cref="Argv"/> is <see cref="Text"/> split into words the way a
/// shell would (quotes, backslashes) but nothing else is interpreted.</summary>
public sealed record CommandLine(string Text, IReadOnlyList<string> Argv)
{
    /// <summary>The optional user after the command (keepalived: <c>notify_master "CMD" [user [group]]</c>).</summary>
    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary>Where the keyword that gave the command is (script security reports against it).</summary>
    public SourceLocation Location { get; init; }
}
