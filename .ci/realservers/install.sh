#!/usr/bin/env bash
# Installs the real RDP servers used by the realserver integration tests (xrdp, FreeRDP shadow
# server under Xvfb) plus faketime and openssl for test certificates. Idempotent; run as root
# (when everything is already installed it only checks, and needs no root).
# The xrdp package may start a system service on *:3389; where a service manager exists it is
# stopped and disabled, because the tests start their own instances on their own loopback ports.
set -euo pipefail

# iproute2 gives ss(8), with which start.sh checks who listens where (minimal images lack it).
# prometheus (it brings promtool) and curl: the exporter's test against a real Prometheus (prometheus-it.sh).
# tshark decodes the probe's MCS Connect Initial (tshark-connect-initial.sh); nmap 7.93's rdp-enum-encryption is
# compared with the probe (compare-nmap-encryption.sh).
PACKAGES=(xrdp freerdp2-shadow-x11 winpr-utils xvfb faketime openssl iproute2 prometheus curl tshark nmap)
# Commands the start script needs, one per package above (winpr-utils gives winpr-hash).
COMMANDS=(/usr/sbin/xrdp freerdp-shadow-cli winpr-hash Xvfb faketime openssl ss prometheus curl tshark nmap)
# Real clients for the fake server's realism tests (RealClientsTest) and the comparison table of
# compare-auth-only.sh: nmap (-sV, rdp-ntlm-info, ssl-cert), impacket's rdp_check, xfreerdp.
PACKAGES+=(python3-impacket freerdp2-x11)
COMMANDS+=(/usr/bin/python3 xfreerdp)
# Files that are no command: impacket ships rdp_check only as an example script.
FILES=(/usr/share/doc/python3-impacket/examples/rdp_check.py)

die() { echo "install.sh: $*" >&2; exit 1; }

missing_commands() {
  local c out=()
  for c in "${COMMANDS[@]}"; do command -v "$c" >/dev/null 2>&1 || out+=("$c"); done
  for f in "${FILES[@]}"; do [[ -f "$f" ]] || out+=("$f"); done
  echo "${out[*]:-}"
}

if [[ -z "$(missing_commands)" ]]; then
  echo "install.sh: all packages already present"
else
  [[ $(id -u) -eq 0 ]] || die "missing: $(missing_commands); run as root so that apt-get can install them"
  export DEBIAN_FRONTEND=noninteractive
  # tshark's package asks whether non-root users may capture: no (the checks run as root)
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
fi

# Stop any xrdp system service the package may have started (no systemd here, so guard it).
if [[ $(id -u) -ne 0 ]]; then
  : # not root: nothing was installed by us, and no service can be stopped
elif command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl disable --now xrdp xrdp-sesman >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1 && [[ -x /etc/init.d/xrdp ]]; then
  service xrdp stop >/dev/null 2>&1 || true
  if command -v update-rc.d >/dev/null 2>&1; then update-rc.d xrdp disable >/dev/null 2>&1 || true; fi
fi
# The same for the prometheus service (it would listen on every address, port 9090): prometheus-it.sh starts its own.
if [[ $(id -u) -ne 0 ]]; then
  :
elif command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1 && [[ -x /etc/init.d/prometheus ]]; then
  service prometheus stop >/dev/null 2>&1 || true
  if command -v update-rc.d >/dev/null 2>&1; then update-rc.d prometheus disable >/dev/null 2>&1 || true; fi
fi

still_missing="$(missing_commands)"
[[ -z "$still_missing" ]] || die "missing after install: $still_missing"
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || die "package $p is not installed"
done
echo "install.sh: ok ($(dpkg-query -W -f='${Package} ${Version}, ' "${PACKAGES[@]}"))"
