using System.Runtime.InteropServices;
using SharpFuzz.Common;

namespace Vrrpd.Fuzz;

/// <summary>
/// Runs a target once on each file given (folders: every file in them), without libFuzzer. Instrumented
/// assemblies (tests/fuzz/run.sh) write every branch pair they take into SharpFuzz's 64 KiB map, which under
/// libFuzzer is shared memory; here it is a buffer of this process, and the number of its bytes that were hit
/// is the edge coverage of the inputs together (docs/fuzzing.md), as AFL counts it.
/// </summary>
internal static unsafe class CorpusReplay
{
    private const int MapSize = 1 << 16;

    /// <returns>0 when every input ran; 1 at the first that threw (named, with the exception); 2 when none was found.</returns>
    public static int Run(IFuzzTarget target, IReadOnlyList<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : (IEnumerable<string>)[p])
            .ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"{target.Name}: no input files given");
            return 2;
        }

        byte* map = (byte*)NativeMemory.AllocZeroed(MapSize);
        Trace.SharedMem = map;
        try
        {
            foreach (var file in files)
            {
                Trace.PrevLocation = 0;
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"{target.Name}: {file}: {e}");
                    return 1;
                }
            }

            int edges = new ReadOnlySpan<byte>(map, MapSize).Length - new ReadOnlySpan<byte>(map, MapSize).Count((byte)0);
            Console.WriteLine($"{target.Name}: {files.Count} inputs ran" + (edges > 0 ? $", {edges} edges of the instrumented code hit" : ""));
            return 0;
        }
        finally
        {
            Trace.SharedMem = null;
            NativeMemory.Free(map);
        }
    }
}
