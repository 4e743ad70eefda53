namespace Vrrpd.Linux.Tests.Container;

/// <summary>Inspect answers shaped as Docker and Podman 4.3.1 send them (docs/design/container-health.md §3, §6), trimmed.</summary>
internal static class InspectJson
{
    private const string DockerHealthcheck = """
        "Config":{"Image":"bb","Healthcheck":{"Test":["CMD-SHELL","wget -q -O /dev/null http://127.0.0.1:8080/health"],"Interval":2000000000,"Retries":2}}
        """;

    public static string Running(string name = "inference", int restarts = 0) => $$$"""
        {"Id":"0123abcd","Name":"/{{{name}}}","RestartCount":{{{restarts}}},"State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":42,"ExitCode":0,"Error":"","StartedAt":"2026-01-01T00:00:00.1Z","FinishedAt":"0001-01-01T00:00:00Z"},"Config":{"Image":"bb"}}
        """;

    /// <summary>Podman without a HEALTHCHECK: Health present with an empty Status.</summary>
    public static string PodmanRunningWithoutHealthcheck() => """
        {"Id":"0123abcd","Name":"/inference","RestartCount":0,"State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"ExitCode":0,"Error":"","Health":{"Status":"","FailingStreak":0,"Log":null}},"Config":{"Healthcheck":null}}
        """;

    public static string WithHealth(string status, string health, int failingStreak = 0, int exitCode = 0, bool oomKilled = false) => $$$"""
        {"Id":"0123abcd","Name":"/inference","RestartCount":0,"State":{"Status":"{{{status}}}","Running":{{{(status == "running" ? "true" : "false")}}},"Paused":false,"Restarting":false,"OOMKilled":{{{(oomKilled ? "true" : "false")}}},"Dead":false,"ExitCode":{{{exitCode}}},"Error":"","Health":{"Status":"{{{health}}}","FailingStreak":{{{failingStreak}}},"Log":[]}},{{{DockerHealthcheck}}}}
        """;

    public static string Exited(int exitCode, bool oomKilled, int restarts = 0) => $$$"""
        {"Id":"0123abcd","Name":"/inference","RestartCount":{{{restarts}}},"State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":{{{(oomKilled ? "true" : "false")}}},"Dead":false,"ExitCode":{{{exitCode}}},"Error":""},"Config":{}}
        """;

    public static string Paused() => """
        {"Id":"0123abcd","Name":"/inference","State":{"Status":"paused","Running":true,"Paused":true,"Restarting":false,"ExitCode":0}}
        """;

    public static string Restarting(int restarts) => $$$"""
        {"Id":"0123abcd","Name":"/inference","RestartCount":{{{restarts}}},"State":{"Status":"restarting","Running":true,"Paused":false,"Restarting":true,"ExitCode":1}}
        """;

    /// <summary>A die event as Podman 4.3.1 sends it (legacy fields included).</summary>
    public static string DieEvent(string name = "inference", int exitCode = 137, long timeNano = 1795290754229725734) => $$$"""
        {"status":"die","id":"0123abcd","from":"localhost/bb:latest","Type":"container","Action":"die","Actor":{"ID":"0123abcd","Attributes":{"containerExitCode":"{{{exitCode}}}","exitCode":"{{{exitCode}}}","image":"localhost/bb:latest","name":"{{{name}}}","podId":""}},"scope":"local","time":{{{timeNano / 1_000_000_000}}},"timeNano":{{{timeNano}}}}
        """;

    public static string Event(string action, long timeNano, string name = "inference", string extraAttributes = "") => $$$"""
        {"Type":"container","Action":"{{{action}}}","Actor":{"ID":"0123abcd","Attributes":{"name":"{{{name}}}"{{{extraAttributes}}}}},"scope":"local","time":{{{timeNano / 1_000_000_000}}},"timeNano":{{{timeNano}}}}
        """;
}
