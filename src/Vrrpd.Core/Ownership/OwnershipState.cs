namespace Vrrpd.Ownership;

/// <summary>Where one ownership claim stands (docs/design/ownership.md §3).</summary>
public enum OwnershipState
{
    /// <summary>Not wanted (the instance is not Master), or stopped: the addresses must not be held.</summary>
    Released,

    /// <summary>Wanted, and being acquired: a lease is being granted or the compare-and-swap is in flight.</summary>
    Acquiring,

    /// <summary>Wanted, and another host holds the key: wait until its key is deleted (watch) or its lease expires.</summary>
    HeldByOther,

    /// <summary>This host holds the key under a lease it renewed in time: the addresses may be held.</summary>
    Held,

    /// <summary>Not held, and the last request to etcd got no answer (every endpoint tried in turn).</summary>
    Unreachable,
}
