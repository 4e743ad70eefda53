namespace Vrrpd.Protocol;

/// <summary>
/// The advertisement interval as it goes on the wire: v2 whole seconds in 8 bits (RFC 3768 §5.3.7), v3 centiseconds
/// in 12 bits (RFC 5798 §5.2.7).
/// </summary>
public static class AdvertisementIntervalField
{
    private const long TicksPerCentisecond = TimeSpan.TicksPerMillisecond * 10;

    /// <summary>
    /// The field value for <paramref name="interval"/>. v3: centiseconds clamped to 1..4095. v2: seconds as FRR
    /// writes them, <c>max(centiseconds / 100, 1)</c>, at most 255. Configuration validation rejects out-of-range
    /// values with a diagnostic; clamping here only guarantees that 0 or an overflowed value never goes on the wire.
    /// </summary>
    public static int Encode(VrrpVersion version, TimeSpan interval)
    {
        long centiseconds = Math.Max(interval.Ticks / TicksPerCentisecond, 0);
        return version == VrrpVersion.V2
            ? (int)Math.Clamp(centiseconds / 100, 1, byte.MaxValue)
            : (int)Math.Clamp(centiseconds, 1, VrrpWire.MaxV3IntervalCentiseconds);
    }

    /// <summary>The interval a received field value stands for.</summary>
    public static TimeSpan Decode(VrrpVersion version, int field) => version == VrrpVersion.V2
        ? TimeSpan.FromSeconds(field)
        : TimeSpan.FromTicks(field * TicksPerCentisecond);
}
