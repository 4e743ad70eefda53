namespace Vrrpd.Fuzz;

/// <summary>A parser returned something it promises never to return (a drop without a reason, a diagnostic that
/// points outside the file). Thrown so libFuzzer records the input as a crash.</summary>
internal sealed class InvariantBrokenException(string message) : Exception(message)
{
    public static void ThrowUnless(bool condition, string message)
    {
        if (!condition)
            throw new InvariantBrokenException(message);
    }
}
