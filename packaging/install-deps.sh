#!/usr/bin/env bash
# install-deps.sh: everything the build, the lab demo and the tests need on Debian 12, in one list, installed
# with apt-get where missing. The README's quick start (packaging/lab/demo.sh, .ci/run) calls it; nothing else
# keeps a package list.
#
#   sudo packaging/install-deps.sh                 # every group: build, demo, test
#   sudo packaging/install-deps.sh build demo      # only those groups (demo.sh does this)
#   packaging/install-deps.sh --check [GROUP...]   # installs nothing: lists what is missing, exit 1 if anything is
#   packaging/install-deps.sh --list [GROUP...]    # prints the Debian package names, one a line
#
# The .NET 10 SDK itself is not a Debian package: it is checked for and named, never installed here.
# apt-get waits up to 10 minutes for another apt/dpkg to let go of its lock, so concurrent runs queue instead of
# failing.
set -euo pipefail

# Each row: GROUP PACKAGE PROOF, then what it is for. PROOF is a command looked up on PATH, or an absolute path that must exist.
# The PROOF makes the check cheap (no dpkg query per package) and tells an already-set-up machine apart from a
# fresh one.
DEPENDENCIES=(
    # The native AOT publish (packaging/build.sh, DEVELOPERS.md "Target framework and native AOT"): the ILCompiler
    # drives clang (gcc when clang is missing) as the linker, against glibc's and zlib's headers; objcopy strips
    # the symbols (StripSymbols=true) and the .comment section of the packaged binary.
    "build clang clang  AOT linker driver"
    "build gcc gcc  the fake NVML (tests/native), gpu-check.c, the linker when clang is missing"
    "build libc6-dev /usr/include/stdio.h  C library headers for the AOT link"
    "build zlib1g-dev /usr/include/zlib.h  zlib for the AOT link"
    "build binutils objcopy  symbol and section stripping"
    "build git git  the build's version and timestamp"
    # The .deb (packaging/deb/build.sh): man pages from markdown, Depends: from the binary.
    "build pandoc pandoc  man pages from docs/man"
    "build dpkg-dev dpkg-shlibdeps  the .deb's Depends"
    # The lab (packaging/lab/lab.sh, demo.sh): namespaces, a bridge, captures and their decoding.
    "demo iproute2 ip  network namespaces"
    "demo iproute2 bridge  the lab switch"
    "demo procps sysctl  per-namespace settings"
    "demo tcpdump tcpdump  advert capture"
    "demo tshark tshark  advert decoding"
    # The demo's container scene and the container tracker tests (tests/engine/podman-setup.sh): a private Podman
    # with runc (crun fails on hybrid cgroups) and a locally imported busybox image (no registry is reachable).
    "demo podman podman  container engine"
    "demo runc runc  container runtime"
    "demo busybox-static /bin/busybox  the container's image"
    "demo curl curl  engine API and HTTP checks"
    # DEMO_DAEMON=keepalived and the interoperability tests run Debian's keepalived.
    "demo keepalived keepalived  the daemon vrrpd is compared with"
    # Tests only.
    "test nftables nft  a firewall that drops adverts"
    "test iputils-ping ping  a third host learning the VIP's MAC"
    "test util-linux setpriv  running vrrpd as another user"
    "test strace strace  proving the event loop makes no blocking call"
    "test systemd systemd-analyze  checking the unit"
    "test lintian lintian  the .deb's policy check"
    "test prometheus promtool  alert rules and metrics checks"
    "test etcd-server etcd  ownership tests"
    "test python3-scapy /usr/lib/python3/dist-packages/scapy/__init__.py  crafted packets"
    # Coverage-guided fuzzing (tests/fuzz/run.sh, docs/fuzzing.md): clang++ links libFuzzer's .NET bridge.
    "test libfuzzer-14-dev /usr/lib/llvm-14/lib/libFuzzer.a  coverage-guided fuzzing"
)
GROUPS_KNOWN=(build demo test)

mode=install
selected=()
for argument in "$@"; do
    case $argument in
        --check) mode=check ;;
        --list) mode=list ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        build|demo|test) selected+=("$argument") ;;
        *) echo "install-deps.sh: unknown argument '$argument' (groups: ${GROUPS_KNOWN[*]}; --check, --list)" >&2; exit 64 ;;
    esac
done
[[ ${#selected[@]} -gt 0 ]] || selected=("${GROUPS_KNOWN[@]}")

present() {
    local proof=$1
    if [[ $proof == /* ]]; then [[ -e $proof ]]; else command -v "$proof" >/dev/null 2>&1; fi
}

wanted=()
missing=()
for row in "${DEPENDENCIES[@]}"; do
    read -r group package proof _ <<<"$row"
    [[ " ${selected[*]} " == *" $group "* ]] || continue
    [[ " ${wanted[*]} " == *" $package "* ]] || wanted+=("$package")
    if ! present "$proof" && [[ " ${missing[*]} " != *" $package "* ]]; then missing+=("$package"); fi
done

if [[ $mode == list ]]; then
    printf '%s\n' "${wanted[@]}"
    exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "install-deps.sh: the .NET 10 SDK (dotnet) is not installed; it is not a Debian package: install it first" >&2
    [[ $mode == check ]] && exit 1
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $mode == check ]]; then
    echo "missing: ${missing[*]}"
    exit 1
fi

if [[ $(id -u) != 0 ]]; then
    echo "install-deps.sh: missing ${missing[*]}; as root: apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "== installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_get() { apt-get -o DPkg::Lock::Timeout=600 -y -qq "$@"; }
# A fresh machine has no package lists yet; an old one may name versions no longer on the mirror.
apt_get update >/dev/null
if ! apt_get install "${missing[@]}" >/dev/null; then
    echo "install-deps.sh: apt-get install ${missing[*]} failed" >&2
    exit 1
fi

still=()
for row in "${DEPENDENCIES[@]}"; do
    read -r group package proof _ <<<"$row"
    [[ " ${selected[*]} " == *" $group "* ]] || continue
    present "$proof" || still+=("$package ($proof)")
done
if [[ ${#still[@]} -gt 0 ]]; then
    echo "install-deps.sh: installed, but still missing: ${still[*]}" >&2
    exit 1
fi
