#!/usr/bin/env bash
# Builds the real container images the image tests and the bench read, without any Docker engine:
# a Debian rootfs from `debootstrap --variant=minbase`, layered with umoci (one layer per step, each
# with its history `created_by`), then packed with skopeo as docker-archive, OCI archive, OCI layout
# (gzip) and OCI layout (zstd). Run as root on Debian/Ubuntu; installs its own tools with apt-get.
# Idempotent: the result is cached in $OUT (default .cache/test-images) keyed by this script's hash.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${TEST_IMAGES_DIR:-$ROOT/.cache/test-images}"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
STAMP="$OUT/.stamp"
HASH="$(sha256sum "$0" | cut -c1-16)"

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$HASH" ]]; then
  echo "test images up to date in $OUT"
  exit 0
fi

need=()
# docker-registry and htpasswd are for the registry pull tests (__tests__/image/registry.test.ts).
for tool in debootstrap umoci skopeo buildah go jq docker-registry htpasswd; do command -v "$tool" >/dev/null || need+=("$tool"); done
if ((${#need[@]})); then
  pkgs=(debootstrap umoci skopeo buildah golang-go jq ca-certificates docker-registry apache2-utils)
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }
command -v jar >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jdk-headless >/dev/null
}

# debootstrap mounts /proc in the new root; an interrupted run can leave it mounted.
release_mounts() { awk -v d="$OUT/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l || true; }
trap release_mounts EXIT
release_mounts
rm -rf "$OUT"
mkdir -p "$OUT"
WORK="$OUT/work"
LAYOUT="$OUT/umoci-layout"
BUNDLE="$WORK/bundle"
mkdir -p "$WORK"

# --- layer 0: the Debian base -------------------------------------------------------------
debootstrap --variant=minbase "$SUITE" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"* || true

umoci init --layout "$LAYOUT"
umoci new --image "$LAYOUT:test"
umoci unpack --image "$LAYOUT:test" "$BUNDLE" >/dev/null
rm -rf "$BUNDLE/rootfs"
mv "$WORK/rootfs" "$BUNDLE/rootfs"
R="$BUNDLE/rootfs"
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "debootstrap --variant=minbase $SUITE" "$BUNDLE"

in_root() { chroot "$R" /usr/bin/env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

# --- layer 1: Python from Debian (dpkg-owned dist-info) plus pip-installed local packages -------
cp /etc/resolv.conf "$R/etc/resolv.conf"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends python3-pip python3-six python3-idna >/dev/null
mkdir -p "$R/tmp/src/gate_demo_pkg/gate_demo_pkg"
cat >"$R/tmp/src/gate_demo_pkg/setup.py" <<'PY'
from setuptools import setup
setup(name="Gate_Demo.Pkg", version="1.4.2", packages=["gate_demo_pkg"])
PY
echo 'VALUE = 1' >"$R/tmp/src/gate_demo_pkg/gate_demo_pkg/__init__.py"
in_root pip install -q --no-index --no-build-isolation --break-system-packages /tmp/src/gate_demo_pkg
rm -rf "$R/tmp/src" "$R/var/lib/apt/lists/"* "$R/var/cache/apt/archives/"*.deb "$R/root/.cache"
find "$R" -name __pycache__ -type d -prune -exec rm -rf {} +
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "RUN apt-get install -y python3-pip python3-six python3-idna && pip install gate_demo_pkg" "$BUNDLE"

# --- layer 2: an npm tree (nested, scoped) under /app and a global module ---------------------
mkdir -p "$R/app"
cat >"$R/app/package.json" <<'JSON'
{ "name": "gate-demo-app", "version": "0.3.0", "private": true,
  "dependencies": { "debug": "4.3.4", "ms": "2.0.0", "@tootallnate/once": "2.0.0", "semver": "7.5.4", "left-pad": "1.3.0" } }
JSON
(cd "$R/app" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
npm install -g --prefix "$R/usr/local" --ignore-scripts --no-audit --no-fund --loglevel=error is-number@7.0.0 >/dev/null
(cd "$R/app" && npm ls --all --json >"$OUT/npm-ls.json") || true
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "RUN npm install (app) && npm install -g is-number@7.0.0" "$BUNDLE"

# --- layer 3: a Go binary with build info (a module dependency replaced by a local copy) -------
GOSRC="$WORK/gosrc"
mkdir -p "$GOSRC/app" "$GOSRC/dep"
cat >"$GOSRC/dep/go.mod" <<'GO'
module example.com/gatedep

go 1.19
GO
cat >"$GOSRC/dep/dep.go" <<'GO'
package gatedep

func Answer() int { return 42 }
GO
cat >"$GOSRC/app/go.mod" <<'GO'
module example.com/gateapp

go 1.19

require example.com/gatedep v1.2.3

replace example.com/gatedep v1.2.3 => ../dep
GO
cat >"$GOSRC/app/main.go" <<'GO'
package main

import (
	"fmt"

	"example.com/gatedep"
)

func main() { fmt.Println(gatedep.Answer()) }
GO
mkdir -p "$R/usr/local/bin"
(cd "$GOSRC/app" && GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0 GOCACHE="$WORK/gocache" go build -buildvcs=false -o "$R/usr/local/bin/gateapp" .)
go version -m "$R/usr/local/bin/gateapp" >"$OUT/gateapp-buildinfo.txt"
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "COPY gateapp /usr/local/bin/gateapp" "$BUNDLE"

# --- layer 4: Java: a jar with pom.properties, a jar with only a MANIFEST, a war nesting both ---
J="$WORK/java"
mkdir -p "$J/lib/META-INF/maven/org.example.gate/gate-lib" "$J/plain/META-INF" "$J/war/WEB-INF/lib"
printf 'groupId=org.example.gate\nartifactId=gate-lib\nversion=2.7.1\n' \
  >"$J/lib/META-INF/maven/org.example.gate/gate-lib/pom.properties"
echo 'class placeholder' >"$J/lib/README.txt"
(cd "$J/lib" && jar cf "$J/gate-lib-2.7.1.jar" .)
printf 'Manifest-Version: 1.0\nImplementation-Title: gate-plain\nImplementation-Version: 0.9.0\nImplementation-Vendor-Id: org.example.plain\n' >"$J/manifest.txt"
echo 'x' >"$J/plain/readme.txt"
(cd "$J/plain" && jar cfm "$J/gate-plain.jar" "$J/manifest.txt" readme.txt)
cp "$J/gate-lib-2.7.1.jar" "$J/gate-plain.jar" "$J/war/WEB-INF/lib/"
echo '<web-app/>' >"$J/war/WEB-INF/web.xml"
(cd "$J/war" && jar cf "$J/gate-web.war" .)
mkdir -p "$R/opt/java"
cp "$J/gate-lib-2.7.1.jar" "$J/gate-web.war" "$R/opt/java/"
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "COPY *.jar *.war /opt/java/" "$BUNDLE"

# --- layer 5: delete things (whiteouts): an npm package, a jar, a doc dir ----------------------
rm -rf "$R/app/node_modules/left-pad" "$R/opt/java/gate-lib-2.7.1.jar" "$R/usr/share/doc/bash"
umoci repack --refresh-bundle --image "$LAYOUT:test" --history.created_by "RUN rm -rf /app/node_modules/left-pad /opt/java/gate-lib-2.7.1.jar /usr/share/doc/bash" "$BUNDLE"
umoci config --image "$LAYOUT:test" --config.user 1000 --config.env "APP_ENV=test" \
  --history.created_by 'USER 1000'

# oracles from tools nobody here wrote
dpkg-query --admindir="$R/var/lib/dpkg" -W -f '${binary:Package}\t${Version}\t${source:Package}\t${source:Version}\t${db:Status-Abbrev}\n' \
  | sort >"$OUT/dpkg-query.tsv"
(cd "$R" && find . -path ./proc -prune -o \( -name METADATA -path '*.dist-info/*' -o -name PKG-INFO -path '*.egg-info*' \) -print | sort) >"$OUT/python-metadata.txt"
(cd "$R" && find . -type f -print | sed 's|^\./||' | sort) >"$OUT/final-files.txt"
cp "$R/etc/os-release" "$OUT/os-release"

# --- pack ------------------------------------------------------------------------------------
skopeo copy -q "oci:$LAYOUT:test" "docker-archive:$OUT/image-docker.tar:gate/test:latest"
skopeo copy -q "oci:$LAYOUT:test" "oci-archive:$OUT/image-oci.tar:test"
skopeo copy -q "oci:$LAYOUT:test" "oci:$OUT/image-oci-layout:test"
skopeo copy -q --dest-compress-format zstd "oci:$LAYOUT:test" "oci:$OUT/image-oci-zstd:test"

# --- a small multi-stage image from a Dockerfile, built by buildah without a daemon -----------
# (distroless-style: status.d, a Go binary, no shell; one layer per instruction with --layers)
BH="$WORK/buildah"
mkdir -p "$BH/ctx"
B=(buildah --storage-driver vfs --root "$BH/storage" --runroot "$BH/run")
skopeo copy -q "oci:$OUT/image-oci-layout:test" "containers-storage:[vfs@$BH/storage+$BH/run]localhost/gate-base:latest"
cat >"$BH/ctx/Dockerfile" <<'DOCKERFILE'
FROM localhost/gate-base:latest AS build
USER root
RUN mkdir -p /out && cp /usr/local/bin/gateapp /out/gateapp \
 && printf 'Package: gate-static\nVersion: 1.0-1\nArchitecture: amd64\nSource: gate-src (0.9-2)\n' >/out/gate-static

FROM scratch
COPY --from=build /etc/os-release /etc/os-release
COPY --from=build /out/gate-static /var/lib/dpkg/status.d/gate-static
COPY --from=build /out/gateapp /usr/local/bin/gateapp
USER 65532
DOCKERFILE
"${B[@]}" bud -q --layers --isolation chroot --pull-never -t gate-multistage "$BH/ctx" >/dev/null
"${B[@]}" push -q gate-multistage "docker-archive:$OUT/image-multistage.tar:gate/multistage:latest"
"${B[@]}" rm -a >/dev/null 2>&1 || true
"${B[@]}" rmi -a -f >/dev/null 2>&1 || true

rm -rf "$WORK" "$LAYOUT"
echo "$HASH" >"$STAMP"
echo "test images built in $OUT"
