#!/usr/bin/env bash
# Install the Debian packages Qt needs, only those missing. `offscreen` is enough for the tests;
# `x11` adds what a real window (or Xvfb) needs. Spell checking reads the hunspell
# dictionaries through Enchant.
set -euo pipefail

offscreen=(libgl1 libegl1 libnss3 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6
  libxkbcommon0 libxkbfile1 libfontconfig1 libglib2.0-0 libdbus-1-3
  libenchant-2-2 hunspell-en-us hunspell-en-gb)
x11=(xvfb xauth xdotool libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1)

wanted=("${offscreen[@]}")
[[ "${1:-offscreen}" == x11 ]] && wanted+=("${x11[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian system; make sure Qt 6's libraries are installed" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  # a package may be known under a t64 name on newer Debian releases
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  status+="$(dpkg-query -W -f='${Status}' "${package}t64" 2>/dev/null || true)"
  [[ "$status" == *"install ok installed"* ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "system-deps: missing packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
install=()
for package in "${missing[@]}"; do
  if apt-cache show "$package" >/dev/null 2>&1; then install+=("$package")
  elif apt-cache show "${package}t64" >/dev/null 2>&1; then install+=("${package}t64")
  else echo "system-deps: no package $package on this system; skipping" >&2
  fi
done
apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null
