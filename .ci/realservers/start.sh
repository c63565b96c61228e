#!/usr/bin/env bash
# Starts real RDP servers on 127.0.0.1 only, each on its own free port, for the realserver
# integration tests:
#   xrdp.negotiate  xrdp, security_layer=negotiate, certificate CN=$XRDP_CN
#   xrdp.tls        xrdp, security_layer=tls,       certificate CN=$XRDP_CN
#   xrdp.rdp        xrdp, security_layer=rdp
#   xrdp.expired    xrdp, security_layer=tls, certificate CN=$EXPIRED_CN that expired in 2020
#   freerdp.nla     FreeRDP shadow server /sec:nla with a SAM file (random password, never shown)
#   freerdp.tls     FreeRDP shadow server /sec:tls
#   freerdp.rdp     FreeRDP shadow server /sec:rdp
#   xrdp.rdp.LEVEL  xrdp, security_layer=rdp, crypt_level=LEVEL for LEVEL in none low medium high fips
#   freerdp.credentials  FreeRDP shadow server /sec:nla, SAM user rdpprobe-it with a random password
#                   the tests read from DIR/freerdp.credentials.password (mode 600; never printed)
# The FreeRDP servers share one Xvfb display (-nolisten tcp).
#
# Usage: start.sh DIR    (DIR is created; it receives configs, logs and:)
#   DIR/servers.properties   name=port, one line per server
#   DIR/pids                 one PID per line (Xvfb included); stop.sh DIR kills them
# Exits non-zero, printing the server's log, if any server does not come up.
set -euo pipefail

XRDP_CN=rdpprobe-it-xrdp
EXPIRED_CN=rdpprobe-it-expired
START_WAIT_SECONDS=${START_WAIT_SECONDS:-30}
PORT_ATTEMPTS=3

die() { echo "start.sh: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: start.sh DIR"
for c in /usr/sbin/xrdp freerdp-shadow-cli Xvfb faketime openssl iconv ss setsid; do
  command -v "$c" >/dev/null 2>&1 || die "$c not found; run .ci/realservers/install.sh first"
done

mkdir -p "$1"
DIR=$(cd "$1" && pwd)
PIDS="$DIR/pids"
PROPS="$DIR/servers.properties"
: >"$PIDS"
: >"$PROPS"

started_at=$SECONDS

# On failure, stop what this script already started, so a failed start leaves nothing behind.
cleanup_on_error() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "start.sh: failed (exit $rc); stopping what was started" >&2
    "$(dirname "$0")/stop.sh" "$DIR" >&2 || true
  fi
}
trap cleanup_on_error EXIT

# ---------------------------------------------------------------------------------------------
# Ports: a random port below the ephemeral range that nothing uses (TCP or UDP, any state).
# A port may still be taken between the check and the bind; start_server then retries another.
used_ports() {
  ss -Htan | awk '{print $4}'
  ss -Huan | awk '{print $4}'
}
pick_port() {
  local used p i
  used=$(used_ports | sed -E 's/.*[:.]([0-9]+)$/\1/' | sort -u)
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    if ! grep -qx "$p" <<<"$used" && ! grep -qx "$p" <<<"$(cut -d= -f2 "$PROPS")"; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found between 20000 and 32000"
}

