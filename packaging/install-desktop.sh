#!/usr/bin/env bash
# Put Postwright in the desktop's application menu for the current user: the desktop entry,
# the AppStream metadata and the icons, under ~/.local/share (or $XDG_DATA_HOME).
#
#   bash packaging/install-desktop.sh [--exec PROGRAM] [--data-dir DIR]
#   bash packaging/install-desktop.sh --uninstall [--data-dir DIR]
#
# The entry starts PROGRAM, written into it as an absolute path. Without --exec: the
# standalone build (dist/standalone/postwright/postwright) when it exists, otherwise the
# `postwright` on PATH. `make install-desktop` and `make uninstall-desktop` run this.
set -euo pipefail

app_id=org.postwright.Postwright
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
program=""
uninstall=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --exec) program="${2:?--exec needs a program}"; shift 2 ;;
    --data-dir) data_dir="${2:?--data-dir needs a folder}"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install-desktop: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

icons="$root/resources/icons/hicolor"
installed=("applications/$app_id.desktop" "metainfo/$app_id.metainfo.xml")
while IFS= read -r icon; do
  installed+=("icons/hicolor/${icon#"$icons"/}")
done < <(find "$icons" -type f -name "$app_id.*" | sort)

refresh() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$data_dir/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [[ -f "$data_dir/icons/hicolor/index.theme" ]]; then
    gtk-update-icon-cache -q -t -f "$data_dir/icons/hicolor" 2>/dev/null || true
  fi
}

if [[ $uninstall -eq 1 ]]; then
  for file in "${installed[@]}"; do rm -f "$data_dir/$file"; done
  refresh
  echo "removed Postwright's desktop entry, metadata and icons from $data_dir"
  exit 0
fi

if [[ -z "$program" ]]; then
  if [[ -x "$root/dist/standalone/postwright/postwright" ]]; then
    program="$root/dist/standalone/postwright/postwright"
  elif command -v postwright >/dev/null; then
    program="$(command -v postwright)"
  else
    echo "install-desktop: no postwright program found: run 'make package' or" \
      "'pip install .' first, or name one with --exec" >&2
    exit 1
  fi
fi
program="${program/#\~\//$HOME/}"
if [[ "$program" == */* ]]; then
  program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"
elif command -v "$program" >/dev/null; then
  program="$(command -v "$program")"
fi
[[ -x "$program" ]] || { echo "install-desktop: $program is not an executable program" >&2; exit 1; }
# the desktop entry spec's Exec quoting: reserved characters need quotes, and these four a
# backslash inside them, which the file format doubles again; a plain path needs neither
if [[ "$program" =~ [\"\`\$\\] ]]; then
  echo "install-desktop: cannot write the path '$program' into a desktop entry" >&2
  exit 1
fi
exec_value="$program"
[[ "$program" =~ [[:space:]\'\>\<~\|\&\;\*\?\#\(\)] ]] && exec_value="\"$program\""

mkdir -p "$data_dir/applications" "$data_dir/metainfo"
sed -e "s|^Exec=postwright |Exec=${exec_value//|/\\|} |" \
  -e "s|^TryExec=postwright$|TryExec=${program//|/\\|}|" \
  "$here/linux/$app_id.desktop" >"$data_dir/applications/$app_id.desktop.tmp"
mv "$data_dir/applications/$app_id.desktop.tmp" "$data_dir/applications/$app_id.desktop"
cp "$here/linux/$app_id.metainfo.xml" "$data_dir/metainfo/"
for file in "${installed[@]}"; do
  [[ "$file" == icons/* ]] || continue
  mkdir -p "$(dirname "$data_dir/$file")"
  cp "$icons/${file#icons/hicolor/}" "$data_dir/$file"
done
refresh
echo "installed Postwright's desktop entry (starting $program), metadata and icons into $data_dir"
