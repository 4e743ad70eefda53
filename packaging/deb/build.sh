#!/usr/bin/env bash
# Builds the Debian package artifacts/vrrpd_<version>_amd64.deb from artifacts/vrrpd with dpkg-deb.
#
#   packaging/deb/build.sh [VERSION]
#
# VERSION is the Debian version; without one it is Directory.Build.props' <Version> plus the Debian revision
# "-1" (a version without a revision gets "-1" too: vrrpd is not a Debian-native package). The native binary
# is built with packaging/build.sh when artifacts/vrrpd is missing. The man pages are pandoc markdown
# (docs/man/*.md), converted here with pandoc.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
umask 022

version=${1:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)}
[[ -n $version ]] || { echo "no version given and none in Directory.Build.props" >&2; exit 2; }
[[ $version == *-* ]] || version="$version-1"
[[ $version =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "not a Debian version: $version" >&2; exit 2; }
maintainer="vrrpd maintainers <maintainers@users.noreply.h-seed-0b72e0a8.example>"
# Reproducible: every timestamp in the package is the last commit's (or SOURCE_DATE_EPOCH when set).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}

[[ -x artifacts/vrrpd ]] || packaging/build.sh
# pandoc (man pages), dpkg-shlibdeps, objcopy: installed where missing (packaging/install-deps.sh).
packaging/install-deps.sh build

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/vrrpd"
doc="$root/usr/share/doc/vrrpd"
install -d "$root/DEBIAN" "$root/usr/sbin" "$root/etc/vrrpd" "$root/lib/systemd/system" \
  "$root/usr/share/man/man8" "$root/usr/share/man/man5" "$root/usr/share/bash-completion/completions" \
  "$doc/examples"

install -m 0755 artifacts/vrrpd "$root/usr/sbin/vrrpd"
# The linker's .comment section (compiler versions) is of no use at run time.
objcopy --remove-section=.comment "$root/usr/sbin/vrrpd"
# No /etc/vrrpd/vrrpd.conf: the example, started unedited, would announce VRID 51 and 192.0.2.100 on the LAN.
# The unit does not start until the administrator writes the file (ConditionFileNotEmpty=), and vrrpd says
# where the example is when the file is missing (src/Vrrpd/Commands/NotConfigured.cs).
install -m 0644 vrrpd.conf.example "$doc/examples/vrrpd.conf.example"
install -d "$doc/examples/monitoring"
install -m 0644 packaging/monitoring/vrrpd-alerts.yml "$doc/examples/monitoring/vrrpd-alerts.yml"
install -m 0644 packaging/monitoring/vrrpd-dashboard.json "$doc/examples/monitoring/vrrpd-dashboard.json"
# Policy §12.3: documentation over 4 kB is compressed.
gzip -9n -c README.md > "$doc/README.md.gz"
gzip -9n -c packaging/monitoring/README.md > "$doc/examples/monitoring/README.md.gz"
install -m 0644 packaging/systemd/vrrpd.service "$root/lib/systemd/system/vrrpd.service"
install -m 0644 packaging/completion/vrrpd.bash "$root/usr/share/bash-completion/completions/vrrpd"
install -m 0644 packaging/deb/copyright "$doc/copyright"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/vrrpd"

# Man pages: markdown -> troff, footer "vrrpd VERSION", dated by the commit; gzip -n keeps no timestamp.
date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
for page in vrrpd.8 vrrpd.conf.5; do
  section=${page##*.}
  pandoc --standalone --from markdown --to man -M footer="vrrpd ${version%-*}" -M date="$date" \
    "docs/man/$page.md" -o "$stage/$page"
  gzip -9n -c "$stage/$page" > "$root/usr/share/man/man$section/$page.gz"
done

# changelog.Debian: one entry for this build.
{
  echo "vrrpd ($version) unstable; urgency=medium"
  echo
  echo "  * Package built from git revision $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.Debian.gz"
chmod 0644 "$doc/changelog.Debian.gz" "$doc/README.md.gz" "$doc/examples/monitoring/README.md.gz" "$root"/usr/share/man/man*/*.gz

# Depends: what dpkg-shlibdeps reads from the binary's dynamic section (needs a debian/control to run in).
depends=$(
  mkdir -p "$stage/shlibs/debian" &&
  printf 'Source: vrrpd\n\nPackage: vrrpd\nArchitecture: amd64\n' > "$stage/shlibs/debian/control" &&
  cd "$stage/shlibs" && dpkg-shlibdeps -O "$root/usr/sbin/vrrpd" 2>/dev/null | sed -n 's/^shlibs:Depends=//p'
) || true
depends=${depends:-libc6}

for script in postinst prerm postrm; do install -m 0755 "packaging/deb/$script" "$root/DEBIAN/$script"; done
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@INSTALLED_SIZE@/$size/" \
  -e "s/@DEPENDS@/$depends/" packaging/deb/control.in > "$root/DEBIAN/control"

find "$root" -exec touch --no-dereference -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p artifacts
deb="artifacts/vrrpd_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb: $(( $(stat -c %s "$deb") / 1024 )) KiB, Depends: $depends"
