#!/usr/bin/env bash
# Publishes vrrpd as one native AOT executable: artifacts/vrrpd (no dotnet, no .dll beside it).
#
# The SDK restores the ILCompiler and NativeAOT runtime pack matching the installed .NET 10 runtime (see
# DEVELOPERS.md). The ILCompiler needs clang or gcc as the linker driver; gcc is on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts
mkdir -p "$out"
dotnet publish src/Vrrpd/Vrrpd.csproj -c Release -r linux-x64 -o "$out/publish" -nologo -v quiet \
  -p:DebugType=none -p:StripSymbols=true
cp "$out/publish/vrrpd" "$out/vrrpd"
rm -rf "$out/publish"
size=$(stat -c %s "$out/vrrpd")
echo "artifacts/vrrpd: $((size / 1024)) KiB, $("$out/vrrpd" --version)"
