using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Vrrpd.Configuration;
using Vrrpd.Daemon;
using Vrrpd.Status;

namespace Vrrpd.Commands;

/// <summary>
/// `vrrpd events [--follow] [--json]`: the failover report, oldest first (the rotated PATH.1, then PATH), as one
/// readable line per event or the JSON lines as stored. The file is the running daemon's (asked over the control
/// socket), else the configuration's events_file, else --events-file.
/// </summary>
internal static class EventsCommand
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var controlSocket = CommonOptions.ControlSocket();
        var file = CommonOptions.ConfigFile();
        var eventsFile = new Option<string?>("--events-file") { Description = "Read this events file instead of the daemon's" };
        var json = new Option<bool>("--json") { Description = "Print the JSON lines as stored" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing events as they are written (Ctrl-C ends)" };
        var command = new Command("events", "Show why each failover happened") { json, follow, eventsFile, controlSocket, file };
        command.SetAction(result =>
        {
            var path = result.GetValue(eventsFile) ?? Locate(result.GetValue(controlSocket)!, result.GetValue(file)!);
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            try
            {
                return Show(path, result.GetValue(json), result.GetValue(follow), Console.Out, stop.Token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The events file is the daemon's (mode 0640 under /var/lib/vrrpd): not a crash, a sentence.
                Console.Error.WriteLine($"cannot read the events file {path}: {ErrorText.Of(e)}");
                return ExitCodes.RuntimeError;
            }
        });
        return command;
    }

    private static string Locate(string controlSocket, string configPath)
    {
        try
        {
            var reply = ControlClient.Send(controlSocket, new ControlRequest { Command = ControlRequest.EventsFile }, TimeSpan.FromSeconds(5));
            if (reply.Ok) return reply.Message;
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException)
        {
            // Not running: the configuration says where the file is.
        }
        var loaded = ConfigurationLoader.Load(configPath);
        return loaded.Configuration?.Global.EventsFile ?? GlobalDefinitions.DefaultEventsFile;
    }

    public static int Show(string path, bool json, bool follow, TextWriter output, CancellationToken stop)
    {
        if (!File.Exists(path) && !File.Exists(path + ".1") && !follow)
        {
            Console.Error.WriteLine($"no events yet ({path} does not exist)");
            return ExitCodes.Ok;
        }
        foreach (var line in File.Exists(path + ".1") ? File.ReadLines(path + ".1") : []) Print(line, json, output);
        long offset = 0;
        var pending = "";
        do
        {
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < offset) offset = 0;   // rotated since the last read
                stream.Seek(offset, SeekOrigin.Begin);
                using var reader = new StreamReader(stream);
                var text = pending + reader.ReadToEnd();
                offset = stream.Length;
                var lines = text.Split('\n');
                pending = lines[^1];                      // a line still being written waits for its newline
                foreach (var line in lines[..^1]) Print(line, json, output);
                output.Flush();
            }
        }
        while (follow && !stop.WaitHandle.WaitOne(FollowPoll));
        return ExitCodes.Ok;
    }

    private static void Print(string line, bool json, TextWriter output)
    {
        if (line.Length == 0) return;
        if (json)
        {
            output.WriteLine(line);
            return;
        }
        FailoverEvent? e;
        try
        {
            e = JsonSerializer.Deserialize(line, EventJsonContext.Default.FailoverEvent);
        }
        catch (JsonException)
        {
            e = null;
        }
        output.WriteLine(e is null ? $"(unreadable line) {line}" : Describe(e));
    }

    /// <summary>"2024-05-01 12:00:03.120Z VI_1[51] Backup -> Master: master 192.0.2.11 silent for 3.61 s (priority 100, advertised 100)".</summary>
    public static string Describe(FailoverEvent e)
    {
        var time = e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var who = e.Instance is null ? e.Kind : e.Vrid is { } vrid ? $"{e.Instance}[{vrid}]" : e.Instance;
        var change = e.From is null ? "" : $" {e.From} -> {e.To}";
        var priorities = e.Priority is { } p ? $" (priority {p}, advertised {e.EffectivePriority})" : "";
        return $"{time} {who}{change}: {e.Cause}{priorities}";
    }
}
