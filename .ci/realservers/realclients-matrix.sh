#!/usr/bin/env bash
# How far real clients get against every scenario of `rdp-probe fake-server` (the README table
# "How far real clients get"; RealClientsTest asserts the main cells in CI). For each scenario the
# fake server listens on 127.0.0.77:3389 (nmap picks its RDP probes by port, impacket's rdp_check
# knows no other port) with its admin interface on loopback, and these clients run against it,
# each bounded by CLIENT_SECONDS: nmap -sV, nmap --script rdp-ntlm-info,ssl-cert, impacket's
# rdp_check, xfreerdp +auth-only, and a whole xfreerdp connection (both under an Xvfb of their own,
# -nolisten tcp, as LAB\alice with the demo password rdp-probe-demo, which only the scenarios that
# check credentials know). Each xfreerdp column gives its exit code and the furthest step the fake
# server recorded of that client's connections; the last column is the furthest step any client
# reached after a Connection Request (ssl-cert's TLS-first connections are left out of it; their
# column says what they got).
# Prints a markdown table (SCENARIOS="a b" limits it to those). Needs install.sh's packages. Loopback only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ADDRESS=${ADDRESS:-127.0.0.77}
CLIENT_SECONDS=${CLIENT_SECONDS:-10}
RDP_CHECK=/usr/share/doc/python3-impacket/examples/rdp_check.py
die() { echo "realclients-matrix.sh: $*" >&2; exit 1; }
for c in nmap xfreerdp Xvfb /usr/bin/python3 timeout; do command -v "$c" >/dev/null || die "$c not found; run install.sh"; done
[[ -f "$RDP_CHECK" ]] || die "$RDP_CHECK not found; run install.sh"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdpprobe-matrix.XXXXXX")
pids=()
finish() {
  local rc=$? p
  for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$DIR"
  exit "$rc"
}
trap finish EXIT
setsid Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp 3>"$DIR/display" >"$DIR/xvfb.log" 2>&1 </dev/null &
pids+=($!)
for _ in $(seq 1 50); do [[ -s "$DIR/display" ]] && break; sleep 0.2; done
DISPLAY_NUMBER=$(head -n1 "$DIR/display" | tr -dc 0-9)
[[ -n "$DISPLAY_NUMBER" ]] || die "Xvfb did not start"

"$root/bin/rdp-probe" --version >/dev/null # builds the jar once, before any timing
if [[ -n "${SCENARIOS:-}" ]]; then read -r -a scenarios <<<"$SCENARIOS" # only these, e.g. SCENARIOS="tls-only nla-credentials"
else mapfile -t scenarios < <("$root/bin/rdp-probe" fake-server --list | awk '{print $1}'); fi

cell() { tr '\n|' ' /' <<<"$1" | sed -E 's/ +/ /g; s/^ //; s/ $//' | cut -c1-90; }

# the furthest step of the connections recorded from the N-th on (N: the first argument after the admin address)
FURTHEST='
import json, sys, urllib.request
steps = []
for c in json.load(urllib.request.urlopen("http://%s/__admin/connections" % sys.argv[1], timeout=10))["connections"][int(sys.argv[2]):]:
    if c["tlsWithoutConnectionRequest"]:
        continue  # ssl-cert speaks TLS first on 3389; its column says what that got
    phase = c.get("activationPhase")
    step = (phase if phase else "MCS Connect Initial" if c.get("connectInitialSeen")
            else "credentials offered" if c["credentialsOffered"] else "TSRequest" if c["tsRequestVersion"] is not None
            else "TLS done" if c["tlsCompleted"] else "TLS started" if c["tlsStarted"]
            else "X.224 CR" if c["connectionRequestSeen"] else "TCP")
    steps.append(step)
order = ["TCP", "X.224 CR", "TLS started", "TLS done", "TSRequest", "credentials offered", "MCS Connect Initial",
         "erect-domain", "attach-user", "channel-join", "client-info", "confirm-active", "finalization", "active"]
print(max(steps, key=order.index) if steps else "no connection")
'
recorded() { /usr/bin/python3 -c "import json,sys,urllib.request; print(len(json.load(urllib.request.urlopen('http://%s/__admin/connections' % sys.argv[1], timeout=10))['connections']))" "$1"; }

