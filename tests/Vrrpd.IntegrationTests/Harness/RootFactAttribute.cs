namespace Vrrpd.IntegrationTests.Harness;

/// <summary>A <see cref="FactAttribute"/> for tests that run vrrpd as another user (setpriv): skips, saying why,
/// unless the tests run as root with setpriv on PATH.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public override string Skip
    {
        get => base.Skip
            ?? (Environment.UserName != "root" ? "needs root (runs vrrpd as nobody with setpriv)"
                : !Command.Exists("setpriv") ? "needs setpriv on PATH" : null)!;
        set => base.Skip = value;
    }
}
