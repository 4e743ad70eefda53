namespace Vrrpd.Logging;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
