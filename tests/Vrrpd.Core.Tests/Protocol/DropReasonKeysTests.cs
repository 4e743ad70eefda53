using System.Text.RegularExpressions;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

public class DropReasonKeysTests
{
    [Fact]
    public void EveryReason_HasItsOwnSnakeCaseKey()
    {
        string[] keys = Enum.GetValues<DropReason>().Select(reason => reason.ToKey()).ToArray();

        Assert.All(keys, key => Assert.Matches(new Regex("^[a-z0-9]+(_[a-z0-9]+)*$"), key));
        Assert.DoesNotContain("unknown", keys);
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Theory]
    [InlineData(DropReason.TtlNot255, "ttl")]
    [InlineData(DropReason.BadChecksum, "bad_checksum")]
    [InlineData(DropReason.LengthMismatch, "length_mismatch")]
    [InlineData(DropReason.None, "none")]
    public void Keys_AreTheStableNamesOfTheStatusJson(DropReason reason, string key)
    {
        Assert.Equal(key, reason.ToKey());
    }
}
