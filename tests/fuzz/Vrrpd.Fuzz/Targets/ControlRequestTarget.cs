using System.Text;
using System.Text.Json;
using Vrrpd.Daemon;
using Vrrpd.Daemon.Control;
using Vrrpd.Status;
using static Vrrpd.Fuzz.InvariantBrokenException;

namespace Vrrpd.Fuzz.Targets;

/// <summary>
/// The control socket's request parser (<see cref="ControlRequest.Parse"/>) and access rule
/// (<see cref="ControlAccess.Refusal"/>) on a request line as the server reads it: the bytes up to the first
/// newline, at most <see cref="ControlServer.MaxRequestBytes"/>, as UTF-8 (docs/input-limits.md). Promises: parsing
/// never throws; root is never refused; a reading request is never refused; a request that changes the daemon is
/// refused to anyone else outside the control group; the server's reply to any line serializes; and the client's
/// reply parser throws nothing but <see cref="JsonException"/> on the same bytes.
/// </summary>
internal sealed class ControlRequestTarget : IFuzzTarget
{
    private const uint ControlGroup = 4242;
    private static readonly ControlAccess Access = new("vrrpd-ops", ControlGroup);
    private static readonly PeerCredentials Root = new(1, 0, 0, []);
    private static readonly PeerCredentials Member = new(2, 1000, 1000, [ControlGroup]);
    private static readonly PeerCredentials Stranger = new(3, 1001, 1001, [27, 100]);

    public string Name => "control";

    public void Run(ReadOnlySpan<byte> input)
    {
        int newline = input.IndexOf((byte)'\n');
        ReadOnlySpan<byte> lineBytes = newline >= 0 ? input[..newline] : input;
        if (lineBytes.Length > ControlServer.MaxRequestBytes)
            return;   // refused by length before any parsing
        string line = Encoding.UTF8.GetString(lineBytes);

        ControlRequest? request = ControlRequest.Parse(line);
        if (request is null)
        {
            Serialize(ControlReply.Failed($"unknown request '{line}'"));
        }
        else
        {
            ThrowUnless(Access.Refusal(request, Root) is null, $"root refused '{request.Command}'");
            ThrowUnless(Access.Refusal(request, Member) is null, $"a control group member refused '{request.Command}'");
            string? refusal = Access.Refusal(request, Stranger);
            ThrowUnless((refusal is not null) == request.Mutates,
                $"'{request.Command}' (mutates={request.Mutates}) {(refusal is null ? "allowed" : "refused")} to a stranger");
            if (refusal is not null)
                Serialize(ControlReply.Failed(refusal));
        }

        try
        {
            JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlReply);
        }
        catch (JsonException)
        {
            // What ControlClient.Send documents for a reply that is not one; the commands report it.
        }
    }

    private static void Serialize(ControlReply reply) =>
        ThrowUnless(JsonSerializer.Serialize(reply, ControlJsonContext.Default.ControlReply).Length > 0, "an empty reply");
}
