#!/usr/bin/env bash
# Rebuilds fixtures/demo-image/layout, the small OCI image `npm run demo` scans, from the
# rootfs-* folders beside it, with umoci (Debian package `umoci`; no Docker engine).
# The layers mirror fixtures/demo/Dockerfile's final stage, with the history's created_by
# written as BuildKit writes it, so vulnerabilities land on the Dockerfile line that
# brought them. The committed layout is the output of this script; CI does not rebuild it.
set -euo pipefail
cd "$(dirname "$0")/../fixtures/demo-image"
command -v umoci >/dev/null || { echo "needs umoci (apt-get install umoci)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf layout
umoci init --layout layout
umoci new --image layout:demo
umoci unpack --rootless --image layout:demo "$work/bundle" >/dev/null

add_layer() { # $1 rootfs folder, $2 created_by
  cp -a "$1/." "$work/bundle/rootfs/"
  umoci repack --refresh-bundle --image layout:demo --history.created_by "$2" \
    --history.created 2024-01-01T00:00:00Z "$work/bundle"
}
add_layer rootfs-base '/bin/sh -c #(nop) ADD file:demo-debian-12-excerpt in / '
# The app layer is the demo project itself (package.json, src/) plus the node_modules manifests.
app="$work/app-layer"
mkdir -p "$app/app"
cp -a rootfs-app/. "$app/"
cp -a ../demo/package.json ../demo/src "$app/app/"
add_layer "$app" 'COPY /app /app # buildkit'
add_layer rootfs-curl 'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit'
umoci config --image layout:demo --config.workingdir /app \
  --config.env NODE_ENV=production --config.env DATABASE_PASSWORD=Tr0ub4dor-and-3-horses \
  --config.cmd /bin/sh --config.cmd -c --config.cmd 'node src/server.js' \
  --config.exposedports 8080/tcp --created 2024-01-01T00:00:00Z \
  --history.created_by 'ENV NODE_ENV=production DATABASE_PASSWORD=Tr0ub4dor-and-3-horses' \
  --history.created 2024-01-01T00:00:00Z
umoci gc --layout layout
echo "built fixtures/demo-image/layout ($(du -sh layout | cut -f1))"
