using Vrrpd.Fuzz.Targets;

namespace Vrrpd.Fuzz;

/// <summary>Every target, by the name tests/fuzz/run.sh and the corpus folders use.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new PacketTarget(),
        new ConfigTarget(),
        new ControlRequestTarget(),
        new EngineResponseTarget(),
        new GpuKernelLogTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
