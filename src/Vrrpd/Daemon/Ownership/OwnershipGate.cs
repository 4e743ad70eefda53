using Vrrpd.Configuration;
using Vrrpd.Linux.Ownership;
using Vrrpd.Logging;
using Vrrpd.Ownership;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon.Ownership;

/// <summary>
/// One <c>vrrp_ownership</c> claim at run time (an instance's, or a sync group's for all its members): the etcd
/// client, the claim's state machine, and the routers it gates. It is their <see cref="IMasterPermit"/>: a router
/// that VRRP would make Master asks for the lease and waits in Backup until the claim is Held; a Master whose claim
/// is lost leaves at once; the lease is given back only after the addresses are gone (docs/design/ownership.md §8).
/// Runs on the event loop; etcd's answers are posted to it.
/// </summary>
internal sealed class OwnershipGate : IMasterPermit, IDisposable
{
    private readonly DaemonContext _context;
    private readonly Log _log;
    private readonly EtcdClient _client;
    private readonly EtcdOwnershipPorts _ports;
    private readonly List<InstanceRuntime> _instances = new();

    public OwnershipGate(OwnershipClaimConfig config, DaemonContext context, Log log)
    {
        Config = config;
        _context = context;
        _log = log.For($"ownership {config.Scope.ToString().ToLowerInvariant()} {config.Name}");
        var timing = new OwnershipTiming(config.Ownership.LeaseTtl);
        _client = new EtcdClient(new EtcdClientOptions { Endpoints = config.Ownership.Endpoints, RequestTimeout = timing.RequestTimeout });
        var holder = HolderId(context.Global);
        // Answers and transitions reach the claim and this gate on the loop; a transition is handled after the
        // claim's own call returns, never from inside it.
        _ports = new EtcdOwnershipPorts(_client, config.Key, holder, post: context.Loop.Post,
            transitioned: transition => context.Loop.Post(() => OnClaimTransition(transition)),
            watchFailed: reason => _log.Warning($"watching {config.Key}: {reason}; following it again"));
        Claim = new OwnershipClaim(config.Key, holder, timing, context.Loop, _ports, context.RouterGate);
        _ports.Bind(Claim);
    }

    public OwnershipClaimConfig Config { get; }

    public OwnershipClaim Claim { get; }

    /// <summary>Raised on the loop for every change of the claim (events, notify).</summary>
    public event Action<OwnershipGate, OwnershipTransition>? Transitioned;

    /// <summary>The value written to the key: which host holds it, for people reading etcd.</summary>
    private static string HolderId(GlobalDefinitions global) =>
        $"{global.RouterId ?? Environment.MachineName} pid {Environment.ProcessId}";

    /// <summary>An instance gated by this claim; before it starts (its router takes the permit when it is built).</summary>
    public void Gate(InstanceRuntime instance)
    {
        _instances.Add(instance);
        instance.Ownership = this;
    }

    /// <summary>A reload stopped the instance (it is replaced by a new one, gated again).</summary>
    public void Ungate(InstanceRuntime instance) => _instances.Remove(instance);

    private IEnumerable<VirtualRouter> Routers => _instances.Select(i => i.Router).OfType<VirtualRouter>();

    public void Start()
    {
        _log.Info($"claiming {Config.Key} through {string.Join(", ", Config.Ownership.Endpoints)} (lease {Config.Ownership.LeaseTtl.TotalSeconds:0} s)");
        Claim.Start();
    }

    bool IMasterPermit.Request() => Claim.WantHeld();

    void IMasterPermit.Withdraw() => ReleaseIfUnwanted();

    // Another host holds the key and etcd answers us: a higher priority may make that Master yield (preemption).
    bool IMasterPermit.MayContend => Claim.State == OwnershipState.HeldByOther && Claim.EtcdReachable;

    /// <summary>
    /// A gated router left Master: the lease is given back once the effects worker has removed its addresses (queued
    /// before this), so the other host cannot add them while they are still here.
    /// </summary>
    public void OnLeftMaster() =>
        _context.Effects.Enqueue(() => _context.Loop.Post(ReleaseIfUnwanted));

    /// <summary>Released only when no gated router is Master or waiting for the claim (a sync group's members share it).</summary>
    private void ReleaseIfUnwanted()
    {
        if (Routers.Any(r => r.State == VrrpState.Master || r.WaitingForPermit)) return;
        Claim.Release();
    }

    private void OnClaimTransition(OwnershipTransition transition)
    {
        var token = transition.FencingToken is { } t ? $", fencing token {t}" : "";
        _log.Info($"{transition.From} -> {transition.To} ({transition.Reason}{token})");
        if (transition.MayHoldAddresses)
        {
            foreach (var router in Routers) router.PermitGranted();
        }
        else
        {
            foreach (var router in Routers) router.PermitRevoked($"ownership lost: {transition.Reason}");
        }
        Transitioned?.Invoke(this, transition);
    }

    /// <summary>Graceful stop, after the addresses were removed: the lease is revoked, which deletes the key, so the
    /// other host does not wait for the TTL. Off the loop (it waits for etcd).</summary>
    public Task StopAsync() => _ports.StopAsync(Claim.Timing.RequestTimeout);

    public void Dispose()
    {
        _ports.Dispose();
        _client.Dispose();
    }
}
