#!/usr/bin/env bash
# Benchmarks of the release build on a temporary wallet. Prints one line per figure.
# Usage: scripts/bench.sh   (takes about a minute; needs nothing but the toolchain)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tikscore >/dev/null
bin="$(swift build -c release --show-bin-path)/tikscore"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TIKSCORE_DB="$work/wallet.sqlite" TIKSCORE_NOW=2026-11-24T12:00:00Z
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

"$bin" account create leo --creator --followers 150000 --birthdate 1990-01-01 --created 2025-01-01 \
  --business --creator-next --last-upload 2026-11-20 >/dev/null
"$bin" account create mia >/dev/null
"$bin" recharge mia --points 2500000 --method card --card 4242424242424242 >/dev/null

"$bin" simulate leo --seconds 600 --rate 20 --seed 3 --jsonl > "$work/feed.jsonl"
lines=$(wc -l < "$work/feed.jsonl")
t=$(date +%s%N); report=$("$bin" feed leo "$work/feed.jsonl" --json); took=$(ms "$t")
events=$(printf '%s' "$report" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["applied"].values()))')
echo "feed: $lines lines, $events events applied in $took ms ($(( events * 1000 / (took > 0 ? took : 1) )) events/s, one transaction each)"

t=$(date +%s%N); "$bin" feed leo "$work/feed.jsonl" >/dev/null 2>&1; echo "feed read again (all duplicates): $(ms "$t") ms"

t=$(date +%s%N); for i in $(seq 1 200); do "$bin" gift mia leo Rose --key "b$i" >/dev/null; done
echo "gift from the CLI: $(( $(ms "$t") * 1000 / 200 )) µs per command, process start included (200 runs)"

t=$(date +%s%N); for i in $(seq 1 200); do "$bin" balance leo --json >/dev/null; done
echo "balance from the CLI: $(( $(ms "$t") * 1000 / 200 )) µs per command, process start included (200 runs)"

transfers=$("$bin" verify --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["transfers"])')
t=$(date +%s%N); "$bin" verify >/dev/null; echo "verify: $transfers transfers in $(ms "$t") ms"

# The dashboard: idle CPU and how fast a change from another process reaches the screen.
if command -v tmux >/dev/null; then
  sock="tikscore-bench-$$"
  tmux -L "$sock" new-session -d -x 100 -y 30 -e TIKSCORE_DB="$TIKSCORE_DB" -e TIKSCORE_NOW="$TIKSCORE_NOW" -e LANG=C.UTF-8 "$bin --account mia"
  trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
  until tmux -L "$sock" capture-pane -p | grep -q "Points"; do sleep 0.05; done
  pid=$(tmux -L "$sock" display -p '#{pane_pid}')
  ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  hz=$(getconf CLK_TCK)
  before=$(ticks "$pid"); sleep 10; after=$(ticks "$pid")
  echo "dashboard idle: $(( (after - before) * 1000 / hz )) ms of CPU in 10 s"
  total=0
  for i in 1 2 3 4 5; do
    "$bin" recharge mia --points $(( 1000 + 2 * i )) --method card --card 4242424242424242 >/dev/null
    t=$(date +%s%N)
    points=$("$bin" balance mia --json | python3 -c 'import json,sys; print(format(json.load(sys.stdin)["points"], ","))')
    until tmux -L "$sock" capture-pane -p | grep -q "$points"; do sleep 0.005; done
    total=$(( total + $(ms "$t") ))
  done
  echo "dashboard: a recharge from another process is on screen $(( total / 5 )) ms after it commits (mean of 5, includes one balance query)"
fi
