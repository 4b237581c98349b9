#!/usr/bin/env bash
# Smoke test of the standalone build (`make package` runs it after PyInstaller):
#
#   bash packaging/smoke_test.sh dist/standalone/postwright build/pyinstaller/postwright/smoke/postwright-smoke
#
# 1. `postwright --version` prints the source's version (and how long it takes);
# 2. `postwright render` and `postwright check` work on the bundled sample post;
# 3. `postwright-smoke` (packaging/smoke_window.py, built on the product's libraries) opens the
#    sample post in the window offscreen, waits for the preview's first render, reads its
#    heading out of Qt WebEngine and quits with status 0;
# 4. under Xvfb (when xvfb-run and xdotool are installed; `make package` installs them): the
#    product's own `postwright POST` shows its window on a real X server and quits with status
#    0 on Ctrl+Q, and the smoke launcher renders there too.
# Then it prints the folder's size. Settings and caches go to a temporary folder.
set -euo pipefail

die() { echo "smoke test: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }
less() { awk -v a="${1% s}" -v b="${2% s}" 'BEGIN { exit !(a < b) }'; }

if [[ "${1:-}" == --under-x11 ]]; then
  # the X11 part, run by xvfb-run from below
  program="$2" smoke="$3" sample="$4"
  started="$(now)"
  "$program" "$sample" 2>"$TMPDIR/x11-window.log" &
  pid=$!
  window="$(timeout 60 xdotool search --sync --onlyvisible --name 'Postwright' | head -n 1)" \
    || { kill "$pid" 2>/dev/null || true; die "postwright showed no window on X11"; }
  echo "  X11: postwright $(basename "$sample"): window mapped after $(since "$started")"
  sleep 1  # let the preview render before quitting
  xdotool windowfocus --sync "$window" key ctrl+q
  status=0
  wait "$pid" || status=$?
  [[ $status -eq 0 ]] || { tail -n 20 "$TMPDIR/x11-window.log" >&2; die "postwright exited $status after Ctrl+Q"; }
  echo "  X11: Ctrl+Q closed it; exit status 0"
  QT_QPA_PLATFORM=xcb timeout 120 "$smoke" "$sample" --started-at "$(now)" 2>"$TMPDIR/x11-smoke.log" \
    | sed 's/^/  X11: /' || { tail -n 20 "$TMPDIR/x11-smoke.log" >&2; die "postwright-smoke failed on X11"; }
  exit 0
fi

[[ $# -ge 1 ]] || { echo "usage: $0 DIST_DIR [SMOKE_PROGRAM]" >&2; exit 2; }
dist="$(cd "$1" && pwd)"
program="$dist/postwright"
smoke="${2:-}"
[[ -z "$smoke" ]] || smoke="$(cd "$(dirname "$smoke")" && pwd)/$(basename "$smoke")"
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
root="$(dirname "$(dirname "$self")")"
[[ -x "$program" ]] || die "no program at $program"

TMPDIR="$(mktemp -d)"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
export XDG_CONFIG_HOME="$TMPDIR/config" XDG_STATE_HOME="$TMPDIR/state" \
  XDG_DATA_HOME="$TMPDIR/data" XDG_CACHE_HOME="$TMPDIR/cache"
sample="$dist/_internal/editor/resources/sample/welcome-to-postwright.md"
[[ -f "$sample" ]] || die "the sample post is not bundled at $sample"

echo "smoke test of $dist"
expected="postwright $(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/editor/__init__.py")"
best=""
for _ in 1 2 3; do
  started="$(now)"
  version="$(timeout 60 "$program" --version)" || die "postwright --version failed"
  took="$(since "$started")"
  if [[ -z "$best" ]] || less "$took" "$best"; then best="$took"; fi
done
[[ "$version" == "$expected" ]] || die "--version printed '$version', not '$expected'"
echo "  postwright --version: $version (best of 3: $best)"

cd "$TMPDIR"
started="$(now)"
timeout 60 "$program" render "$sample" -o page.html || die "postwright render failed"
grep -q "Lighthouse Keeper" page.html || die "the rendered page lacks the sample's heading"
echo "  postwright render: $(wc -c <page.html) bytes of HTML in $(since "$started")"
timeout 60 "$program" check -q "$sample" || die "postwright check failed on the sample post"
echo "  postwright check: the sample post is clean"

if [[ -n "$smoke" ]]; then
  [[ -x "$smoke" ]] || die "no smoke launcher at $smoke"
  QT_QPA_PLATFORM=offscreen timeout 120 "$smoke" "$sample" --started-at "$(now)" \
    2>"$TMPDIR/smoke.log" | sed 's/^/  offscreen: /' \
    || { tail -n 20 "$TMPDIR/smoke.log" >&2; die "postwright-smoke failed offscreen"; }
else
  echo "  offscreen window: skipped (no smoke launcher given)"
fi

if [[ -n "$smoke" ]] && command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
  env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1600x1000x24" \
    bash "$self" --under-x11 "$program" "$smoke" "$sample"
else
  echo "  X11: skipped (needs the smoke launcher, xvfb-run and xdotool)"
fi

echo "  size: $(du -sh "$dist" | cut -f1) in $(find "$dist" -type f | wc -l) files"
echo "smoke test passed"
