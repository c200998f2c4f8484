#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the system needs, or names them if it cannot.
#   PDF reports (WeasyPrint): Pango, HarfBuzz subset, Liberation fonts
#   --test: Chromium (browser tests), poppler-utils (pdftoppm renders PDF pages), and Node.js 20+
#     with npm for the test OpenID provider (tests/oidc_provider, installed here with `npm ci`),
#     and dovecot-imapd (the shared-mailbox test runs a real IMAP server)
#   --stack: nginx and openssl for scripts/production-check
set -euo pipefail
cd "$(dirname "$0")/.."
needed=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation)
case "${1:-}" in
  --test)
    needed+=(chromium poppler-utils dovecot-imapd)
    command -v npm >/dev/null || needed+=(nodejs npm)
    ;;
  --stack) needed+=(nginx openssl) ;;
esac
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
oidc_provider() {
  if [ "${1:-}" = "--test" ] && [ ! -d tests/oidc_provider/node_modules/oidc-provider ]; then
    (cd tests/oidc_provider && npm ci --no-audit --no-fund --silent)
  fi
}
if [ ${#missing[@]} -eq 0 ]; then oidc_provider "${1:-}"; exit 0; fi
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
oidc_provider "${1:-}"
