#!/usr/bin/env bash
# "Would these credentials get past NLA?" asked of the tools people use, against real servers on
# loopback, printed as a markdown table (issue #16's README table; rerun it to check):
#   xfreerdp +auth-only   (FreeRDP 2, Debian's freerdp2-x11; run under start.sh's Xvfb, as it
#                          opens the X display before anything else)
#   impacket rdp_check    (Debian's python3-impacket example; it always connects to port 3389, so it
#                          runs through a wrapper that redirects that connect to the server's port)
#   rdp-probe --user      (bin/rdp-probe TARGET --json --user 'LAB\USER' --password-file FILE
#                          --send-credentials-to-unverified-server; "n/a" without the option)
# against FreeRDP shadow /sec:nla with a SAM file (right password, wrong password, unknown user),
# FreeRDP shadow /sec:tls and /sec:rdp, and xrdp (security_layer=negotiate).
#
# The servers come from start.sh (into a temp dir, stopped by stop.sh from an EXIT trap), plus one
# more FreeRDP shadow /sec:nla started here, whose SAM user has a password made up for this run:
# it is passed to the clients and never printed. Needs the packages of install.sh (run it first, as
# root). Only 127.0.0.1 is ever contacted. Usage: compare-auth-only.sh [--keep]  (--keep: leave the
# temp dir with the logs).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CLIENT_SECONDS=${CLIENT_SECONDS:-20}
RDP_CHECK=/usr/share/doc/python3-impacket/examples/rdp_check.py
keep=0
[[ "${1:-}" == "--keep" ]] && keep=1

die() { echo "compare-auth-only.sh: $*" >&2; exit 1; }
for c in xfreerdp freerdp-shadow-cli /usr/bin/python3 openssl iconv timeout ss setsid; do
  command -v "$c" >/dev/null 2>&1 || die "$c not found; run .ci/realservers/install.sh first"
