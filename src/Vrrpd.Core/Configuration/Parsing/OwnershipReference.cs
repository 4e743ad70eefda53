namespace Vrrpd.Configuration;

/// <summary><c>ownership NAME</c> inside a <c>vrrp_instance</c> or <c>vrrp_sync_group</c>: which
/// <c>vrrp_ownership</c> block gates it. The name is checked once every block is read (OwnershipValidator).</summary>
internal static class OwnershipReference
{
    public static Token? Read(Statement s, Token? earlier, string owner, DiagnosticBag d)
    {
        if (!Values.ExpectArguments(s, 1, 1, "the name of a vrrp_ownership block", d))
        {
            return null;
        }

        if (earlier is { } first)
        {
            // Two claims for one set of addresses cannot both gate it; which one was meant is not ours to guess.
            d.Error(s.Arguments[0].Location, $"'ownership' is written twice in {owner} (first at {first.Location})");
            return null;
        }

        return s.Arguments[0];
    }
}
