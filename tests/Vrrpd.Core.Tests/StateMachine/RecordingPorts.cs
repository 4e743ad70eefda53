using Vrrpd.StateMachine;

namespace Vrrpd.Tests.StateMachine;

/// <summary>One call the state machine made to its ports, at a virtual time since the test's start.</summary>
public readonly record struct PortCall(TimeSpan At, string What);

/// <summary>
/// Records every port call in order as a short sentence ("advert 100", "add vips", "announce BecameMaster",
/// "Backup -> Master (master down timer expired)"), stamped with the fake time elapsed since construction.
/// </summary>
public sealed class RecordingPorts(TimeProvider time) : IVirtualRouterPorts
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    public List<PortCall> Calls { get; } = new();

    public List<StateTransition> TransitionsSeen { get; } = new();

    /// <summary>What was called, in order, without times.</summary>
    public string[] What => Calls.Select(c => c.What).ToArray();

    /// <summary>When adverts with this priority were sent (any priority when null).</summary>
    public TimeSpan[] AdvertTimes(byte? priority = null) =>
        Calls.Where(c => priority is null ? c.What.StartsWith("advert ", StringComparison.Ordinal) : c.What == $"advert {priority}")
             .Select(c => c.At).ToArray();

    public void Clear() => Calls.Clear();

    public void SendAdvertisement(byte priority) => Record($"advert {priority}");

    public void AddVirtualAddresses() => Record("add vips");

    public void RemoveVirtualAddresses() => Record("remove vips");

    public void AnnounceVirtualAddresses(AnnounceReason reason) => Record($"announce {reason}");

    public void OnTransition(StateTransition transition)
    {
        TransitionsSeen.Add(transition);
        Record($"{transition.From} -> {transition.To} ({transition.Reason})");
    }

    /// <summary>What an advert queued at the socket would do when the down timer asks for pending adverts.</summary>
    public Action? OnReceivePending { get; set; }

    public void ReceivePending() => OnReceivePending?.Invoke();

    private void Record(string what) => Calls.Add(new PortCall(time.GetUtcNow() - _start, what));
}
