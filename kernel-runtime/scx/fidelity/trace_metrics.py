#!/usr/bin/env python3
"""Metrics of a real kernel run, from its ftrace text, defined as the simulator defines them
(docs/metrics.md) so that the two columns of docs/fidelity.md compare like with like.

    trace_metrics.py TRACE CPUS PREFIX      prints JSON

Only threads whose comm starts with PREFIX (the rt-app tasks) count for migrations, wakeup latency
and wasted-core time; utilisation counts every non-idle task, as a busy core is busy whatever runs.
The window is from the first to the last event of a PREFIX thread.

Wasted-core time: the time during which some CPU runs nothing while another CPU has two or more
runnable PREFIX threads (running or waiting there; a waiting thread is counted on the CPU its
wakeup or migration names), the simulator's predicate restricted to the workload's threads.

Idle-wakeup latency (idle_wakeup_latency_ns): the wakeup latency of the wakeups whose target CPU ran
nothing when they were woken, from the wakeup to that CPU switching to the thread: what the kernel
takes to carry out a decision for an idle CPU (the kick, its IPI, the CPU's reschedule). It is the
kernel's counterpart of the simulator's --kick-latency (fidelity/run.sh passes its median).
"""
import json
import re
import sys

LINE = re.compile(r"^\s*(.+?)-(\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(\d+)\]\s+(?:\S{4,6}\s+)?(\d+\.\d+):\s+(\w+):\s*(.*)$")
SWITCH = re.compile(r"prev_comm=(.*?) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)")
WAKE = re.compile(r"comm=(.*?) pid=(\d+) prio=\d+ target_cpu=(\d+)")
MIGRATE = re.compile(r"comm=(.*?) pid=(\d+) prio=\d+ orig_cpu=(\d+) dest_cpu=(\d+)")


def main(path, cpus, prefix):
    cpus = int(cpus)
    ours = set()
    running = [0] * cpus          # pid on each cpu, 0 idle
    busy_since = [None] * cpus
    busy = [0.0] * cpus
    last_cpu = {}
    woken = {}                    # pid -> wakeup time
    where = {}                    # runnable pid -> cpu it counts on
    count = [0] * cpus
    lat = []
    idle_lat = []
    idle_woken = {}               # pid -> wakeup time, when its target CPU was idle
    migrations = 0
    wasted = 0.0
    wasted_since = None
    start = end = None

    def wc_update(t):
        nonlocal wasted, wasted_since
        bad = any(running[c] == 0 for c in range(cpus)) and any(n >= 2 for n in count)
        if bad and wasted_since is None:
            wasted_since = t
        elif not bad and wasted_since is not None:
            wasted += t - wasted_since
            wasted_since = None

    def runnable(pid, cpu, t):
        if pid in where:
            count[where[pid]] -= 1
        if cpu is None:
            where.pop(pid, None)
        else:
            where[pid] = cpu
            count[cpu] += 1

    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            cpu, t, event, args = int(m.group(3)), float(m.group(4)), m.group(5), m.group(6)
            if cpu >= cpus:
                continue
            if event == "sched_switch":
                s = SWITCH.search(args)
                if not s:
                    continue
                pprev, pstate, ncomm, pnext = int(s.group(2)), s.group(3), s.group(4), int(s.group(5))
                if s.group(1).startswith(prefix):
                    ours.add(pprev)
                if ncomm.startswith(prefix):
                    ours.add(pnext)
                if start is None and (pprev in ours or pnext in ours):
                    start = t
                if busy_since[cpu] is not None and start is not None:
                    busy[cpu] += t - max(busy_since[cpu], start)
                busy_since[cpu] = t if pnext != 0 else None
                running[cpu] = pnext
                if pprev in ours:
                    end = t
                    runnable(pprev, cpu if pstate in ("R", "R+") else None, t)
                if pnext in ours:
                    end = t
                    if pnext in last_cpu and last_cpu[pnext] != cpu:
                        migrations += 1
                    last_cpu[pnext] = cpu
                    if pnext in woken:
                        lat.append(t - woken.pop(pnext))
                    if pnext in idle_woken:
                        woken_at, target = idle_woken.pop(pnext)
                        if target == cpu:
                            idle_lat.append(t - woken_at)
                    runnable(pnext, cpu, t)
                wc_update(t)
            elif event in ("sched_wakeup", "sched_wakeup_new"):
                w = WAKE.search(args)
                if not w or not w.group(1).startswith(prefix):
                    continue
                pid, target = int(w.group(2)), int(w.group(3))
                ours.add(pid)
                if event == "sched_wakeup":
                    woken[pid] = t
                    if target < cpus and running[target] == 0:
                        idle_woken[pid] = (t, target)
                if target < cpus:
                    runnable(pid, target, t)
                wc_update(t)
            elif event == "sched_migrate_task":
                g = MIGRATE.search(args)
                if g and int(g.group(2)) in where and int(g.group(4)) < cpus:
                    runnable(int(g.group(2)), int(g.group(4)), t)
                    wc_update(t)
    if start is None:
        sys.exit("trace_metrics: no event of a %s thread in %s" % (prefix, path))
    for c in range(cpus):
        if busy_since[c] is not None and busy_since[c] < end:
            busy[c] += end - max(busy_since[c], start)
    if wasted_since is not None:
        wasted += end - wasted_since
    span = end - start
    lat.sort()
    idle_lat.sort()
    pct = lambda p, v=lat: v[max(0, -(-p * len(v) // 100) - 1)] if v else -1
    print(json.dumps({
        "duration_ns": int(span * 1e9),
        "utilisation": {"mean": sum(busy) / cpus / span, "per_core": [b / span for b in busy]},
        "migrations": migrations,
        "wakeup_latency_ns": {"count": len(lat), "mean": int(sum(lat) / len(lat) * 1e9) if lat else -1,
                              "p50": int(pct(50) * 1e9), "p95": int(pct(95) * 1e9), "p99": int(pct(99) * 1e9)},
        "idle_wakeup_latency_ns": {"count": len(idle_lat), "p50": int(pct(50, idle_lat) * 1e9)},
        "wasted_core": {"ns": int(wasted * 1e9), "fraction": wasted / span},
        "threads": len(ours),
    }, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: trace_metrics.py TRACE CPUS PREFIX")
    main(*sys.argv[1:])
