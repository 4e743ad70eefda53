namespace Vrrpd.Configuration;

/// <summary>
/// A <c>$NAME=value</c> definition. A value whose line ended with <c>\</c> is multi-line: it is substituted only
/// where <c>$NAME</c> or <c>${NAME}</c> ends a line, its first line takes the place of the name and its other lines
/// follow as lines of their own, each read again as if it stood in the file (so it may hold <c>@ID</c> lines and
/// further definitions), as keepalived does.
/// </summary>
internal sealed record ParameterDefinition(string Name, IReadOnlyList<string> Lines, bool Multiline)
{
    public string FirstLine => Lines.Count == 0 ? "" : Lines[0];
}
