#!/usr/bin/env bash
# End to end with an independent Kafka client: `tidecast broker` + `tidecast run` against it, kcat producing
# samples and reading committed forecasts, then `tidecast replay` of the bundled data into the same job.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=kcat-e2e
# shellcheck source=e2e-lib.sh
source .ci/e2e-lib.sh
kcat -b "$bootstrap" -L | grep -q 'tidecast.samples' || { echo "kcat-e2e: kcat cannot see the topics"; exit 1; }

cat > "$work/small.yaml" <<'YAML'
forecast:
  warmupSamples: 50
  horizonsMs: [100, 500]
  learners:
    - {name: last, kind: last, history: 1}
    - {name: rls, kind: rls, history: 12}
YAML
./tidecast run --bootstrap "$bootstrap" --config "$work/small.yaml" --checkpoint-interval 500 > "$work/run.log" 2>&1 &
pids+=($!)

# 200 samples of one 3-value stream, produced by kcat: key "kcat-sensor", 10 Hz
awk 'BEGIN { for (n = 0; n < 200; n++) printf "kcat-sensor|{\"key\":\"kcat-sensor\",\"ts\":%.0f,\"values\":[%.4f,%.4f,%.4f]}\n", 1700000000000 + 100*n, 10*sin(n/6.0), 5*cos(n/6.0), n/100.0 }' \
  | kcat -b "$bootstrap" -P -t tidecast.samples -K '|'
echo 'not json' | kcat -b "$bootstrap" -P -t tidecast.samples -k kcat-sensor

expected=$(( (200 - 50 + 1) * 2 * 3 ))   # forecasts after the warm-up x 2 horizons x (last, rls, ensemble)
count=0
for _ in $(seq 1 120); do
  count=$(kcat -b "$bootstrap" -C -t tidecast.forecasts -o beginning -e -q -X isolation.level=read_committed 2>/dev/null | grep -c '"key":"kcat-sensor"' || true)
  [ "$count" -ge "$expected" ] && break
  sleep 1
done
echo "kcat-e2e: $count committed forecasts for kcat-sensor (expected $expected)"
[ "$count" -eq "$expected" ] || { tail -n 40 "$work/run.log"; exit 1; }
kcat -b "$bootstrap" -C -t tidecast.forecasts -o beginning -e -q -c 1 -X isolation.level=read_committed
rejects=$(kcat -b "$bootstrap" -C -t tidecast.rejects -o beginning -e -q -X isolation.level=read_committed | grep -c 'not valid JSON\|not json' || true)
[ "$rejects" -ge 1 ] || { echo "kcat-e2e: the bad record is not in tidecast.rejects"; exit 1; }
echo "kcat-e2e: the bad record is in tidecast.rejects"

./tidecast replay --bootstrap "$bootstrap" --speed max > "$work/replay.log" 2>&1
tail -n 1 "$work/replay.log"
for _ in $(seq 1 120); do
  seq9=$(kcat -b "$bootstrap" -C -t tidecast.forecasts -o beginning -e -q -X isolation.level=read_committed 2>/dev/null | grep -c '"key":"seq9"' || true)
  [ "$seq9" -gt 0 ] && break
  sleep 1
done
echo "kcat-e2e: $seq9 committed forecasts for the replayed recording seq9"
[ "$seq9" -gt 0 ]
echo "kcat-e2e: passed"
