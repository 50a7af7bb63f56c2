#!/usr/bin/env python3
"""Per-thread CPU of a running JVM (e.g. `tidecast bench pipeline`), split by thread group.

  scripts/thread-cpu.py sample OUT PID     every second, utime+stime of every thread of PID (Linux /proc), until it ends
  scripts/thread-cpu.py split OUT PREFIX N  CPU µs per sample by group over the last job whose operator thread's name
                                            starts with PREFIX ("forecast" or "identity"), from the first to the last
                                            second that thread existed, divided by that job's N samples (keys x samples
                                            per key, warm-up included)

The bench prints the whole JVM's CPU per sample; this says which threads spent it (the operator task, the broker, the
source, the snapshot threads, GC, the JIT), so before/after runs on a shared machine can be compared thread by thread.
"""
import collections
import os
import re
import sys
import time


def sample(out, pid):
    with open(out, 'w') as f:
        while os.path.exists(f'/proc/{pid}'):
            t = time.time()
            try:
                tids = os.listdir(f'/proc/{pid}/task')
            except OSError:
                break
            for tid in tids:
                try:
                    st = open(f'/proc/{pid}/task/{tid}/stat').read()
                except OSError:
                    continue  # ended while listed
                comm = st[st.index('(') + 1:st.rindex(')')]
                fields = st[st.rindex(')') + 2:].split(' ')
                f.write(f"{t:.2f}\t{tid}\t{comm}\t{int(fields[11]) + int(fields[12])}\n")  # utime + stime, in ticks
            f.flush()
            time.sleep(1)


def group(comm, prefix):
    if comm.startswith(prefix): return 'operator task'
    if comm.startswith('Source'): return 'source/decode task'
    if 'CompilerThre' in comm: return 'JIT'
    if comm.startswith(('GC Thread', 'G1 ')): return 'GC'
    if comm.startswith('AsyncOperation'): return 'async snapshot'
    if comm.startswith('kafka-produce'): return 'Kafka producers (sink, load)'
    if comm.startswith(('data-plane', 'kafka-', 'broker', 'quorum', 'controller', 'raft', 'Log', 'log-',
                        'ReplicaFetcher', 'ExpirationReaper', 'transaction')): return 'broker'
    return 'other: ' + re.sub(r'\d+', '#', comm)


def split(path, prefix, n):
    rows = [line.rstrip('\n').split('\t') for line in open(path)]
    seen = collections.defaultdict(list)
    for t, tid, comm, _ in rows:
        if comm.startswith(prefix): seen[tid].append(float(t))
    if not seen: sys.exit(f"no thread named {prefix}* in {path}")
    last = max(min(v) for v in seen.values())
    job = [tid for tid, v in seen.items() if min(v) >= last - 5]
    t0, t1 = min(min(seen[k]) for k in job), max(max(seen[k]) for k in job)
    born, first, latest, comms = {}, {}, {}, {}
    for t, tid, comm, ticks in rows:
        t, ticks = float(t), int(ticks)
        born.setdefault(tid, t)
        if t0 <= t <= t1:
            comms[tid] = comm
            first.setdefault(tid, ticks)
            latest[tid] = ticks
    us = collections.Counter()
    for tid in latest:
        start = 0 if born[tid] >= t0 else first[tid]  # a thread born inside the window counts from 0
        us[group(comms[tid], prefix)] += (latest[tid] - start) * 10_000  # USER_HZ ticks of 10 ms
    total = sum(us.values())
    print(f"{prefix}: window {t1 - t0:.0f} s, {n:,} samples; CPU µs per sample by thread group")
    small = 0
    for k, v in us.most_common():
        if k.startswith('other') and v / n < 0.3:
            small += v
            continue
        print(f"  {v / n:6.2f}  {100 * v / total:5.1f} %  {k}")
    print(f"  {small / n:6.2f}  {100 * small / total:5.1f} %  other threads")
    print(f"  {total / n:6.2f}  total")


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'sample':
        sample(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == 'split':
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
