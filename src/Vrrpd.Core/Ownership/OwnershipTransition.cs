namespace Vrrpd.Ownership;

/// <summary>
/// A change of a claim's state, reported once the state machine has settled.
/// </summary>
/// <param name="At">From the injected TimeProvider, for events and status.</param>
/// <param name="MayHoldAddresses">True only in <see cref="OwnershipState.Held"/>.</param>
/// <param name="FencingToken">The revision of the acquisition while held (also on the transition that loses
/// it, so a notify script can name what it is giving up); null when never held.</param>
/// <param name="Reason">In words: "acquired", "lease not renewed in time", "key deleted at revision 42", ...</param>
public sealed record OwnershipTransition(
    DateTimeOffset At,
    OwnershipState From,
    OwnershipState To,
    bool MayHoldAddresses,
    long? FencingToken,
    string Reason);
