using System.Runtime.InteropServices;
using System.Text;

namespace Vrrpd.Linux.Health.Processes;

/// <summary>What a process events connector message says happened (linux/cn_proc.h, enum what).</summary>
internal enum ProcessEventKind : uint
{
    /// <summary>PROC_EVENT_NONE: the answer to our subscription (its error code in <see cref="ProcessEvent.AckError"/>).</summary>
    Acknowledge = 0,
    Fork = 0x00000001,
    Exec = 0x00000002,
    Comm = 0x00000200,
    Exit = 0x80000000,
}

/// <summary>
/// One event of the kernel's process events connector, from the payload of one netlink message: struct cn_msg
/// (20 bytes) then struct proc_event (what, cpu, timestamp_ns, then the event's own fields at offset 16; linux/cn_proc.h).
/// Pids are the kernel's (the initial pid namespace's). Thread events carry pid ≠ tgid; a process's own have pid = tgid
/// (docs/design/process-tracking.md §4).
/// </summary>
/// <param name="Pid">The thread (task) the event is about: the child for a fork.</param>
/// <param name="Tgid">Its process (thread group): the child's for a fork.</param>
/// <param name="ParentTgid">A fork's parent process; 0 otherwise.</param>
/// <param name="Comm">A comm event's new name; null otherwise.</param>
/// <param name="AckError">The acknowledgement's errno (0 = subscribed).</param>
internal readonly record struct ProcessEvent(ProcessEventKind Kind, int Pid, int Tgid, int ParentTgid, string? Comm, int AckError)
{
    /// <summary>struct cn_msg: cb_id (idx, val), seq, ack, len (u16), flags (u16).</summary>
    public const int ConnectorHeaderLength = 20;

    /// <summary>struct proc_event up to event_data: what, cpu, timestamp_ns (aligned to 8).</summary>
    private const int EventDataOffset = ConnectorHeaderLength + 16;

    /// <summary>TASK_COMM_LEN.</summary>
    private const int CommLength = 16;

    /// <summary>Reads one connector payload. False for kinds not listed in <see cref="ProcessEventKind"/> (uid, gid,
    /// sid, ptrace, coredump changes) and for anything too short: nothing the kernel sends can throw here.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out ProcessEvent parsed)
    {
        parsed = default;
        if (payload.Length < EventDataOffset)
        {
            return false;
        }

        var kind = (ProcessEventKind)MemoryMarshal.Read<uint>(payload[ConnectorHeaderLength..]);
        ReadOnlySpan<byte> data = payload[EventDataOffset..];
        switch (kind)
        {
            case ProcessEventKind.Acknowledge when data.Length >= 4:
                parsed = new ProcessEvent(kind, 0, 0, 0, null, (int)Read(data, 0));
                return true;
            case ProcessEventKind.Fork when data.Length >= 16:
                // parent_pid, parent_tgid, child_pid, child_tgid
                parsed = new ProcessEvent(kind, Read(data, 8), Read(data, 12), Read(data, 4), null, 0);
                return true;
            case ProcessEventKind.Exec or ProcessEventKind.Exit when data.Length >= 8:
                // process_pid, process_tgid (exit: then exit_code, exit_signal, ...)
                parsed = new ProcessEvent(kind, Read(data, 0), Read(data, 4), 0, null, 0);
                return true;
            case ProcessEventKind.Comm when data.Length >= 8 + CommLength:
                ReadOnlySpan<byte> comm = data.Slice(8, CommLength);
                int end = comm.IndexOf((byte)0);
                parsed = new ProcessEvent(kind, Read(data, 0), Read(data, 4), 0, Encoding.UTF8.GetString(end < 0 ? comm : comm[..end]), 0);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The connector's fields are host-endian, as every netlink header.</summary>
    private static int Read(ReadOnlySpan<byte> data, int offset) => (int)MemoryMarshal.Read<uint>(data[offset..]);
}
