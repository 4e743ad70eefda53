using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Faults;

/// <summary>A <see cref="LabFactAttribute"/> that also needs gcc, to build tests/spray/spray.c.</summary>
public sealed class SprayFactAttribute : FactAttribute
{
    public override string Skip
    {
        get => base.Skip ?? LabRequirements.WhyNot(needsKeepalived: false) ?? (Command.Exists("gcc") ? null! : "needs gcc on PATH to build tests/spray/spray.c");
        set => base.Skip = value;
    }
}
