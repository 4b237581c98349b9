#!/usr/bin/env bash
# The Node generators the integration tests build with (Eleventy, Hexo, Astro), at the versions
# pinned in generators/package-lock.json, installed into a cache folder outside the repository
# and reused by later runs while the lock file stays the same. Prints the node_modules folder.
# POSTWRIGHT_GENERATORS_CACHE chooses the cache folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)/generators"
cache="${POSTWRIGHT_GENERATORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/postwright/generators}"
key="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)"
dest="$cache/$key"
if [[ ! -f "$dest/.installed" ]]; then
  if ! command -v npm >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "install-generators: installing Node from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm; } >&2
  fi
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$here/package.json" "$here/package-lock.json" "$dest/"
  echo "install-generators: npm ci into $dest" >&2
  (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error) >&2
  touch "$dest/.installed"
fi
echo "$dest/node_modules"
