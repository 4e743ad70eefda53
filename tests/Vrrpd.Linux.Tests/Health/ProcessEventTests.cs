using System.Runtime.InteropServices;
using System.Text;
using Vrrpd.Linux.Health.Processes;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>Process events connector payloads (struct cn_msg + struct proc_event, linux/cn_proc.h) read field by
/// field, and anything short or unknown refused (docs/design/process-tracking.md §4).</summary>
public sealed class ProcessEventTests
{
    /// <summary>cn_msg (20 bytes) + what, cpu, timestamp (16) + the event's fields.</summary>
    private static byte[] Payload(uint what, params uint[] fields)
    {
        var bytes = new byte[20 + 16 + Math.Max(40, fields.Length * 4)];
        MemoryMarshal.Write(bytes.AsSpan(20), what);
        for (int i = 0; i < fields.Length; i++) MemoryMarshal.Write(bytes.AsSpan(36 + (i * 4)), fields[i]);
        return bytes;
    }

    [Fact]
    public void Fork_NamesTheChildAndTheParentProcess()
    {
        Assert.True(ProcessEvent.TryParse(Payload(0x1, 100, 100, 200, 200), out var e));

        Assert.Equal((ProcessEventKind.Fork, 200, 200, 100), (e.Kind, e.Pid, e.Tgid, e.ParentTgid));
    }

    [Fact]
    public void Exec_AndExit_NameTheThreadAndItsProcess()
    {
        Assert.True(ProcessEvent.TryParse(Payload(0x2, 300, 300), out var exec));
        Assert.True(ProcessEvent.TryParse(Payload(0x80000000, 301, 300, 9, 9), out var exit));

        Assert.Equal((ProcessEventKind.Exec, 300, 300), (exec.Kind, exec.Pid, exec.Tgid));
        Assert.Equal((ProcessEventKind.Exit, 301, 300), (exit.Kind, exit.Pid, exit.Tgid));
    }

    [Fact]
    public void Comm_CarriesTheNewName_UpToItsNul()
    {
        byte[] payload = Payload(0x200, 400, 400);
        Encoding.ASCII.GetBytes("Web Content").CopyTo(payload, 36 + 8);

        Assert.True(ProcessEvent.TryParse(payload, out var e));

        Assert.Equal((ProcessEventKind.Comm, 400, "Web Content"), (e.Kind, e.Tgid, e.Comm));
    }

    [Fact]
    public void Acknowledgement_CarriesItsErrno()
    {
        Assert.True(ProcessEvent.TryParse(Payload(0, 1), out var e));

        Assert.Equal((ProcessEventKind.Acknowledge, 1), (e.Kind, e.AckError));
    }

    [Theory]
    [InlineData(0x4u)]          // uid change
    [InlineData(0x40000000u)]   // coredump
    public void OtherKinds_AreNotEvents(uint what) =>
        Assert.False(ProcessEvent.TryParse(Payload(what, 1, 1), out _));

    [Fact]
    public void ShortPayloads_AreRefused()
    {
        Assert.False(ProcessEvent.TryParse(new byte[35], out _));
        Assert.False(ProcessEvent.TryParse(Payload(0x200, 1, 1).AsSpan(0, 36 + 20), out _));
    }

    [Fact]
    public void CommandLine_IsSplitAtNuls_WithoutTheTrailingOne()
    {
        Assert.Equal(["sleep", "1000", ""], ProcFileSystem.SplitCommandLine("sleep\01000\0\0"u8));
        Assert.Null(ProcFileSystem.SplitCommandLine([]));
    }
}
