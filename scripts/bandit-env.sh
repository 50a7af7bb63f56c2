#!/usr/bin/env bash
# A stochastic environment for `tidecast decide`, with kcat as the only Kafka client.
#
# Play mode (default): for R rounds, send B requests for one key, read the committed decisions, draw each chosen
# arm's cost from its Bernoulli distribution and send it back as feedback. The environment knows the true mean
# costs, so it reports the pseudo-regret per step, mean(chosen arm) - mean(best arm), over the first and the last
# quarter of the decisions; with --check it fails unless the last quarter's is below the first's.
#
# Bench mode (--bench N): send N requests over --keys K keys at once and time until all N decisions are committed.
#
# The service's arm set for the key must be a, b, c (the default family). Costs: a ~ Bernoulli(0.7),
# b ~ Bernoulli(0.5), c ~ Bernoulli(0.2) (change with --means).
set -euo pipefail

usage() {
  cat <<USAGE
usage: scripts/bandit-env.sh --bootstrap HOST:PORT [--rounds R] [--batch B] [--key K] [--means "0.7 0.5 0.2"] [--seed S] [--check]
       scripts/bandit-env.sh --bootstrap HOST:PORT --bench N [--keys K]
examples:
  ./tidecast broker &                      # prints bootstrap: 127.0.0.1:PORT
  ./tidecast decide --bootstrap 127.0.0.1:PORT --checkpoint-interval 200 &
  scripts/bandit-env.sh --bootstrap 127.0.0.1:PORT --rounds 40 --batch 25 --check
  scripts/bandit-env.sh --bootstrap 127.0.0.1:PORT --bench 100000 --keys 100
USAGE
}

bootstrap="" rounds=40 batch=25 key="env-$$" means="0.7 0.5 0.2" seed=7 check=0 bench=0 keys=100 timeout=120
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap) bootstrap="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --means) means="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --check) check=1; shift ;;
    --bench) bench="$2"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bandit-env: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$bootstrap" ] || { echo "bandit-env: --bootstrap HOST:PORT is required (see --help)" >&2; exit 2; }
command -v kcat >/dev/null || { echo "bandit-env: kcat is not installed (apt-get install kcat)" >&2; exit 2; }

work=$(mktemp -d)
consumer=""
cleanup() { [ -n "$consumer" ] && kill "$consumer" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# committed decisions from now on, one JSON per line
kcat -b "$bootstrap" -C -t tidecast.decisions -o end -u -q -X isolation.level=read_committed -X fetch.wait.max.ms=20 -f '%s\n' > "$work/decisions" 2>/dev/null &
consumer=$!
sleep 2 # the consumer has its partitions and end offsets before anything is produced

# wait_for N PATTERN: until N committed decisions match PATTERN
wait_for() {
  local want=$1 pattern=$2 have=0 deadline=$((SECONDS + timeout))
  while :; do
    have=$(grep -c -- "$pattern" "$work/decisions" || true)
    [ "$have" -ge "$want" ] && return 0
    [ $SECONDS -ge $deadline ] && { echo "bandit-env: only $have of $want decisions after ${timeout}s" >&2; return 1; }
    sleep 0.05
  done
}

run=$$-$RANDOM
if [ "$bench" -gt 0 ]; then
  awk -v n="$bench" -v k="$keys" -v run="$run" 'BEGIN { for (i = 0; i < n; i++) printf "bench-%d|{\"key\":\"bench-%d\",\"requestId\":\"b%s-%d\"}\n", i % k, i % k, run, i }' > "$work/requests"
  start=$(date +%s.%N)
  kcat -b "$bootstrap" -P -t tidecast.decisions.requests -K '|' -X linger.ms=20 -X batch.num.messages=10000 < "$work/requests"
  sent=$(date +%s.%N)
  wait_for "$bench" "\"requestId\":\"b$run-"
  done_at=$(date +%s.%N)
  awk -v n="$bench" -v k="$keys" -v s="$start" -v p="$sent" -v d="$done_at" 'BEGIN {
    printf "bandit-env bench: %d requests over %d keys produced in %.2f s; all %d decisions committed after %.2f s: %.0f decisions/s end to end\n",
      n, k, p - s, n, d - s, n / (d - s) }'
  exit 0
fi

: > "$work/played"
for r in $(seq 1 "$rounds"); do
  awk -v n="$batch" -v key="$key" -v run="$run" -v r="$r" 'BEGIN { for (i = 0; i < n; i++) printf "%s|{\"key\":\"%s\",\"requestId\":\"%s-%d-%d\"}\n", key, key, run, r, i }' \
    | kcat -b "$bootstrap" -P -t tidecast.decisions.requests -K '|'
  wait_for "$batch" "\"requestId\":\"$run-$r-"
  # costs: Bernoulli(mean of the chosen arm), drawn from a seeded awk generator; feedback keyed by requestId
  grep -- "\"requestId\":\"$run-$r-" "$work/decisions" | awk -v means="$means" -v seed="$((seed * 1000 + r))" -v played="$work/played" '
    BEGIN { srand(seed); split(means, m, " "); mu["a"] = m[1]; mu["b"] = m[2]; mu["c"] = m[3] }
    {
      match($0, /"requestId":"[^"]*"/); id = substr($0, RSTART + 13, RLENGTH - 14)
      match($0, /"arm":"[^"]*"/); arm = substr($0, RSTART + 7, RLENGTH - 8)
      cost = (rand() < mu[arm]) ? 1 : 0
      printf "%s|{\"requestId\":\"%s\",\"cost\":%d}\n", id, id, cost
      print arm, mu[arm], cost >> played
    }' | kcat -b "$bootstrap" -P -t tidecast.decisions.feedback -K '|'
done

awk -v means="$means" -v check="$check" '
  BEGIN { split(means, m, " "); best = m[1]; for (i = 2; i <= 3; i++) if (m[i] < best) best = m[i] }
  { arm[NR] = $1; mu[NR] = $2; cost[NR] = $3; pulls[$1]++ }
  END {
    n = NR; q = int(n / 4)
    for (i = 1; i <= q; i++) { first += mu[i] - best; fc += cost[i] }
    for (i = n - q + 1; i <= n; i++) { lastq += mu[i] - best; lc += cost[i] }
    for (i = 1; i <= n; i++) total += mu[i] - best
    printf "bandit-env: %d decisions; pulls a=%d b=%d c=%d (true mean costs %s, best %.2f)\n", n, pulls["a"], pulls["b"], pulls["c"], means, best
    printf "bandit-env: per-step regret, first quarter %.4f, last quarter %.4f (cost per step %.3f -> %.3f); cumulative pseudo-regret %.1f\n",
      first / q, lastq / q, fc / q, lc / q, total
    if (check && !(lastq < first)) { print "bandit-env: FAILED: per-step regret did not shrink"; exit 1 }
    if (check) print "bandit-env: per-step regret shrinks"
  }' "$work/played"
