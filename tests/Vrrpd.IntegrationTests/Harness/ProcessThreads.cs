using System.Globalization;

namespace Vrrpd.IntegrationTests.Harness;

/// <summary>One thread of a process as /proc shows it: name, nice value, realtime priority and policy.</summary>
public sealed record ProcessThread(int Id, string Name, int Nice, int RtPriority, int Policy)
{
    public const int SchedOther = 0, SchedRr = 2;

    /// <summary>/proc/PID/task/TID/stat: after the ")" that ends comm, field 19 is nice, 40 rt_priority, 41 policy
    /// (proc(5)); the fields are counted from the state, field 3.</summary>
    public static List<ProcessThread> Of(int pid)
    {
        var threads = new List<ProcessThread>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue;   // the thread ended meanwhile
            }
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            int Field(int number) => int.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            threads.Add(new ProcessThread(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), stat[(open + 1)..close],
                Field(19), Field(40), Field(41)));
        }
        return threads;
    }
}
