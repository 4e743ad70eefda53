namespace Vrrpd.Configuration;

/// <summary>What the loader may ask of the host; everything is optional so tests stay pure.</summary>
public sealed class ConfigurationLoadOptions
{
    /// <summary>When given, interfaces named in the file that do not exist are reported as warnings.</summary>
    public Func<string, bool>? InterfaceExists { get; init; }

    /// <summary>The id that <c>@ID</c> lines are compared with (keepalived's <c>-i</c>); default: the first label
    /// of the host name.</summary>
    public string? ConfigId { get; init; }

    /// <summary>When given, every script's account and path are checked as keepalived checks them (script_user,
    /// keepalived_script, enable_script_security) and each command names the account it runs as.</summary>
    public IScriptEnvironment? ScriptEnvironment { get; init; }
}
