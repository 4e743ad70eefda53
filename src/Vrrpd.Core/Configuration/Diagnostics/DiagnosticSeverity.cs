namespace Vrrpd.Configuration;

/// <summary>A warning leaves the configuration usable; an error makes the load fail.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
