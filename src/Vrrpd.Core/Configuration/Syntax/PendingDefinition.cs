using System.Text;

namespace Vrrpd.Configuration;

/// <summary>A multi-line <c>$NAME=</c> definition still taking lines from the file.</summary>
internal sealed class PendingDefinition(string name, string firstPart)
{
    /// <summary>Separates the lines of a multi-line value, as keepalived's own marker does.</summary>
    public const char LineEnd = '\u0001';

    public string Name { get; } = name;

    public StringBuilder Value { get; } = new(firstPart);
}
