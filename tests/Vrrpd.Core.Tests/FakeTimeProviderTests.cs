namespace Vrrpd.Tests;

public class FakeTimeProviderTests
{
    [Fact]
    public void Advance_FiresTimersInDueOrder_AtTheirDueTime()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([("early", TimeSpan.FromMilliseconds(100)), ("late", TimeSpan.FromMilliseconds(300))], fired);
    }
}
