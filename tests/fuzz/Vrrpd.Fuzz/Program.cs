using SharpFuzz;
using Vrrpd.Fuzz;

// Under libfuzzer-dotnet (tests/fuzz/run.sh) the bridge sets __LIBFUZZER_SHM_ID and starts this program with the
// target's name as its only argument; SharpFuzz then runs inputs from shared memory until the bridge stops it.
// Otherwise each FILE (or every file of each folder) is run once: a crash's regression check, and the corpus
// replay CI runs where no clang is installed (docs/fuzzing.md).
const string Usage = "usage: Vrrpd.Fuzz TARGET [FILE|DIR ...]   targets: ";
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine(Usage + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}

if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is not null)
{
    Fuzzer.LibFuzzer.Run(target.Run);
    return 0;
}

return CorpusReplay.Run(target, args[1..]);
