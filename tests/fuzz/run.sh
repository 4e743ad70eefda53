#!/bin/sh
# Runs vrrpd's seeded mutation fuzzers (packet decoder + receive checks, IPv4 header, config loader) for longer
# than CI does. No .NET coverage-guided fuzzer (SharpFuzz) is on the package registry here, so these mutate the
# golden corpora (tests/Vrrpd.Core.Tests/Protocol vectors, tests/golden captures, Debian's keepalived samples,
# vrrpd.conf.example, conf/*.conf) from a seed; a failure names its seed and iteration and saves the input under
# ${TMPDIR:-/tmp}/vrrpd-fuzz-failures/.
#
#   tests/fuzz/run.sh [iterations] [seed]     e.g. tests/fuzz/run.sh 5000000 42
#
# iterations: inputs per fuzzer (CI: 100,000 packets, 33,333 IPv4 packets, 5,000 configs); seed: any integer
# (default: a random one, printed so a failure can be replayed).
set -eu
cd "$(dirname "$0")/../.."
iterations="${1:-1000000}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
seed=$((seed % 2147483647))
echo "fuzzing with VRRPD_FUZZ_ITERATIONS=$iterations VRRPD_FUZZ_SEED=$seed"
VRRPD_FUZZ_ITERATIONS="$iterations" VRRPD_FUZZ_SEED="$seed" \
    dotnet test tests/Vrrpd.Core.Tests --filter "FullyQualifiedName~Vrrpd.Tests.Fuzz" \
    --logger "console;verbosity=detailed" -- xUnit.ParallelizeTestCollections=true
