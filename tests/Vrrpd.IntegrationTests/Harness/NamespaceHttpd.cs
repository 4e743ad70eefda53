using System.Diagnostics;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// busybox httpd on 127.0.0.1:PORT inside a lab host: the host's own loopback, the one a daemon in that namespace
/// probes with <c>http_get</c>. <c>/cgi-bin/status</c> answers with the HTTP code last given to
/// <see cref="Answer"/> (200 at first). Stopped with the lab.
/// </summary>
public sealed class NamespaceHttpd : IDisposable
{
    private readonly Process process;

    private NamespaceHttpd(string root, int port, Process process)
    {
        Root = root;
        Port = port;
        this.process = process;
    }

    public string Root { get; }

    public int Port { get; }

    public string StatusUrl => $"http://127.0.0.1:{Port}/cgi-bin/status";

    public static NamespaceHttpd Start(Lab lab, LabHost host, int port = 8080)
    {
        var root = Path.Combine(lab.WorkDirectory, $"www-{host.Name}");
        var cgi = Path.Combine(root, "cgi-bin");
        System.IO.Directory.CreateDirectory(cgi);
        var codeFile = Path.Combine(root, "status-code");
        File.WriteAllText(codeFile, "200\n");
        var script = Path.Combine(cgi, "status");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            code=$(cat {{codeFile}} 2>/dev/null || echo 200)
            printf 'HTTP/1.0 %s Status\r\nContent-Type: text/plain\r\n\r\n%s\n' "$code" "$code"

            """);
        Command.Run("chmod", "755", script).EnsureSuccess();

        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", host.Namespace, "busybox", "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", root })
        {
            start.ArgumentList.Add(argument);
        }

        var httpd = lab.Own(new NamespaceHttpd(root, port, Process.Start(start)!));
        // Ready when it answers from inside the namespace.
        var deadline = Stopwatch.StartNew();
        while (!lab.Exec(host, "busybox", "wget", "-q", "-O", "/dev/null", httpd.StatusUrl).Succeeded)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5) || httpd.process.HasExited)
            {
                throw new InvalidOperationException($"busybox httpd did not answer {httpd.StatusUrl} in {host}");
            }

            Thread.Sleep(50);
        }

        return httpd;
    }

    /// <summary>What /cgi-bin/status answers from now on (e.g. 500).</summary>
    public void Answer(int code) => File.WriteAllText(Path.Combine(Root, "status-code"), $"{code}\n");

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(3000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