done
[[ -f "$RDP_CHECK" ]] || die "$RDP_CHECK not found; run .ci/realservers/install.sh first"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdpprobe-compare.XXXXXX")
finish() {
  local rc=$?
  "$here/stop.sh" "$DIR" >/dev/null || rc=$((rc == 0 ? 1 : rc))
  if [[ $keep -eq 1 || $rc -ne 0 ]]; then echo "compare-auth-only.sh: logs in $DIR" >&2; else rm -rf "$DIR"; fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$here/start.sh" "$DIR" >"$DIR/start.log" 2>&1 || { cat "$DIR/start.log" >&2; die "start.sh failed"; }
port_of() { sed -n "s/^$1=//p" "$DIR/servers.properties"; }
DISPLAY_NUMBER=$(head -n1 "$DIR/xvfb.display" | tr -dc 0-9)

# ---------------------------------------------------------------------------------------------
# One more NLA server whose SAM password this script knows (made up here, never printed).
USER_NAME=rdpcmp
PASSWORD="Cmp-$(openssl rand -hex 12)"
WRONG_PASSWORD="Wrong-$(openssl rand -hex 12)"
nt_hash=$(printf '%s' "$PASSWORD" | iconv -f ascii -t utf-16le \
  | openssl dgst -md4 -provider legacy -provider default -r 2>/dev/null | cut -d' ' -f1)
[[ "$nt_hash" =~ ^[0-9a-f]{32}$ ]] || die "could not compute an NT hash (openssl's legacy provider for MD4 missing?)"
SAM="$DIR/compare.sam"
(umask 077; printf '%s:::%s:::\n' "$USER_NAME" "$nt_hash" >"$SAM")
unset nt_hash
free_port() {
  local p used
  used=$( { ss -Htan; ss -Huan; } | awk '{print $4}' | sed -E 's/.*[:.]([0-9]+)$/\1/' | sort -u)
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    grep -qx "$p" <<<"$used" || { echo "$p"; return 0; }
  done
  die "no free port"
}
NLA_PORT=$(free_port)
mkdir -p "$DIR/compare.nla/config"
setsid env HOME="$DIR/compare.nla" XDG_CONFIG_HOME="$DIR/compare.nla/config" DISPLAY=":$DISPLAY_NUMBER" \
  freerdp-shadow-cli /bind-address:127.0.0.1 "/port:$NLA_PORT" /sec:nla "/sam-file:$SAM" +auth \
  >"$DIR/compare.nla/stdout.log" 2>&1 </dev/null &
echo $! >>"$DIR/pids"
for _ in $(seq 1 150); do
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$NLA_PORT" 2>/dev/null && break
  sleep 0.2
done
timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$NLA_PORT" 2>/dev/null || die "the comparison's NLA server did not start; see $DIR/compare.nla"

# ---------------------------------------------------------------------------------------------
# The clients. Each prints "EXIT<TAB>WHAT IT SAID".
xfreerdp_auth_only() { # PORT USER PASSWORD
  local out rc=0
  out=$(DISPLAY=":$DISPLAY_NUMBER" HOME="$DIR/xfreerdp-home" timeout "$CLIENT_SECONDS" \
    xfreerdp "/v:127.0.0.1:$1" "/u:$2" "/p:$3" /d:LAB /cert:ignore +auth-only 2>&1) || rc=$?
  printf '== xfreerdp port %s user %s: exit %s\n%s\n' "$1" "$2" "$rc" "$out" >>"$DIR/clients.log"
  local said
  if [[ $rc -eq 124 ]]; then said="no answer in ${CLIENT_SECONDS}s"
  elif [[ $rc -eq 0 ]]; then said="\"credentials OK\""
  else said=$(grep -o 'ERRCONNECT_[A-Z_]*\|ERRINFO_[A-Z_]*\|STATUS_[A-Z_]*' <<<"$out" | head -n1 || true); said=${said:-failed}
  fi
  printf '%s\t%s\n' "$rc" "$said"
}
rdp_check() { # PORT USER PASSWORD
  local out rc=0
  out=$(RDP_CHECK_PORT=$1 timeout "$CLIENT_SECONDS" /usr/bin/python3 -c '
import os, runpy, socket, sys
port = int(os.environ["RDP_CHECK_PORT"])
connect = socket.socket.connect
def redirected(self, address):
    if isinstance(address, tuple) and address[1] == 3389:
        address = (address[0], port)  # rdp_check knows no other port
    return connect(self, address)
socket.socket.connect = redirected
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
' "$RDP_CHECK" "LAB/$2:$3@127.0.0.1" 2>&1) || rc=$?
  printf '== rdp_check port %s user %s: exit %s\n%s\n' "$1" "$2" "$rc" "$out" >>"$DIR/clients.log"
  local said
  if [[ $rc -eq 124 ]]; then said="no answer in ${CLIENT_SECONDS}s"
  elif grep -q 'Access Granted' <<<"$out"; then said="\"Access Granted\""
  elif grep -q 'Access Denied' <<<"$out"; then said="\"Access Denied\""
  elif grep -q "doesn't support PROTOCOL_HYBRID" <<<"$out"; then said="\"no PROTOCOL_HYBRID\""
  elif grep -qx '\[-\] *' <<<"$out"; then said="an error line with no text"
  elif grep -q '^\[-\] ' <<<"$out"; then said=$(grep '^\[-\] ' <<<"$out" | head -n1 | cut -c5-70)
  else said=$(grep -Eo '[A-Za-z]*(Error|Exception)[^/]{0,60}' <<<"$out" | tail -n1 || true); said=${said:-failed}
  fi
  printf '%s\t%s\n' "$rc" "$said"
}
# rdp-probe's credential check (issue #16): `rdp-probe TARGET --user ACCOUNT` (targets are positional; there is
# no `host` subcommand, and `rdp-probe host --help` would take "host" for a target), detected from the help text.
probe_cmd=()
if "$root/bin/rdp-probe" --help 2>/dev/null | grep -q -- '--user'; then
  probe_cmd=("$root/bin/rdp-probe")
fi
# Its password comes from --password-file; the server's self-signed certificate needs the opt-in
# for an unverified server, whatever its name turns out to be (found in the help text).
probe_help=""
[[ ${#probe_cmd[@]} -gt 0 ]] && probe_help=$("${probe_cmd[@]}" --help 2>/dev/null || true)
probe_optin=$(grep -oE -- '--[a-z-]*(unverified|untrusted|insecure)[a-z-]*' <<<"$probe_help" | head -n1 || true)
rdp_probe() { # PORT USER PASSWORD
  if [[ ${#probe_cmd[@]} -eq 0 ]]; then printf 'n/a\tn/a (no --user yet)\n'; return; fi
  if ! grep -q -- '--password-file' <<<"$probe_help"; then printf 'n/a\tn/a (no --password-file)\n'; return; fi
  local pw="$DIR/password" out rc=0
  (umask 077; printf '%s' "$3" >"$pw")
  out=$(timeout "$CLIENT_SECONDS" "${probe_cmd[@]}" "127.0.0.1:$1" --no-udp --json --user "LAB\\$2" --password-file "$pw" \
    ${probe_optin:+"$probe_optin"} 2>/dev/null) || rc=$?
  rm -f "$pw"
  local said
  said=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[0])["diagnosis"]["code"])' <<<"$out" 2>/dev/null) \
    || said=failed
  printf '%s\t%s\n' "$rc" "$said"
}

row() { # LABEL PORT USER PASSWORD
  local a_rc a_said b_rc b_said c_rc c_said
  IFS=$'\t' read -r a_rc a_said < <(xfreerdp_auth_only "$2" "$3" "$4")
  IFS=$'\t' read -r b_rc b_said < <(rdp_check "$2" "$3" "$4")
  IFS=$'\t' read -r c_rc c_said < <(rdp_probe "$2" "$3" "$4")
  printf '| %s | %s: %s | %s: %s | %s: %s |\n' "$1" "$a_rc" "$a_said" "$b_rc" "$b_said" "$c_rc" "$c_said"
}

echo "| server, credentials | xfreerdp +auth-only (exit: says) | impacket rdp_check (exit: says) | rdp-probe --user (exit: diagnosis) |"
echo "|---|---|---|---|"
row "FreeRDP shadow /sec:nla, right password" "$NLA_PORT" "$USER_NAME" "$PASSWORD"
row "FreeRDP shadow /sec:nla, wrong password" "$NLA_PORT" "$USER_NAME" "$WRONG_PASSWORD"
row "FreeRDP shadow /sec:nla, unknown user" "$NLA_PORT" "nosuchuser" "$PASSWORD"
row "FreeRDP shadow /sec:tls (no NLA)" "$(port_of freerdp.tls)" "$USER_NAME" "$WRONG_PASSWORD"
row "FreeRDP shadow /sec:rdp (no NLA)" "$(port_of freerdp.rdp)" "$USER_NAME" "$WRONG_PASSWORD"
row "xrdp, security_layer=negotiate (no NLA)" "$(port_of xrdp.negotiate)" "$USER_NAME" "$WRONG_PASSWORD"
echo
echo "$(DISPLAY=":$DISPLAY_NUMBER" xfreerdp --version 2>/dev/null | grep -o 'version [^ ]*' | head -n1 | sed 's/^/xfreerdp /'), impacket $(dpkg-query -W -f='${Version}' python3-impacket 2>/dev/null); exit 124: the tool did not end within ${CLIENT_SECONDS}s (killed)."
