#!/usr/bin/env bash
# Installs Debian's Chromium for the report's browser test, when it is missing. Idempotent:
# does nothing when /usr/bin/chromium already runs. Needs root (CI runs as root).
set -euo pipefail
if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium.sh: /usr/bin/chromium is missing and this is not a root Debian shell; install the 'chromium' package." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
