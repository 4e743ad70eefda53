#!/bin/sh
# Builds the fake GPU libraries the tests load instead of the NVIDIA driver's (see fake_state.h for the state
# file that drives them):
#   OUTDIR/libnvidia-ml.so.1           full fake NVML (versioned exports, NVML 13.3 layouts)
#   OUTDIR/classic/libnvidia-ml.so.1   an old driver's NVML: classic exports only (-DCLASSIC_ONLY)
#   OUTDIR/libcuda.so.1                fake CUDA driver API
# Usage: tests/native/build.sh OUTDIR   (binaries are never committed; tests/native/build/ is git-ignored)
set -eu
out=${1:?usage: build.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
flags="-shared -fPIC -O2 -Wall -Wextra -Werror -std=c11 -fvisibility=hidden -pthread"
mkdir -p "$out/classic"
$cc $flags -Wl,-soname,libnvidia-ml.so.1 -o "$out/libnvidia-ml.so.1" "$here/fake_nvml.c" -ldl
$cc $flags -DCLASSIC_ONLY -Wl,-soname,libnvidia-ml.so.1 -o "$out/classic/libnvidia-ml.so.1" "$here/fake_nvml.c" -ldl
$cc $flags -Wl,-soname,libcuda.so.1 -o "$out/libcuda.so.1" "$here/fake_cuda.c" -ldl
