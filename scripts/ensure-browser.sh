#!/usr/bin/env bash
# Makes sure the console's browser tests have Debian's Chromium and ChromeDriver; run by `mvn verify`
# before the tests. Installs the two packages when either is missing (as root, or through sudo without a
# password); otherwise fails: a browser test that cannot start its browser is a failure, never a skip.
set -euo pipefail
browser=${1:-/usr/bin/chromium}
driver=${2:-/usr/bin/chromedriver}
if [ -x "$browser" ] && [ -x "$driver" ]; then
    exit 0
fi
echo "ensure-browser: $browser or $driver is missing: installing the Debian packages chromium and chromium-driver"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    as_root=(sudo -n)
else
    echo "ensure-browser: not root and no password-less sudo: install chromium and chromium-driver (apt-get install -y chromium chromium-driver), then run the tests again" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y --no-install-recommends chromium chromium-driver; then
    "${as_root[@]}" apt-get update
    "${as_root[@]}" apt-get install -y --no-install-recommends chromium chromium-driver
fi
if [ ! -x "$browser" ] || [ ! -x "$driver" ]; then
    echo "ensure-browser: the packages are installed but $browser or $driver is still missing" >&2
    exit 1
fi
echo "ensure-browser: $("$browser" --version 2> /dev/null | head -1); $("$driver" --version | head -1)"
