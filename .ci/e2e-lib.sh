# Shared by the end-to-end scripts: a temp dir, background processes ended on exit, and `tidecast broker`.
# Source it after setting NAME (the prefix of every message); it sets work, pids and bootstrap.
command -v kcat >/dev/null || { echo "$NAME: kcat is not installed"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

: > "$work/broker.log" # exists before the broker writes to it, so the wait below never greps a missing file
./tidecast broker > "$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q '^bootstrap: ' "$work/broker.log" && break; sleep 1; done
bootstrap=$(sed -n 's/^bootstrap: //p' "$work/broker.log")
[ -n "$bootstrap" ] || { cat "$work/broker.log"; echo "$NAME: the broker did not start"; exit 1; }
echo "$NAME: broker at $bootstrap"
