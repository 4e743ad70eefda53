using System.Buffers.Binary;
using System.Net;

namespace Vrrpd.Protocol;

/// <summary>
/// Hands out one <see cref="IPAddress"/> per distinct address from a small table, so that a steady stream of
/// datagrams between the same few routers is parsed without allocating (docs/design/event-loop.md §6): a receive
/// socket sees its peers, the group and its own addresses over and over. The table is tiny and replaced round-robin:
/// a flood of random sources allocates as before, it cannot grow the table. One per socket, used by one thread.
/// The instances returned are shared: nobody may change them (IPAddress's obsolete setters, ScopeId).
/// </summary>
public sealed class AddressInterner
{
    private readonly Entry[] _entries;
    private int _next;

    public AddressInterner(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry[capacity];
    }

    /// <summary>The address for 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public IPAddress Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is not (4 or 16))
        {
            throw new ArgumentException($"an address is 4 or 16 bytes, not {bytes.Length}", nameof(bytes));
        }

        UInt128 key = bytes.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
        for (int i = 0; i < _entries.Length; i++)
        {
            ref Entry entry = ref _entries[i];
            if (entry.Address is { } known && entry.Length == bytes.Length && entry.Key == key)
            {
                return known;
            }
        }

        var address = new IPAddress(bytes);
        _entries[_next] = new Entry(key, bytes.Length, address);
        _next = (_next + 1) % _entries.Length;
        return address;
    }

    private readonly record struct Entry(UInt128 Key, int Length, IPAddress? Address);
}
