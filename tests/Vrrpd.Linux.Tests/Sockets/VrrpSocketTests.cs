using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vrrpd.Linux.Sockets;
using Vrrpd.Linux.Tests.Namespaces;
using Vrrpd.Protocol;

namespace Vrrpd.Linux.Tests.Sockets;

[Collection(NamespacePairCollection.Name)]
public sealed class VrrpSocketTests(NamespacePair pair)
{
    // docs/design/vrrp-protocol.md §8.2 K1: keepalived's v3/IPv4 advert (VRID 51, prio 150, 100 cs, VIP 192.0.2.51), PH checksum.
    private static readonly byte[] K1Payload = Hex.Bytes("313396010064d3a2c0000233");

    // docs/design/vrrp-protocol.md §8.2 K3: keepalived's v3/IPv6 advert from fe80::ff:fe00:a01 to ff02::12 and its whole frame.
    private static readonly byte[] K3Payload =
        Hex.Bytes("3134960200640458fe80000000000000000000000000005220010db8000000000000000000000052");
    private const string K3Frame = "333300000012020000000a0186dd6c01b251002870fffe80000000000000000000fffe000a01ff020000000000000000000000000012"
        + "3134960200640458fe80000000000000000000000000005220010db8000000000000000000000052";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    [RootFact]
    public void IPv4Multicast_SentFromA_ArrivesInBWithTtl255AndAddressesAndPayloadIntact()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));

        sender.Send(K1Payload, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
        var datagram = Receive(receiver);

        Assert.Equal(AddressFamily.InterNetwork, datagram.Family);
        Assert.Equal(255, datagram.HopLimit);
        Assert.Equal(NamespacePair.IPv4A, datagram.Source);
        Assert.Equal(VrrpSocket.IPv4Group, datagram.Destination);
        Assert.Equal(pair.IndexB, datagram.InterfaceIndex);
        Assert.Equal(Hex.Of(K1Payload), Hex.Of(datagram.Payload.Span));
    }

    [RootFact]
    public async Task Datagrams_CarryTheKernelsArrivalTime_NotTheTimeTheyWereRead()
    {
        foreach (var (family, payload, source) in new[]
        {
            (AddressFamily.InterNetwork, K1Payload, NamespacePair.IPv4A),
            (AddressFamily.InterNetworkV6, K3Payload, NamespacePair.LinkLocalA),
        })
        {
            using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(family, NamespacePair.Interface, true));
            using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(family, NamespacePair.Interface, true));
            var group = family == AddressFamily.InterNetwork ? VrrpSocket.IPv4Group : VrrpSocket.IPv6Group;

            var sent = DateTimeOffset.UtcNow;
            sender.Send(payload, group, source);
            await Task.Delay(200);                   // it waits in the socket's queue, unread
            var datagram = Receive(receiver);
            var read = DateTimeOffset.UtcNow;

            var arrived = Assert.NotNull(datagram.ArrivedAt);
            Assert.InRange(arrived, sent - TimeSpan.FromMilliseconds(5), sent + TimeSpan.FromMilliseconds(100));
            Assert.True(read - arrived >= TimeSpan.FromMilliseconds(150), $"{family}: stamped {(read - arrived).TotalMilliseconds} ms before the read");
        }
    }

    [RootFact]
    public async Task TryReceivePending_ReadsWhatIsQueued_AndReturnsAtOnceWhenNothingIs()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        var buffer = new byte[1500];

        Assert.False(receiver.TryReceivePending(buffer, out _));

        sender.Send(K1Payload, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
        sender.Send(K1Payload, VrrpSocket.IPv4Group, NamespacePair.IPv4A);
        await Task.Delay(100);

        Assert.True(receiver.TryReceivePending(buffer, out var first));
        Assert.Equal(Hex.Of(K1Payload), Hex.Of(first.Payload.Span));
        Assert.True(receiver.TryReceivePending(buffer, out _));
        Assert.False(receiver.TryReceivePending(buffer, out _));
    }

    [RootFact]
    public void IPv4Header_OnTheWire_MatchesKeepalivedTosTtlAndNoDontFragment()
    {
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));

        sender.Send(K1Payload, VrrpSocket.IPv4Group);
        var frame = capture.WaitFor(f => f.Length > 23 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 112, Timeout);

        Assert.NotNull(frame);
        // K1: 01005e000012 020000000a01 0800 | 45 c0 0020 0001 0000 ff 70 1899 c0000201 e0000012 | payload
        Assert.Equal("01005e000012020000000a010800", Hex.Of(frame.AsSpan(0, 14)));
        Assert.Equal("45c00020", Hex.Of(frame.AsSpan(14, 4)));
        Assert.Equal("0000ff70", Hex.Of(frame.AsSpan(20, 4)));          // no DF, TTL 255, protocol 112
        Assert.Equal("c0000201e0000012", Hex.Of(frame.AsSpan(26, 8)));  // primary address chosen by the kernel
        Assert.Equal(Hex.Of(K1Payload), Hex.Of(frame.AsSpan(34)));
    }

    [RootFact]
    public void IPv6Multicast_SentFromA_ArrivesInBWithHopLimit255AndKernelChecksumOfKeepalived()
    {
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetworkV6, NamespacePair.Interface, true));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetworkV6, NamespacePair.Interface, true));

        byte[] unchecked_ = (byte[])K3Payload.Clone();
        unchecked_[6] = unchecked_[7] = 0; // the kernel fills it (IPV6_CHECKSUM 6)
        sender.Send(unchecked_, VrrpSocket.IPv6Group, NamespacePair.LinkLocalA);
        var datagram = Receive(receiver);
        var frame = capture.WaitFor(f => f.Length > 20 && f[12] == 0x86 && f[13] == 0xdd && f[20] == 112, Timeout);

        Assert.Equal(AddressFamily.InterNetworkV6, datagram.Family);
        Assert.Equal(255, datagram.HopLimit);
        Assert.Equal(NamespacePair.LinkLocalA, datagram.Source);
        Assert.Equal(VrrpSocket.IPv6Group, datagram.Destination);
        Assert.Equal(pair.IndexB, datagram.InterfaceIndex);
        Assert.Equal(Hex.Of(K3Payload), Hex.Of(datagram.Payload.Span)); // checksum 0x0458 as keepalived computed it
        Assert.NotNull(frame);
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 40 + 6)));
        // Whole frame as keepalived's, except the flow label the kernel picks (K3 has 0x1b251).
        frame[15] &= 0xf0;
        frame[16] = frame[17] = 0;
        Assert.Equal(K3Frame.Remove(30, 6).Insert(30, "000000"), Hex.Of(frame));
    }

    [RootFact]
    public void IPv4Unicast_WithoutMulticastJoin_ArrivesAddressedToThePeer()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, false));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, false));

        sender.Send(K1Payload, NamespacePair.IPv4B, NamespacePair.IPv4A);
        var datagram = Receive(receiver);

        Assert.Equal(NamespacePair.IPv4A, datagram.Source);
        Assert.Equal(NamespacePair.IPv4B, datagram.Destination);
        Assert.Equal(255, datagram.HopLimit);
        Assert.Equal(Hex.Of(K1Payload), Hex.Of(datagram.Payload.Span));
    }

    [RootFact]
    public void IPv6Unicast_FromGlobalSource_ArrivesWithKernelChecksumVerified()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetworkV6, NamespacePair.Interface, false));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetworkV6, NamespacePair.Interface, false));

        sender.Send(K3Payload, NamespacePair.IPv6B, NamespacePair.IPv6A);
        var datagram = Receive(receiver);

        Assert.Equal(NamespacePair.IPv6A, datagram.Source);
        Assert.Equal(NamespacePair.IPv6B, datagram.Destination);
        Assert.Equal(255, datagram.HopLimit);
        // Other addresses, so another checksum than K3's; everything else intact.
        Assert.NotEqual(Hex.Of(K3Payload.AsSpan(6, 2)), Hex.Of(datagram.Payload.Span.Slice(6, 2)));
        Assert.Equal(Hex.Of(K3Payload.AsSpan(8)), Hex.Of(datagram.Payload.Span[8..]));
    }

    [RootFact]
    public void TryReceive_BlockedOnAnotherThread_ReturnsFalseWhenDisposed()
    {
        var socket = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        var receive = Task.Factory.StartNew(() => socket.TryReceive(new byte[1500], out _), TaskCreationOptions.LongRunning);
        Thread.Sleep(50);

        socket.Dispose();

        Assert.True(receive.Wait(Timeout));
        Assert.False(receive.Result);
    }

    [RootFact]
    public void TryReceive_WhenTokenCancelled_ReturnsFalseAndSocketStaysUsable()
    {
        using var receiver = NamespaceThread.Run(pair.B, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        using var sender = NamespaceThread.Run(pair.A, () => VrrpSocket.Open(AddressFamily.InterNetwork, NamespacePair.Interface, true));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.False(receiver.TryReceive(new byte[1500], out _, cancel.Token));

        sender.Send(K1Payload, VrrpSocket.IPv4Group);
        Assert.Equal(Hex.Of(K1Payload), Hex.Of(Receive(receiver).Payload.Span));
    }

    [RootFact]
    public void Open_UnknownInterface_ThrowsNamingTheInterface()
    {
        var error = NamespaceThread.Run(pair.A, () =>
            Assert.Throws<NativeCallException>(() => VrrpSocket.Open(AddressFamily.InterNetwork, "nosuch0", true)));

        Assert.Equal("if_nametoindex on nosuch0: No such device (ENODEV)", error.Message);
    }

    private static ReceivedDatagram Receive(VrrpSocket socket)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        Assert.True(socket.TryReceive(new byte[1500], out var datagram, cancel.Token), "no datagram within the timeout");
        return datagram;
    }
}
