using System.Net.Sockets;
using Vrrpd.Linux.Sockets;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Sockets;

/// <summary>
/// Sending and receiving adverts allocates nothing once the peers' addresses are known (docs/design/event-loop.md
/// §6): 1,000 adverts sent and 1,000 read, measured with the thread's allocation counter.
/// </summary>
[Collection(NamespacePairCollection.Name)]
public sealed class VrrpSocketAllocationTests(NamespacePair pair)
{
    // docs/design/vrrp-protocol.md §8.2 K1: keepalived's v3/IPv4 advert (VRID 51, prio 150, 100 cs, VIP 192.0.2.51).
    private static readonly byte[] K1Payload = Hex.Bytes("313396010064d3a2c0000233");

    [RootFact]
    public void SendingAndReadingAdverts_AllocatesNothing()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        var buffer = new byte[1500];

        // Warm up: the first datagram parses its addresses into the socket's table.
        sender.Send(K1Payload, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
        Assert.True(receiver.TryReceive(buffer, out _));

        long sendBytes = 0, receiveBytes = 0;
        int received = 0;
        for (int i = 0; i < 1000; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            sender.Send(K1Payload, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
            sendBytes += GC.GetAllocatedBytesForCurrentThread() - before;

            // The loopback over the veth pair is not instant: poll the socket as the event loop would.
            for (int tries = 0; tries < 1000; tries++)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
                bool got = receiver.TryReceivePending(buffer, out var datagram);
                receiveBytes += GC.GetAllocatedBytesForCurrentThread() - before;
                if (got)
                {
                    Assert.Equal(NamespacePair.IPv4A, datagram.Source);
                    received++;
                    break;
                }
                Thread.SpinWait(100);
            }
        }

        Assert.Equal(1000, received);
        Assert.Equal(0, sendBytes);
        Assert.Equal(0, receiveBytes);
    }
}