# The local addresses of every TCP listener on PORT.
listening_on_port() {
  local port=$1
  ss -Hltn "sport = :$port" | awk '{print $4}'
}
wait_for_port() { # NAME PID PORT LOG -> 0 when PORT accepts on 127.0.0.1, 1 if PID died, 2 on timeout
  local name=$1 pid=$2 port=$3 deadline=$((SECONDS + START_WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      local addrs
      addrs=$(listening_on_port "$port" | sort -u)
      if [[ "$addrs" != "127.0.0.1:$port" ]]; then
        die "$name listens on [$addrs], expected 127.0.0.1:$port only"
      fi
      # Our process must own the listener (not another program that grabbed the port first).
      if ! ss -Hltnp "sport = :$port" | grep -q "pid=$pid,"; then
        die "$name: something other than PID $pid listens on port $port: $(ss -Hltnp "sport = :$port")"
      fi
      return 0
    fi
    sleep 0.2
  done
  return 2
}

# start_server NAME LOG COMMAND... ; COMMAND may use the literal token @PORT@ for the port.
# Runs COMMAND in its own session (setsid, so its PID is its process group), retries with a new
# port if it dies (for example because the port was taken), records name=port and the PID.
start_server() {
  local name=$1 log=$2
  shift 2
  local attempt port pid rc args a
  for attempt in $(seq 1 "$PORT_ATTEMPTS"); do
    port=$(pick_port)
    args=()
    for a in "$@"; do args+=("${a//@PORT@/$port}"); done
    if [[ -n "${PRE_START_HOOK:-}" ]]; then "$PRE_START_HOOK" "$port"; fi
    setsid "${args[@]}" >>"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >>"$PIDS"
    rc=0
    wait_for_port "$name" "$pid" "$port" || rc=$?
    if [[ $rc -eq 0 ]]; then
      echo "$name=$port" >>"$PROPS"
      echo "start.sh: $name on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    if [[ $rc -eq 2 ]]; then
      echo "start.sh: $name did not accept TCP on 127.0.0.1:$port within ${START_WAIT_SECONDS}s; its log ($log):" >&2
      cat "$log" >&2
      die "$name did not start"
    fi
    echo "start.sh: $name exited during start on port $port (attempt $attempt of $PORT_ATTEMPTS)" >&2
  done
  echo "start.sh: $name's log ($log):" >&2
  cat "$log" >&2
  die "$name did not start"
}

# ---------------------------------------------------------------------------------------------
# Certificates
CERTS="$DIR/certs"
mkdir -p "$CERTS"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$XRDP_CN" \
  -keyout "$CERTS/xrdp.key" -out "$CERTS/xrdp.crt" 2>"$CERTS/openssl.log" \
  || { cat "$CERTS/openssl.log" >&2; die "openssl could not make the xrdp certificate"; }
faketime '2020-01-01 00:00:00' openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$EXPIRED_CN" \
  -keyout "$CERTS/expired.key" -out "$CERTS/expired.crt" 2>>"$CERTS/openssl.log" \
  || { cat "$CERTS/openssl.log" >&2; die "faketime + openssl could not make the expired certificate"; }
openssl x509 -in "$CERTS/expired.crt" -noout -checkend 0 >/dev/null 2>&1 \
  && die "the 'expired' certificate is still valid: faketime did not take effect"
chmod 600 "$CERTS"/*.key

# ---------------------------------------------------------------------------------------------
# xrdp: one config dir per instance; xrdp.ini rewritten from the packaged one ([Globals] keys
# and [Logging]); port is set per attempt by the pre-start hook.
mkdir -p /run/xrdp/sockdir
write_xrdp_ini() { # SRC DEST PORT SECURITY CERT KEY LOGFILE [CRYPT_LEVEL, default high]
  local crypt=${8:-high}
  awk -v port="$3" -v sec="$4" -v cert="$5" -v key="$6" -v logfile="$7" -v crypt="$crypt" '
    /^\[/ { section = $0 }
    section == "[Globals]" && /^port=/           { print "port=tcp://.:" port; next }
    section == "[Globals]" && /^security_layer=/ { print "security_layer=" sec; next }
    section == "[Globals]" && /^certificate=/    { print "certificate=" cert; next }
    section == "[Globals]" && /^key_file=/       { print "key_file=" key; next }
    section == "[Globals]" && /^ssl_protocols=/  { print "ssl_protocols=TLSv1.2, TLSv1.3"; next }
    section == "[Globals]" && /^crypt_level=/    { print "crypt_level=" crypt; next }
    section == "[Logging]" && /^LogFile=/        { print "LogFile=" logfile; next }
    section == "[Logging]" && /^EnableSyslog=/   { print "EnableSyslog=false"; next }
    { print }
  ' "$1" >"$2"
  for key in "port=tcp://.:$3" "security_layer=$4" "certificate=$5" "key_file=$6" "LogFile=$7" "EnableSyslog=false" \
      "crypt_level=$crypt"; do
    grep -qxF "$key" "$2" || die "could not set '$key' in $2 (has /etc/xrdp/xrdp.ini changed?)"
  done
}

start_xrdp() { # NAME SECURITY CERT KEY [CRYPT_LEVEL]
  local name=$1 sec=$2 cert=$3 key=$4 crypt=${5:-high} home="$DIR/$1"
  mkdir -p "$home/config"
  XRDP_INI_ARGS=("$sec" "$cert" "$key" "$home/xrdp.log" "$crypt")
  XRDP_HOME=$home
  PRE_START_HOOK=xrdp_pre_start start_server "$name" "$home/stdout.log" \
    env HOME="$home" XDG_CONFIG_HOME="$home/config" /usr/sbin/xrdp --nodaemon --config "$home/xrdp.ini"
}
xrdp_pre_start() { # PORT
  write_xrdp_ini /etc/xrdp/xrdp.ini "$XRDP_HOME/xrdp.ini" "$1" "${XRDP_INI_ARGS[@]}"
}

start_xrdp xrdp.negotiate negotiate "$CERTS/xrdp.crt" "$CERTS/xrdp.key"
start_xrdp xrdp.tls tls "$CERTS/xrdp.crt" "$CERTS/xrdp.key"
start_xrdp xrdp.rdp rdp "$CERTS/xrdp.crt" "$CERTS/xrdp.key"
start_xrdp xrdp.expired tls "$CERTS/expired.crt" "$CERTS/expired.key"

# ---------------------------------------------------------------------------------------------
# Xvfb for the FreeRDP shadow servers: it picks a free display itself (-displayfd).
XVFB_LOG="$DIR/xvfb.log"
display_file="$DIR/xvfb.display"
: >"$display_file"
setsid Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$display_file" >"$XVFB_LOG" 2>&1 </dev/null &
xvfb_pid=$!
echo "$xvfb_pid" >>"$PIDS"
deadline=$((SECONDS + START_WAIT_SECONDS))
until [[ -s "$display_file" ]] && grep -q '^[0-9]' "$display_file"; do
  if ! kill -0 "$xvfb_pid" 2>/dev/null || ((SECONDS >= deadline)); then
    echo "start.sh: Xvfb did not report a display; its log:" >&2
    cat "$XVFB_LOG" >&2
    die "Xvfb did not start"
  fi
  sleep 0.2
done
DISPLAY_NUMBER=$(head -n1 "$display_file" | tr -dc 0-9)
[[ -S /tmp/.X11-unix/X$DISPLAY_NUMBER ]] || die "Xvfb reported display :$DISPLAY_NUMBER but /tmp/.X11-unix/X$DISPLAY_NUMBER is missing"
echo "start.sh: Xvfb on :$DISPLAY_NUMBER (pid $xvfb_pid, no TCP)"

# SAM file for NLA: user "rdpprobe" with a random password that is never printed nor kept.
# NTHASH = MD4(UTF-16LE(password)).
SAM="$DIR/freerdp.sam"
nt_hash=$(openssl rand -hex 24 | tr -d '\n' | iconv -f ascii -t utf-16le \
  | openssl dgst -md4 -provider legacy -provider default -r 2>/dev/null | cut -d' ' -f1) || true
[[ "$nt_hash" =~ ^[0-9a-f]{32}$ ]] || die "could not compute an NT hash (openssl's legacy provider for MD4 missing?)"
printf 'rdpprobe:::%s:::\n' "$nt_hash" >"$SAM"
chmod 600 "$SAM"
unset nt_hash

start_shadow() { # NAME SEC [EXTRA...]
  local name=$1 sec=$2 home="$DIR/$1"
  shift 2
  mkdir -p "$home/config"
  PRE_START_HOOK= start_server "$name" "$home/stdout.log" \
    env HOME="$home" XDG_CONFIG_HOME="$home/config" DISPLAY=":$DISPLAY_NUMBER" \
    freerdp-shadow-cli /bind-address:127.0.0.1 /port:@PORT@ "/sec:$sec" "$@"
}

start_shadow freerdp.nla nla "/sam-file:$SAM" +auth
start_shadow freerdp.tls tls
start_shadow freerdp.rdp rdp

# Standard RDP Security at each encryption level (MCS Connect facts, the encryption-method enumeration).
for level in none low medium high fips; do
  start_xrdp "xrdp.rdp.$level" rdp "$CERTS/xrdp.crt" "$CERTS/xrdp.key" "$level"
done
# The credential check (#16): a second /sec:nla shadow server whose SAM file holds a user with a
# random password that the tests may read (DIR/freerdp.credentials.password, mode 600, never
# printed); the user name is in DIR/freerdp.credentials.user.
CRED_SAM="$DIR/freerdp.credentials.sam"
CRED_PASSWORD_FILE="$DIR/freerdp.credentials.password"
( umask 077; openssl rand -hex 12 | tr -d '\n' >"$CRED_PASSWORD_FILE" )
cred_hash=$(iconv -f ascii -t utf-16le <"$CRED_PASSWORD_FILE" \
  | openssl dgst -md4 -provider legacy -provider default -r 2>/dev/null | cut -d' ' -f1) || true
[[ "$cred_hash" =~ ^[0-9a-f]{32}$ ]] || die "could not compute the credential server's NT hash"
printf 'rdpprobe-it:::%s:::\n' "$cred_hash" >"$CRED_SAM"
printf 'rdpprobe-it\n' >"$DIR/freerdp.credentials.user"
chmod 600 "$CRED_SAM"
unset cred_hash
start_shadow freerdp.credentials nla "/sam-file:$CRED_SAM" +auth

trap - EXIT
echo "start.sh: $(wc -l <"$PROPS") servers up in $((SECONDS - started_at)) s; ports in $PROPS, PIDs in $PIDS"
