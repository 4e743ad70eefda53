using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Vrrpd.IntegrationTests.Harness;
using static Vrrpd.IntegrationTests.Addresses;

namespace Vrrpd.IntegrationTests.Operations;

/// <summary>The control socket's bounds: a request line of at most 64 KiB, 32 clients at once, 10 s to send the
/// line. Each test then checks that the daemon still answers a normal status request.</summary>
public sealed class ControlSocketLimitsTests
{
    private static Socket Connect(DaemonProcess daemon)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 20_000 };
        socket.Connect(new UnixDomainSocketEndPoint(daemon.ControlSocket));
        return socket;
    }

    /// <summary>Everything the daemon sends until it closes (or the receive timeout passes).</summary>
    private static string ReadToClose(Socket socket)
    {
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0) reply.Write(buffer, 0, n);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with our unread bytes still queued: what came before the reset is the reply.
        }
        return Encoding.UTF8.GetString(reply.ToArray());
    }

    private static async Task<DaemonProcess> StartAsync(Lab lab)
    {
        var host = lab[1];
        var daemon = lab.StartVrrpd(host, OperationsConfig.Text(lab, host, "", new VrrpInstanceConfig { Priority = 100 }));
        await Eventually.Until(() => lab.HasAddress(host, Vip4), TimeSpan.FromSeconds(8), $"{Vip4} on {host}", lab.Report);
        return daemon;
    }

    [LabFact]
    public async Task OneMebibyteRequestLine_GetsAnError_AndStatusStillAnswers()
    {
        await using var lab = Lab.Create(1);
        var daemon = await StartAsync(lab);

        using (var socket = Connect(daemon))
        {
            var line = new byte[1024 * 1024];
            Array.Fill(line, (byte)'a');
            var send = Task.Run(() =>
            {
                try { socket.Send(line); } catch (SocketException) { }   // the daemon stops reading at 64 KiB
            });
            var reply = ReadToClose(socket);
            await send;

            Assert.Contains("request longer than 65536 bytes", reply, StringComparison.Ordinal);
        }

        Assert.Equal("Master", daemon.Status().Instance("VI_1").State);
    }

    [LabFact]
    public async Task ClientThatSendsNothing_IsClosedAfterTheIdleTimeout()
    {
        await using var lab = Lab.Create(1);
        var daemon = await StartAsync(lab);
        using var socket = Connect(daemon);
        var watch = Stopwatch.StartNew();

        var reply = ReadToClose(socket);

        Assert.Equal("", reply);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15));
        Assert.Equal("Master", daemon.Status().Instance("VI_1").State);
    }

    [LabFact]
    public async Task MoreThanThirtyTwoClients_TheExtraOnesAreToldBusyAndClosed()
    {
        await using var lab = Lab.Create(1);
        var daemon = await StartAsync(lab);
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 32; i++) held.Add(Connect(daemon));
            // The accept loop counts the held clients in order; give it a moment to have taken all 32.
            await Task.Delay(TimeSpan.FromSeconds(0.5));

            using var extra = Connect(daemon);
            var watch = Stopwatch.StartNew();
            var reply = ReadToClose(extra);

            Assert.Contains("busy: 32 clients are connected", reply, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the extra client waited {watch.Elapsed}");
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }

        // The held clients' slots are given back once they go away.
        await Eventually.Until(() => daemon.Status().Instance("VI_1").State == "Master", TimeSpan.FromSeconds(5), "status answers again", lab.Report);
    }
}
