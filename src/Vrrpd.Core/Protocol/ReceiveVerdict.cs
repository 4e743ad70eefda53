namespace Vrrpd.Protocol;

/// <summary>The outcome of the receive checks for one advert.</summary>
/// <param name="Message">For the log: why it was dropped ("TTL is 64; must be 255") or what was odd about an
/// accepted one; "accepted" otherwise.</param>
public readonly record struct ReceiveVerdict(bool Accepted, DropReason Reason, ReceiveWarnings Warnings, string Message)
{
    public bool IntervalMismatch => (Warnings & ReceiveWarnings.IntervalMismatch) != 0;

    public bool AddressListMismatch => (Warnings & ReceiveWarnings.AddressListMismatch) != 0;

    public static ReceiveVerdict Drop(DropReason reason, string message) => new(false, reason, ReceiveWarnings.None, message);

    public static ReceiveVerdict Accept(ReceiveWarnings warnings, string message) =>
        new(true, DropReason.None, warnings, message.Length == 0 ? "accepted" : message);
}
