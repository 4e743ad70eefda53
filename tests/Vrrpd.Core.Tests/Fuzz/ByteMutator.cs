namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// AFL-style havoc mutations of a byte string: bit flips, "interesting" values (0, 0xff, 0x7f, 0x80, lengths),
/// inserted, deleted and duplicated runs, truncation, growth, and splices with another corpus entry. One call
/// stacks 1–4 of them.
/// </summary>
internal static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x03, 0x10, 0x20, 0x21, 0x31, 0x40, 0x64, 0x7f, 0x80, 0xfe, 0xff];

    public static byte[] Mutate(Random random, byte[] input, byte[] other)
    {
        var bytes = new List<byte>(input);
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            switch (random.Next(10))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveAt(random.Next(bytes.Count));
                    break;
                case 4:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 5 when bytes.Count > 0:
                    int cut = random.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut); // truncated
                    break;
                case 6:
                    int grow = 1 + random.Next(random.Next(2) == 0 ? 4 : 64);
                    for (int g = 0; g < grow; g++)
                    {
                        bytes.Add((byte)random.Next(256)); // padding or trailing garbage
                    }

                    break;
                case 7 when bytes.Count > 1:
                    int start = random.Next(bytes.Count);
                    int length = 1 + random.Next(Math.Min(16, bytes.Count - start));
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(start, length)); // duplicated run
                    break;
                case 8 when other.Length > 0:
                    int at = random.Next(Math.Min(bytes.Count, other.Length) + 1);
                    bytes.RemoveRange(at, bytes.Count - at);
                    bytes.AddRange(other.AsSpan(Math.Min(at, other.Length)).ToArray()); // splice: head of one, tail of another
                    break;
                case 9 when bytes.Count > 3:
                    // A 16-bit field (length, checksum, interval) set to an edge value, big-endian.
                    int field = random.Next(bytes.Count - 1);
                    ushort value = random.Next(4) switch { 0 => 0, 1 => 0xffff, 2 => (ushort)bytes.Count, _ => (ushort)random.Next(65536) };
                    bytes[field] = (byte)(value >> 8);
                    bytes[field + 1] = (byte)value;
                    break;
            }
        }

        return bytes.ToArray();
    }
}
