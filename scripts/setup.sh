#!/usr/bin/env bash
# Create .venv and install the app; with --test also the test tools and a Chromium for Playwright.
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Tiltakstrappa trenger Python 3.11 eller nyere (fant: $("$python" --version 2>&1))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

extras=""
[ "$want_tests" = 1 ] && extras="[test]"
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

if [ -f package.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then
  npm ci --no-audit --no-fund --silent
fi

if [ "$want_tests" = 1 ]; then
  scripts/find-chromium.sh >/dev/null
  # The static export is tested behind a real nginx (deploy/nginx.conf), with brotli_static.
  if ! command -v nginx >/dev/null 2>&1 || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installerer nginx for testene av den statiske eksporten …" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx libnginx-mod-http-brotli-static >&2
  fi
fi
