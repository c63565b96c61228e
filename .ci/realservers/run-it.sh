#!/usr/bin/env bash
# Runs the realserver integration tests against real RDP servers on loopback:
# installs the servers (install.sh), starts them into a temporary directory (start.sh), runs the
# tests tagged "realserver" in rdp-probe-testkit, and always stops every server it started, by PID
# (stop.sh, from an EXIT trap). Exits with the test run's exit code (or the first step that failed).
# Extra arguments go to Maven (for example -o).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

if [[ -x ./mvnw ]]; then MVN=./mvnw; else MVN=mvn; fi

t0=$SECONDS
"$here/install.sh"
t_install=$((SECONDS - t0))

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdpprobe-realservers.XXXXXX")
finish() {
  local rc=$?
  "$here/stop.sh" "$DIR" || rc=$((rc == 0 ? 1 : rc))
  if [[ $rc -eq 0 ]]; then
    rm -rf "$DIR"
  else
    echo "run-it.sh: exit $rc; server configs and logs kept in $DIR" >&2
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t1=$SECONDS
"$here/start.sh" "$DIR"
t_start=$((SECONDS - t1))
echo "run-it.sh: install ${t_install}s, start ${t_start}s"

rc=0
"$MVN" -B -pl rdp-probe-testkit -am verify \
  -Dtest.excludedGroups= -Dgroups=realserver \
  -Drdpprobe.realservers="$DIR/servers.properties" \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" || rc=$?
# The Prometheus exporter against a real Prometheus (its processes go to $DIR/pids too, for stop.sh).
prc=0
"$here/prometheus-it.sh" "$DIR" || prc=$?
[[ $rc -ne 0 ]] || rc=$prc
echo "run-it.sh: tests exited $rc after $((SECONDS - t0))s in all"
# Wireshark decodes the probe's Connect Initial without a malformed field; nmap agrees on version, level, methods.
"$here/tshark-connect-initial.sh" "$DIR/servers.properties" || rc=$((rc == 0 ? 1 : rc))
"$here/compare-nmap-encryption.sh" "$DIR/servers.properties" "$DIR/nmap-comparison.md" || rc=$((rc == 0 ? 1 : rc))
exit "$rc"
