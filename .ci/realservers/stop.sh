#!/usr/bin/env bash
# Stops every server start.sh started: each PID in DIR/pids gets SIGTERM (its whole process group
# when it leads one, as start.sh's setsid makes it), then SIGKILL if it is still alive after a
# bounded wait. By PID only, never by name. Safe to run twice.
set -uo pipefail

[[ $# -eq 1 ]] || { echo "usage: stop.sh DIR" >&2; exit 2; }
PIDS="$1/pids"
[[ -f "$PIDS" ]] || { echo "stop.sh: no $PIDS; nothing to stop"; exit 0; }
STOP_WAIT_SECONDS=${STOP_WAIT_SECONDS:-10}

mapfile -t pids < <(grep -E '^[0-9]+$' "$PIDS")

# Fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... (empty if PID is gone).
stat_field() { # PID N
  local rest
  rest=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
  awk -v n="$2" '{print $n}' <<<"$rest"
}
running() { # PID: alive and not a zombie
  local state
  state=$(stat_field "$1" 1)
  [[ -n "$state" && "$state" != Z ]]
}

signal() { # SIG PID: the process group if PID leads one, else the process alone
  local sig=$1 pid=$2 pgid
  pgid=$(stat_field "$pid" 3)
  if [[ "$pgid" == "$pid" ]]; then
    kill -"$sig" -- "-$pid" 2>/dev/null
  else
    kill -"$sig" "$pid" 2>/dev/null
  fi
}

alive=()
for pid in "${pids[@]}"; do
  if running "$pid"; then
    signal TERM "$pid"
    alive+=("$pid")
  fi
done

deadline=$((SECONDS + STOP_WAIT_SECONDS))
while ((${#alive[@]} > 0 && SECONDS < deadline)); do
  still=()
  for pid in "${alive[@]}"; do
    # An unreaped child of the caller lingers as a zombie: that counts as stopped.
    if running "$pid"; then still+=("$pid"); fi
  done
  alive=("${still[@]+"${still[@]}"}")
  ((${#alive[@]} > 0)) && sleep 0.2
done

rc=0
for pid in "${alive[@]+"${alive[@]}"}"; do
  echo "stop.sh: PID $pid ignored SIGTERM for ${STOP_WAIT_SECONDS}s; sending SIGKILL" >&2
  signal KILL "$pid"
done
# SIGKILL cannot be ignored, but the kernel takes a moment to reap; wait briefly.
deadline=$((SECONDS + 3))
while ((${#alive[@]} > 0 && SECONDS < deadline)); do
  still=()
  for pid in "${alive[@]}"; do
    if running "$pid"; then still+=("$pid"); fi
  done
  alive=("${still[@]+"${still[@]}"}")
  ((${#alive[@]} > 0)) && sleep 0.2
done
for pid in "${pids[@]}"; do
  if running "$pid"; then
    echo "stop.sh: PID $pid is still running" >&2
    rc=1
  fi
done
echo "stop.sh: stopped ${#pids[@]} processes from $PIDS"
exit $rc
