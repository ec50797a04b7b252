#!/usr/bin/env bash
# Installs the Debian packages the browser/validator tests need:
# Chromium (driven by Playwright through executable_path), fonts, jing (RELAX NG)
# and a headless JRE for the Nu Html Checker when no Java is present.
# Idempotent: does nothing (well under a second) when everything is installed.
set -euo pipefail

pkgs=(chromium fonts-liberation fonts-dejavu-core jing)

missing=0
dpkg -s chromium jing fonts-liberation fonts-dejavu-core >/dev/null 2>&1 || missing=1
if ! java -version >/dev/null 2>&1; then
    pkgs+=(default-jre-headless)
    missing=1
fi
[ "$missing" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-system-deps: need root or sudo to install: ${pkgs[*]}" >&2
    exit 1
fi

echo "install-system-deps: installing ${pkgs[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${pkgs[@]}"
