#!/usr/bin/env bash
# Installs the .deb of scripts/package.sh on a clean Debian 12 and runs it:
# a minimal bookworm made by debootstrap (kept in $CHROOT_CACHE to reuse),
# copied fresh each run; there `dpkg -i` (fails on the missing libraries),
# `apt-get -f install` (brings them), then `migrate --help` and `--version`.
# Needs root and http://deb.debian.org. Usage: scripts/deb-check.sh [DEB]
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CHROOT_CACHE=${CHROOT_CACHE:-/var/cache/migrate-deb-check/bookworm}

if [ "$(id -u)" -ne 0 ]; then
  echo "deb-check: needs root (debootstrap, chroot)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "deb-check: needs debootstrap (scripts/install-deps.sh)" >&2; exit 2; }

deb=${1:-}
if [ -z "$deb" ]; then deb=$(bash scripts/package.sh | tail -1); fi
[ -f "$deb" ] || { echo "deb-check: no package at $deb" >&2; exit 2; }

if [ ! -x "$CHROOT_CACHE/bin/sh" ]; then
  echo "deb-check: debootstrap bookworm into $CHROOT_CACHE (once)"
  rm -rf "$CHROOT_CACHE.partial"
  mkdir -p "$(dirname "$CHROOT_CACHE")"
  debootstrap --variant=minbase bookworm "$CHROOT_CACHE.partial" "$MIRROR" >/dev/null
  mv "$CHROOT_CACHE.partial" "$CHROOT_CACHE"
fi

root=$(mktemp -d)  # the system copied fresh for this run
cleanup() {
  for m in dev/pts dev proc sys; do
    if mountpoint -q "$root/$m"; then umount -l "$root/$m"; fi
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
cp -a "$CHROOT_CACHE/." "$root/"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
pkg="/tmp/$(basename "$deb")"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  DEBIAN_FRONTEND=noninteractive "$@"; }

echo "deb-check: dpkg -i $(basename "$deb") (expected to stop on missing dependencies)"
if in_root dpkg -i "$pkg"; then
  echo "deb-check: dpkg -i succeeded without the libraries: are the dependencies empty?" >&2
  exit 1
fi
in_root apt-get update -qq
in_root apt-get -f install -y -qq >/dev/null
in_root dpkg -s migrate | grep -E '^(Status|Depends):'
in_root migrate --help >/dev/null
echo "deb-check: migrate --help ran"
in_root migrate --version
for f in /usr/share/man/man1/migrate.1.gz /usr/share/bash-completion/completions/migrate \
  /usr/share/zsh/vendor-completions/_migrate /usr/share/fish/vendor_completions.d/migrate.fish; do
  [ -f "$root$f" ] || { echo "deb-check: $f is not installed" >&2; exit 1; }
done
echo "deb-check: ok on a clean Debian 12"
