#!/usr/bin/env bash
# Captures rdp-probe's MCS Connect Initial on the loopback interface and has Wireshark's dissectors
# (tshark, Debian's package: tpkt, cotp, t125, t124, rdp) decode it with -V: the check fails if the
# Connect Initial or its client data blocks are not recognised, or if tshark marks any field
# Malformed or reports an expert error. The server is a Standard RDP Security one (the exchange is in
# the clear): xrdp.rdp.low of start.sh's servers.properties unless a name is given.
#
# Usage: tshark-connect-initial.sh DIR/servers.properties [SERVER_NAME]
set -euo pipefail

die() { echo "tshark-connect-initial.sh: $*" >&2; exit 2; }
[[ $# -ge 1 && -f "$1" ]] || die "usage: tshark-connect-initial.sh DIR/servers.properties [SERVER_NAME]"
command -v tshark >/dev/null || die "tshark not found (install.sh installs it)"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${2:-xrdp.rdp.low}
port=$(grep -E "^${name//./\\.}=" "$1" | cut -d= -f2)
[[ "$port" =~ ^[0-9]+$ ]] || die "no port for $name in $1"

work=$(mktemp -d "${TMPDIR:-/tmp}/rdpprobe-tshark.XXXXXX")
capture_pid=
finish() {
  local rc=$?
  if [[ -n "$capture_pid" ]] && kill -0 "$capture_pid" 2>/dev/null; then kill "$capture_pid" 2>/dev/null || true; wait "$capture_pid" 2>/dev/null || true; fi
  if [[ $rc -eq 0 && -z "${KEEP:-}" ]]; then rm -rf "$work"; else echo "tshark-connect-initial.sh: exit $rc; capture and decode kept in $work" >&2; fi
  exit "$rc"
}
trap finish EXIT

# Loopback only, and only this server's port.
tshark -q -i lo -f "tcp port $port and host 127.0.0.1" -w "$work/mcs.pcapng" >"$work/capture.log" 2>&1 &
capture_pid=$!
for _ in $(seq 1 50); do grep -q "Capturing on" "$work/capture.log" 2>/dev/null && break; sleep 0.1; done
grep -q "Capturing on" "$work/capture.log" || { cat "$work/capture.log" >&2; die "tshark did not start capturing"; }

"$root/bin/rdp-probe" "127.0.0.1:$port" --no-udp --json >"$work/outcome.json" || true
sleep 0.5
kill "$capture_pid"; wait "$capture_pid" 2>/dev/null || true
capture_pid=

tshark -r "$work/mcs.pcapng" -d "tcp.port==$port,tpkt" -V >"$work/decode.txt" 2>&1 || { cat "$work/decode.txt" >&2; die "tshark could not read the capture"; }
grep -q '"phase":"MCS_CONNECT","status":"OK"' "$work/outcome.json" || die "the probe did not complete MCS_CONNECT: $(head -c 600 "$work/outcome.json")"
for needle in "connect-initial" "clientCoreData" "clientSecurityData" "clientNetworkData" "connect-response"; do
  grep -qi -- "$needle" "$work/decode.txt" || die "tshark's decode has no '$needle' (see $work/decode.txt)"
done
if grep -nE "Malformed|\[Expert Info \(Error" "$work/decode.txt" >"$work/problems.txt"; then
  cat "$work/problems.txt" >&2
  die "tshark marks part of the exchange malformed"
fi
echo "tshark-connect-initial.sh: tshark decodes the Connect Initial and Connect Response with $name (port $port): no malformed field, no expert error"
