#!/usr/bin/env bash
# Installs what the browser tests need, and only what is missing, so it is cheap to re-run:
# from Debian, chromium and its chromedriver, nginx, a Java runtime (for the Nu HTML Checker),
# fonts and Python's venv; from PyPI, requirements.txt into .venv-browser/ at the project root.
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
PYTHON="${PYTHON:-python3}"
VENV=".venv-browser"
REQUIREMENTS="Tests/browser/requirements.txt"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  PYTHON=python3
  missing+=(python3 python3-venv python3-pip)
elif ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv python3-pip)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install.sh: installing from Debian: ${missing[*]}"
  # The JRE's post-install step fails on slim images without this folder.
  $SUDO mkdir -p /usr/share/man/man1
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The venv is (re)made when it is missing, broken, or older than requirements.txt.
stamp="$VENV/.requirements.sha256"
want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "install.sh: installing $REQUIREMENTS into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$want" > "$stamp"
fi
