namespace Vrrpd.Ownership;

/// <summary>
/// The key as etcd had it at store revision <see cref="Revision"/>: held by <see cref="Holder"/>, or absent (null).
/// From a watch event (the event's revision) or from a read (the response header's revision).
/// </summary>
public sealed record KeyObservation(long Revision, KeyHolder? Holder);
