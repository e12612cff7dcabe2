#!/usr/bin/env bash
# The browser tests (packages/sdk-browser/test/*.browser.test.ts and the
# browser example's screenshot test) drive Debian's Chromium through
# playwright-core; playwright never downloads a browser. Install it when
# absent: these machines run as root on Debian.
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; run 'apt-get install chromium chromium-driver' as root" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
