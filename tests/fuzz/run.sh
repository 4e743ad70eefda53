#!/usr/bin/env bash
# Coverage-guided fuzzing of vrrpd's parsers with libFuzzer, through SharpFuzz (docs/fuzzing.md). Targets:
#   packet   IPv4 header + VRRP decoder + receive checks     config   lexer, preprocessor, parser, validation
#   control  control-socket request parser + access rule      engine   container engine API answers
#   gpu      kernel-log Xid lines and NVML PCI bus ids
#
#   tests/fuzz/run.sh [--ci] [--seconds N] [TARGET ...] [-- LIBFUZZER_OPTION ...]
#
# Default: every target for 600 s in turn (--seconds per target), growing the corpus under artifacts/fuzz/corpus/.
# --ci: every target for 6 s (about 30 s in all, plus ~1 min to build). Both first replay the committed seeds
# (tests/fuzz/corpus/) and every crash found before (tests/fuzz/regressions/), and exit 1 if any input crashes:
# the input is saved as artifacts/fuzz/crashes/TARGET-crash-HASH, to be fixed and added under
# tests/fuzz/regressions/TARGET/. Needs clang++ and libFuzzer (Debian: clang, libfuzzer-14-dev) and the
# SharpFuzz.CommandLine tool (restored from tests/fuzz/dotnet-tools.json).
#
# Examples: tests/fuzz/run.sh config --seconds 3600      tests/fuzz/run.sh packet -- -jobs=2 -workers=2
#           replay one input: artifacts/fuzz/bin/Vrrpd.Fuzz packet FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=600
targets=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) seconds=6; shift ;;
    --seconds) seconds="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(packet config control engine gpu)

out="$root/artifacts/fuzz"
mkdir -p "$out/crashes"

# libFuzzer's engine with the .NET bridge (tests/fuzz/libfuzzer-dotnet/). Debian ships libFuzzer as a plain
# static library (libfuzzer-N-dev); clang's -fsanitize=fuzzer would want compiler-rt's copy instead, which is
# another package, and the bridge needs no sanitizer: its coverage comes from the .NET side.
libfuzzer_a=$(ls /usr/lib/llvm-*/lib/libFuzzer.a 2>/dev/null | sort -V | tail -1 || true)
if ! command -v clang++ >/dev/null || [ -z "$libfuzzer_a" ]; then
  echo "fuzz: clang++ and libFuzzer.a are needed (apt-get install clang libfuzzer-14-dev)" >&2
  exit 1
fi
driver="$out/libfuzzer-dotnet"
source_cc=tests/fuzz/libfuzzer-dotnet/libfuzzer-dotnet.cc
if [ ! -x "$driver" ] || [ "$source_cc" -nt "$driver" ]; then
  clang++ -O2 "$source_cc" "$libfuzzer_a" -lpthread -o "$driver"
fi

# A fresh output folder each time: the instrumentation rewrites the assemblies there in place, and an
# incremental build would leave some instrumented and some not.
bin="$out/bin"
rm -rf "$bin"
nice -n 10 dotnet build tests/fuzz/Vrrpd.Fuzz -c Release -o "$bin" -v quiet -nologo -clp:NoSummary >/dev/null \
  || { nice -n 10 dotnet build tests/fuzz/Vrrpd.Fuzz -c Release -o "$bin" -v quiet -nologo; exit 1; }
(cd tests/fuzz && dotnet tool restore >/dev/null)
sharpfuzz() { (cd "$root/tests/fuzz" && dotnet sharpfuzz "$@"); }
# Only vrrpd's own parsing code is instrumented: everything in Core (protocol, configuration), the health
# readers of Linux, the control request and its access rule in the executable.
sharpfuzz "$bin/Vrrpd.Core.dll"
sharpfuzz "$bin/Vrrpd.Linux.dll" Vrrpd.Linux.Health
sharpfuzz "$bin/vrrpd.dll" Vrrpd.Status Vrrpd.Daemon.Control

dictionary() {
  case "$1" in
    config) echo "-dict=$root/tests/fuzz/dict/config.dict" ;;
    control|engine) echo "-dict=$root/tests/fuzz/dict/json.dict" ;;
  esac
}

failed=()
summary=()
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  regressions="tests/fuzz/regressions/$target"
  [ -d "$seeds" ] || { echo "fuzz: no target '$target' (no $seeds)" >&2; exit 2; }
  replay=("$seeds")
  [ -d "$regressions" ] && replay+=("$regressions")
  if ! "$bin/Vrrpd.Fuzz" "$target" "${replay[@]}"; then
    failed+=("$target (a committed input crashes)")
    continue
  fi

  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  log="$out/$target.log"
  # -timeout: an input that takes 10 s is a hang (the slowest seen is ~100 ms); -rss_limit_mb guards the bridge
  # only, the .NET side runs under the daemon's own input limits (docs/input-limits.md).
  set +e
  nice -n 10 "$driver" --target_path="$bin/Vrrpd.Fuzz" --target_arg="$target" \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" \
    $(dictionary "$target") "${extra[@]}" "$corpus" "$seeds" >"$log" 2>&1
  status=$?
  set -e
  line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  features=$(echo "$line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  units=$(echo "$line" | sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p')
  summary+=("$(printf '%-8s %8s execs %6s/s  features %5s  corpus %5s' "$target" "${execs:-?}" "${rate:-?}" "${features:-?}" "${units:-?}")")
  if [ $status -ne 0 ]; then
    tail -30 "$log"
    failed+=("$target (libFuzzer exit $status; see $log and $out/crashes/)")
  fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "fuzz: no crash in ${targets[*]} ($seconds s each)"
