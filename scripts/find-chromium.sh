#!/usr/bin/env bash
# Print the path of a Chromium for Playwright, installing Debian's package when none is present.
# (`playwright install` downloads its own browser, which is not possible on every machine.)
set -euo pipefail
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installerer Chromium for nettlesertestene (apt-get install chromium) …" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "Fant ingen Chromium. Installer Chromium og sett CHROMIUM=/sti/til/chromium." >&2
exit 1
