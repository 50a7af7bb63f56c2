#!/usr/bin/env bash
# End to end with kcat as the client: `tidecast broker` + `tidecast decide`, driven by the stochastic environment
# scripts/bandit-env.sh (Bernoulli arm costs); fails unless the per-step regret of the last quarter of the decisions
# is below the first quarter's.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=decide-e2e
# shellcheck source=e2e-lib.sh
source .ci/e2e-lib.sh

./tidecast decide --bootstrap "$bootstrap" --checkpoint-interval 200 > "$work/decide.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q '^job .* running' "$work/decide.log" && break; sleep 1; done
grep -q '^job .* running' "$work/decide.log" || { tail -n 40 "$work/decide.log"; echo "decide-e2e: the service did not start"; exit 1; }

scripts/bandit-env.sh --bootstrap "$bootstrap" --rounds 16 --batch 50 --check || { tail -n 40 "$work/decide.log"; exit 1; }
echo 'not json' | kcat -b "$bootstrap" -P -t tidecast.decisions.feedback -k x
for _ in $(seq 1 60); do
  kcat -b "$bootstrap" -C -t tidecast.rejects -o beginning -e -q -X isolation.level=read_committed | grep -q 'decisions.feedback' && break
  sleep 1
done
kcat -b "$bootstrap" -C -t tidecast.rejects -o beginning -e -q -X isolation.level=read_committed | grep 'decisions.feedback' \
  || { echo "decide-e2e: the bad feedback is not in tidecast.rejects"; exit 1; }
kcat -b "$bootstrap" -C -t tidecast.metrics -o beginning -e -q -X isolation.level=read_committed | grep '"kind":"decision"' | tail -n 1
echo "decide-e2e: passed"
