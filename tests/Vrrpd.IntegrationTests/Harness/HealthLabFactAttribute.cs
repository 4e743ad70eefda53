namespace Vrrpd.IntegrationTests.Harness;

/// <summary>
/// A lab test that also needs the fake NVML (gcc) or a real Podman (podman, runc, busybox-static, curl, root);
/// skipped, saying why, where either is missing.
/// </summary>
public sealed class HealthLabFactAttribute : FactAttribute
{
    public bool NeedsFakeNvml { get; set; }

    public bool NeedsPodman { get; set; }

    public override string Skip
    {
        get => base.Skip
            ?? LabRequirements.WhyNot(needsKeepalived: false)
            ?? (NeedsFakeNvml ? FakeNvml.WhyNot : null)
            ?? (NeedsPodman ? PodmanService.WhyNot() : null)!;
        set => base.Skip = value;
    }
}
