#!/usr/bin/env bash
# Assembles a stand-in for gcr.io/distroless/nodejs24-debian13:nonroot for one architecture
# and imports it as lucid/distroless-nodejs24-debian13:nonroot-<arch>. Like distroless it
# holds glibc, libgcc and libstdc++, CA certificates, tzdata, netbase, os-release,
# /nodejs/bin/node, and passwd/group with nonroot (65532, home /home/nonroot); no shell, no
# package manager; user 65532; entrypoint /nodejs/bin/node. Packages come from Debian's
# archive through the host's apt with a private state folder, unpacked with dpkg-deb, so
# no foreign-architecture code runs.
# Usage: node-runtime.sh amd64|arm64
set -euo pipefail
source "$(dirname "$0")/lib.sh"

arch="${1:?usage: node-runtime.sh amd64|arm64}"
tag="$runtime_repo:nonroot-$arch"
packages=(base-files netbase tzdata ca-certificates libc6 libgcc-s1 libstdc++6)
recipe="$(recipe_hash "$0" "$arch" "${packages[*]}")"
if image_current "$tag" "$recipe"; then
  log "$tag is current"
  exit 0
fi

previous="$(image_id "$tag")"
work="$(mktemp -d "${TMPDIR:-/tmp}/lucid-runtime.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{lists/partial,cache/archives/partial,debs,rootfs}

# apt with its own sources, lists and an empty status file: it resolves the target suite
# and architecture without touching the host's package state.
security_mirror="${debian_mirror%/debian}/debian-security"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$work/sources.list" <<LIST
deb [arch=$arch signed-by=$keyring] $debian_mirror $debian_suite main
deb [arch=$arch signed-by=$keyring] $debian_mirror $debian_suite-updates main
deb [arch=$arch signed-by=$keyring] $security_mirror $debian_suite-security main
LIST
: >"$work/status"
apt_opts=(-q -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists" -o "Dir::State::status=$work/status"
  -o "Dir::Cache=$work/cache" -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch"
  -o "Debug::NoLocking=1")
log "downloading ${packages[*]} ($debian_suite, $arch)"
apt-get "${apt_opts[@]}" update >"$cache/runtime-apt-$arch.log" 2>&1 ||
  { log "apt-get update failed; see $cache/runtime-apt-$arch.log"; exit 1; }
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}") \
  >>"$cache/runtime-apt-$arch.log" 2>&1 ||
  { log "apt-get download failed; see $cache/runtime-apt-$arch.log"; exit 1; }

rootfs="$work/rootfs"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done

# Merged /usr: the loader is looked up at /lib64 (amd64) or /lib (arm64).
for dir in bin lib lib64 sbin; do
  [[ -e "$rootfs/$dir" || ! -d "$rootfs/usr/$dir" ]] || ln -s "usr/$dir" "$rootfs/$dir"
done

# Only libraries and data stay: glibc's helper programs (ldd is a bash script), the CA
# update script, documentation and translations go.
rm -rf "$rootfs"/usr/bin "$rootfs"/usr/sbin "$rootfs"/usr/libexec "$rootfs"/etc/default \
  "$rootfs"/usr/share/{doc,man,info,lintian,locale,bug,gcc,gdb,common-licenses} \
  "$rootfs"/etc/{profile,profile.d,skel,bash.bashrc,dpkg,update-motd.d,ld.so.conf.d} \
  "$rootfs"/usr/share/base-files/{dot.*,profile*,motd,info.dir,staff-group-for-usr-local} \
  "$rootfs"/usr/lib/*/gconv "$rootfs"/var

# ca-certificates' maintainer script builds the bundle; without a shell, build it here.
mkdir -p "$rootfs/etc/ssl/certs"
cat "$rootfs"/usr/share/ca-certificates/mozilla/*.crt >"$rootfs/etc/ssl/certs/ca-certificates.crt"

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
tty:x:5:
staff:x:50:
nogroup:x:65534:
nonroot:x:65532:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"

install -d -m 0700 "$rootfs/root"
install -d -m 0700 -o 65532 -g 65532 "$rootfs/home/nonroot"
install -d -m 1777 "$rootfs/tmp"
install -d -m 0755 "$rootfs/nodejs/bin"
tar xzf "$(node_tarball "$arch")" -C "$rootfs/nodejs" --strip-components=1 package/bin/node \
  package/LICENSE

load_rootfs "$rootfs" "$tag" "$arch" "$(cat <<JSON
{
  "User": "65532",
  "WorkingDir": "/home/nonroot",
  "Env": [
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"
  ],
  "Entrypoint": ["/nodejs/bin/node"],
  "Labels": {
    "lucid.recipe": "$recipe",
    "org.opencontainers.image.title": "distroless-nodejs24-debian13-nonroot"
  }
}
JSON
)"
drop_replaced "$previous" "$tag"
log "built $tag"
