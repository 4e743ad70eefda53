namespace Vrrpd.Fuzz;

/// <summary>
/// One parser of input that someone other than vrrpd controls, driven with arbitrary bytes. <see cref="Run"/> throws
/// only when vrrpd itself would fail on that input (an exception its caller does not expect) or when a promise of the
/// parser is broken (<see cref="InvariantBrokenException"/>); libFuzzer counts either as a crash.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name given on the command line and the folder of its seeds under tests/fuzz/corpus/.</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);
}
