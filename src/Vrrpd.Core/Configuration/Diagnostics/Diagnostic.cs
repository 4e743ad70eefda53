namespace Vrrpd.Configuration;

/// <summary>One finding about a configuration file, printed the way compilers do so editors can jump to it.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    /// <summary><c>FILE:LINE:COL: error: message</c> or <c>FILE:LINE:COL: warning: message</c>.</summary>
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{Location.File}:{Location.Line}:{Location.Column}: {severity}: {Message}";
    }
}
