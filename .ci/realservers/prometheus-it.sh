#!/usr/bin/env bash
# The exporter against a real Prometheus (Debian's prometheus package, which brings promtool), all on loopback:
# starts three targets (a healthy fake server, one with an expired certificate, a closed port), `rdp-probe serve` on
# an ephemeral port, and Prometheus on its own port and storage directory in DIR with the README's blackbox-style
# relabel configuration; waits for the scrapes and reads the results back through Prometheus' HTTP API
# (/api/v1/query); runs `promtool check metrics` on the exporter's exposition and `promtool check rules` on
# examples/rdp-probe-alerts.yml. Every process it starts is written to DIR/pids (stop.sh stops them by PID) and is
# stopped here too, by PID, when it ends. Usage: prometheus-it.sh DIR
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: prometheus-it.sh DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PIDS=$(cd "$1" && pwd)/pids
DIR=$(cd "$1" && pwd)/prometheus
mkdir -p "$DIR"
export RDP_PROBE_CDS=off # no class-data archive made in the background: every process here is one this script stops
WAIT_SECONDS=${PROMETHEUS_IT_WAIT_SECONDS:-90}
started=()

die() { echo "prometheus-it.sh: FAIL: $*" >&2; exit 1; }
stop_started() {
  local pid
  for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap stop_started EXIT

command -v prometheus >/dev/null && command -v promtool >/dev/null || die "prometheus and promtool are needed (install.sh installs them)"
command -v curl >/dev/null || die "curl is needed"
"$root/bin/rdp-probe" --version >/dev/null # builds the CLI on first use

start() { # NAME COMMAND...: runs it in the background with its output in DIR/NAME.out and .err
  local name=$1; shift
  "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" </dev/null &
  started+=("$!")
  echo "$!" >>"$PIDS"
}
listening() { # NAME: the address of the first {"listening":"…"} line of NAME.out, waited for
  local name=$1 address=""
  for _ in $(seq 300); do
    address=$(sed -n '1s/.*"listening":"\([^"]*\)".*/\1/p' "$DIR/$name.out" 2>/dev/null)
    [[ -n "$address" ]] && { echo "$address"; return 0; }
    sleep 0.1
  done
  cat "$DIR/$name.err" >&2
  die "$name did not start"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start healthy "$root/bin/rdp-probe" fake-server --scenario healthy --listen 127.0.0.1:0
start expired "$root/bin/rdp-probe" fake-server --scenario expired-certificate --listen 127.0.0.1:0
HEALTHY=$(listening healthy)
EXPIRED=$(listening expired)
CLOSED=127.0.0.1:$(free_port) # nothing listens there

cat >"$DIR/rdp-probe.yml" <<YAML
allow: [127.0.0.0/8]
modules:
  rdp:
    timeout: 10s
YAML
t0=$(date +%s%N)
start exporter "$root/bin/rdp-probe" serve --config "$DIR/rdp-probe.yml" --listen 127.0.0.1:0
EXPORTER=$(listening exporter)
echo "prometheus-it.sh: exporter listening after $(( ($(date +%s%N) - t0) / 1000000 )) ms (JVM start included)"

# The README's scrape configuration, with loopback addresses.
cat >"$DIR/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  scrape_timeout: 2s
scrape_configs:
  - job_name: rdp
    metrics_path: /probe
    params:
      module: [rdp]
    static_configs:
      - targets: ['$HEALTHY', '$EXPIRED', '$CLOSED']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: '$EXPORTER'
  - job_name: rdp-probe-exporter
    static_configs:
      - targets: ['$EXPORTER']
YAML
promtool check config "$DIR/prometheus.yml" >/dev/null || die "promtool check config refused the README's scrape configuration"
PROM=127.0.0.1:$(free_port)
start prometheus prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/data" \
  --web.listen-address="$PROM" --log.level=warn

query() { # PROMQL: the JSON answer of /api/v1/query
  curl -fsS --max-time 5 "http://$PROM/api/v1/query" --data-urlencode "query=$1"
}
value_of() { # PROMQL: the value of its single result, or nothing
  query "$1" 2>/dev/null | python3 -c 'import json,sys
r=json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if len(r)==1 else "")' 2>/dev/null || true
}

deadline=$(( $(date +%s) + WAIT_SECONDS ))
until [[ "$(value_of 'count(probe_success{job="rdp"})')" == "3" && "$(value_of 'count(up{job="rdp-probe-exporter"} == 1)')" == "1" ]]; do
  [[ $(date +%s) -lt $deadline ]] || { cat "$DIR/prometheus.err" >&2; die "Prometheus had not scraped all three targets within ${WAIT_SECONDS}s"; }
  sleep 1
done

expect() { # WHAT PROMQL EXPECTED
  local got
  got=$(value_of "$2")
  [[ "$got" == "$3" ]] || die "$1: $2 is '$got', expected '$3'"
  echo "prometheus-it.sh: ok: $1 ($2 = $got)"
}
expect "healthy server passes" "probe_success{instance=\"$HEALTHY\"}" 1
expect "healthy server's TLS phase is graphed" "count(probe_rdp_phase_duration_seconds{instance=\"$HEALTHY\",phase=\"tls_handshake\"} > 0)" 1
expect "healthy server's NTLM identity" "count(probe_rdp_ntlm_info{instance=\"$HEALTHY\",netbios_computer=\"FAKE-RDP\"})" 1
expect "expired certificate: the probe passes" "probe_success{instance=\"$EXPIRED\"}" 1
expect "expired certificate: the finding" "probe_rdp_findings{instance=\"$EXPIRED\",code=\"CERT_EXPIRED\"}" 1
expect "expired certificate: its expiry is past" "count(probe_ssl_earliest_cert_expiry{instance=\"$EXPIRED\"} < time())" 1
expect "expired certificate: the 14-day alert's expression fires" \
  "count(probe_ssl_earliest_cert_expiry{job=~\"rdp.*\",instance=\"$EXPIRED\"} - time() < 14 * 86400)" 1
expect "closed port fails" "probe_success{instance=\"$CLOSED\"}" 0
expect "closed port fails at TCP connect" "count(probe_rdp_failed_phase_info{instance=\"$CLOSED\",phase=\"tcp_connect\",kind=\"REFUSED\"})" 1
expect "closed port: the phase-failing alert's expression fires" \
  "count(max by (instance, job, phase, status) (probe_rdp_phase_status{instance=\"$CLOSED\",status=~\"failed|timed_out\"}) == 1)" 1
expect "the exporter counts its probes" "count(rdp_probe_exporter_probes_total{module=\"rdp\",result=\"success\"} > 0)" 1

for target in "$HEALTHY" "$EXPIRED" "$CLOSED"; do
  curl -fsS --max-time 15 "http://$EXPORTER/probe?target=$target&module=rdp" >"$DIR/exposition.txt"
  promtool check metrics <"$DIR/exposition.txt" || die "promtool check metrics refused the exposition of /probe?target=$target"
done
echo "prometheus-it.sh: ok: promtool check metrics passes on /probe of all three targets"
curl -fsS --max-time 15 "http://$EXPORTER/metrics" >"$DIR/exporter-metrics.txt"
promtool check metrics <"$DIR/exporter-metrics.txt" || die "promtool check metrics refused the exporter's /metrics"
echo "prometheus-it.sh: ok: promtool check metrics passes on /metrics"
promtool check rules "$root/examples/rdp-probe-alerts.yml" >/dev/null || die "promtool check rules refused examples/rdp-probe-alerts.yml"
echo "prometheus-it.sh: ok: promtool check rules examples/rdp-probe-alerts.yml"
echo "prometheus-it.sh: every check passed"