echo "| scenario | nmap -sV | rdp-ntlm-info | ssl-cert | impacket rdp_check | xfreerdp +auth-only | xfreerdp (a whole connection) | furthest step recorded |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
  fifo="$DIR/in.$s"
  mkfifo "$fifo"
  "$root/bin/rdp-probe" fake-server --scenario "$s" --listen "$ADDRESS:3389" --admin 127.0.0.1:0 --until-stdin-closes \
    <"$fifo" >"$DIR/out.$s" 2>&1 &
  server=$!
  pids+=($server)
  exec 7>"$fifo"
  for _ in $(seq 1 100); do grep -q listening "$DIR/out.$s" 2>/dev/null && break; sleep 0.1; done
  admin=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["admin"])' "$DIR/out.$s")

  sv=$(timeout 150 nmap -n -Pn -sV -p 3389 "$ADDRESS" 2>&1 | awk '/^3389\/tcp/ {$1=""; $2=""; print}' || true)
  scripts=$(timeout 60 nmap -n -Pn -p 3389 --script rdp-ntlm-info,ssl-cert "$ADDRESS" 2>&1 || true)
  ntlm=$(grep -E 'NetBIOS_Computer_Name|Product_Version' <<<"$scripts" | sed 's/^|[ _]*//' | tr '\n' ' ' || true)
  cert=$(grep -E 'ssl-cert: Subject|Not valid after' <<<"$scripts" | sed 's/^|[ _]*//; s/ssl-cert: //' | tr '\n' ' ' || true)
  rc=0; check=$(timeout "$CLIENT_SECONDS" /usr/bin/python3 "$RDP_CHECK" "LAB/alice:not-a-password@$ADDRESS" 2>&1) || rc=$?
  if [[ $rc -eq 124 ]]; then check="no answer, killed after ${CLIENT_SECONDS}s"
  else
    said=$(grep -E '^\[[-*]\]|Error|Exception' <<<"$check" | tail -n1 || true)
    check="$rc: ${said:-$(grep -v '^ *$' <<<"$check" | tail -n1)}"
  fi
  before=$(recorded "$admin")
  rc=0; xf=$(DISPLAY=":$DISPLAY_NUMBER" HOME="$DIR/home" timeout "$CLIENT_SECONDS" xfreerdp "/v:$ADDRESS:3389" /u:alice /p:rdp-probe-demo \
    /d:LAB /cert:ignore +auth-only 2>&1) || rc=$?
  if [[ $rc -eq 124 ]]; then xf="no answer, killed after ${CLIENT_SECONDS}s"
  elif [[ $rc -eq 0 ]]; then xf="0: $(grep -o 'Authentication only, exit status [0-9]*' <<<"$xf" | tail -n1 || true)"
  else xf="$rc: $(grep -o 'ERRCONNECT_[A-Z_]*' <<<"$xf" | tail -n1 || true)"; fi
  sleep 0.5 # the connection's line is recorded once it ended
  xf="$xf; $(/usr/bin/python3 -c "$FURTHEST" "$admin" "$before" || echo "?")"
  before=$(recorded "$admin")
  rc=0; full=$(DISPLAY=":$DISPLAY_NUMBER" HOME="$DIR/home" timeout "$CLIENT_SECONDS" xfreerdp "/v:$ADDRESS:3389" /u:alice /p:rdp-probe-demo \
    /d:LAB /cert:ignore 2>&1) || rc=$?
  if [[ $rc -eq 124 ]]; then full="connected until killed after ${CLIENT_SECONDS}s"
  else full="$rc: $(grep -o 'ERRCONNECT_[A-Z_]*' <<<"$full" | tail -n1 || true)"; fi
  sleep 0.5
  full="$full; $(/usr/bin/python3 -c "$FURTHEST" "$admin" "$before" || echo "?")"
  furthest=$(/usr/bin/python3 -c "$FURTHEST" "$admin" 0 || echo "?")
  exec 7>&-
  wait "$server" || true
  [[ -n "${sv:-}" ]] || sv="no verdict within 150 s"
  printf '| `%s` | %s | %s | %s | %s | %s | %s | %s |\n' "$s" "$(cell "${sv:-}")" "$(cell "${ntlm:-—}")" "$(cell "${cert:-—}")" \
    "$(cell "$check")" "$(cell "$xf")" "$(cell "$full")" "$furthest"
done
