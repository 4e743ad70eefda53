namespace Vrrpd.Configuration;

/// <summary>A line after conditionals, parameters and includes: what the lexer reads.
/// <paramref name="Location"/> is where <paramref name="Text"/>[0] sits in its file.</summary>
internal readonly record struct SourceLine(string Text, SourceLocation Location);
