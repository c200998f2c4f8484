#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the system needs, or names them if it cannot.
#   PDF reports (WeasyPrint): Pango, HarfBuzz subset, Liberation fonts
#   tests: Chromium (browser tests), poppler-utils (pdftoppm renders PDF pages) and
#          dovecot-imapd (the shared-mailbox test runs a real IMAP server)
set -euo pipefail
needed=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation)
if [ "${1:-}" = "--test" ]; then needed+=(chromium poppler-utils dovecot-imapd); fi
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "ComplaintsDesk needs these system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
