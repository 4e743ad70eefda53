namespace Vrrpd.Configuration;

/// <summary>
/// One file with <c>@ID</c> lines often serves a whole fleet: <c>@gpu-node-a priority 150</c>,
/// <c>@gpu-node-b priority 100</c>. On any other host those lines vanish, and what is left is a valid-looking
/// instance with the default priority (or no unicast peer) that elects itself Master next to the real pair.
/// So an instance whose <c>priority</c> lines were all conditional and none applied here, or whose
/// <c>unicast_peer</c> entries were all conditional and none applied, is an error naming the config id.
/// </summary>
/// <remarks>Dropped lines are matched to blocks by file and line: a conditional line in a file included from
/// inside a <c>vrrp_instance</c> block is not attributed to that instance.</remarks>
internal static class ConditionalLineValidator
{
    public static void Validate(IReadOnlyList<Statement> statements, IReadOnlyList<DroppedLine> dropped, string configId, DiagnosticBag d)
    {
        if (dropped.Count == 0)
        {
            return;
        }

        foreach (Statement instance in statements.Where(s => s.Name == "vrrp_instance" && s.Block is not null))
        {
            string name = instance.Arguments.Count > 0 ? instance.Arguments[0].Text : "(unnamed)";
            List<DroppedLine> inside = dropped.Where(line => Encloses(instance, line)).ToList();
            List<Statement> children = instance.Block!.ToList();

            List<DroppedLine> priorities = inside
                .Where(line => line.FirstWord == "priority" && !children.Any(child => child.Block is not null && Encloses(child, line)))
                .ToList();
            if (priorities.Count > 0 && !children.Any(child => child.Name == "priority"))
            {
                d.Error(instance.Location, $"vrrp_instance {name} has no priority for config id '{configId}': its priority lines are all conditional ({Conditions(priorities)}); add one for this host or an unconditional default");
            }

            foreach (Statement peers in children.Where(child => child.Name == "unicast_peer" && child.Block is { Count: 0 }))
            {
                List<DroppedLine> entries = inside.Where(line => Encloses(peers, line)).ToList();
                if (entries.Count > 0)
                {
                    d.Error(instance.Location, $"vrrp_instance {name} has no unicast_peer for config id '{configId}': its unicast_peer entries are all conditional ({Conditions(entries)}); add one for this host or an unconditional peer");
                }
            }
        }
    }

    /// <summary>True when the line lies strictly between the statement's keyword line and its closing brace.</summary>
    private static bool Encloses(Statement block, DroppedLine line)
    {
        SourceLocation start = block.Location;
        int endLine = block.BlockEnd is { } end && end.File == start.File ? end.Line : int.MaxValue;
        return line.Location.File == start.File && line.Location.Line > start.Line && line.Location.Line < endLine;
    }

    private static string Conditions(IEnumerable<DroppedLine> lines) =>
        string.Join(", ", lines.Select(line => line.Condition).Distinct(StringComparer.Ordinal));
}
