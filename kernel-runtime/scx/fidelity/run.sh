#!/bin/sh
# One workload for both worlds: fidelity/workload.json (rt-app format) runs
#   1. in the guest, under POLICY loaded through sched_ext, with ftrace on (run-tests.sh, FIDELITY_POLICY);
#   2. in the simulator, from the rt-app file;
#   3. in the simulator, replaying the guest's trace;
#   4. in the simulator, from the rt-app file, with --kick-latency set to what the guest shows (the median
#      latency of its wakeups onto an idle CPU);
#   5. as 4, and with --idle-exit-latency set to the same figure (an idle vCPU waits for its turn);
# and prints the comparison table of docs/fidelity.md (utilisation, migrations, wakeup latency,
# wasted-core time), with the gap of the 4th and 5th columns to the kernel's per metric.
#
#   kernel-runtime/scx/fidelity/run.sh [POLICY]      (default cfs; root, like run-tests.sh)
#
# Environment: OUT (default target/fidelity). The raw figures stay in OUT (kernel.json,
# sim-workload/metrics.json, sim-trace/metrics.json, sim-kick/metrics.json, sim-idle/metrics.json,
# trace.txt).
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
POLICY=${1:-cfs}
OUT=${OUT:-$ROOT/target/fidelity}
HERE=$ROOT/kernel-runtime/scx/fidelity
CPUS=4	# run-tests.sh boots 4 CPUs

FIDELITY_POLICY=$POLICY CYCLES=2 OUT=$OUT "$ROOT/kernel-runtime/scx/run-tests.sh" \
	"$ROOT/policies/$POLICY.policy" >"$OUT.log" 2>&1 || { tail -30 "$OUT.log"; exit 1; }
tr -d '\r' <"$OUT/trace.txt" >"$OUT/trace.ftrace"
python3 "$HERE/trace_metrics.py" "$OUT/trace.ftrace" $CPUS fid_ >"$OUT/kernel.json"
"$ROOT/bin/policy" simulate "$ROOT/policies/$POLICY.policy" -w "$HERE/workload.json" -c $CPUS \
	--no-plots -o "$OUT/sim-workload" >"$OUT/sim-workload.log" 2>&1
"$ROOT/bin/policy" simulate "$ROOT/policies/$POLICY.policy" --trace "$OUT/trace.ftrace" -c $CPUS \
	--skip-bad-lines --no-plots -o "$OUT/sim-trace" >"$OUT/sim-trace.log" 2>&1
# the simulator again, with the kick latency the guest shows: the median latency of wakeups onto an
# idle CPU in the kernel's trace (trace_metrics.py, idle_wakeup_latency_ns)
KICK=$(python3 -c 'import json,sys; print(max(0, json.load(open(sys.argv[1]))["idle_wakeup_latency_ns"]["p50"]))' "$OUT/kernel.json")
"$ROOT/bin/policy" simulate "$ROOT/policies/$POLICY.policy" -w "$HERE/workload.json" -c $CPUS \
	--kick-latency "${KICK}ns" --no-plots -o "$OUT/sim-kick" >"$OUT/sim-kick.log" 2>&1
# and with the same latency for a core that ran nothing to start its thread: in the guest an idle vCPU is
# halted, and waits for the emulator's turn whoever woke it (docs/simulator.md, "Idle exit latency")
"$ROOT/bin/policy" simulate "$ROOT/policies/$POLICY.policy" -w "$HERE/workload.json" -c $CPUS \
	--kick-latency "${KICK}ns" --idle-exit-latency "${KICK}ns" --no-plots -o "$OUT/sim-idle" \
	>"$OUT/sim-idle.log" 2>&1
python3 - "$OUT" "$POLICY" <<'EOF'
import json, sys
out, policy = sys.argv[1], sys.argv[2]
cols = [("kernel (sched_ext, rt-app)", json.load(open(out + "/kernel.json"))),
        ("simulator, rt-app file", json.load(open(out + "/sim-workload/metrics.json"))),
        ("simulator, replayed trace", json.load(open(out + "/sim-trace/metrics.json"))),
        ("simulator, rt-app file, guest's kick latency", json.load(open(out + "/sim-kick/metrics.json"))),
        ("simulator, rt-app file, guest's kick and idle exit latency",
         json.load(open(out + "/sim-idle/metrics.json")))]
# each metric: its name, its value from a metrics file, and how it is printed
rows = [("duration (ms)", lambda m: m["duration_ns"] / 1e6, "%.0f"),
        ("utilisation (mean of 4 CPUs, %)", lambda m: 100 * m["utilisation"]["mean"], "%.1f"),
        ("migrations", lambda m: m["migrations"], "%d"),
        ("wakeups measured", lambda m: m["wakeup_latency_ns"]["count"], "%d"),
        ("wakeup latency mean (us)", lambda m: m["wakeup_latency_ns"]["mean"] / 1e3, "%.0f"),
        ("wakeup latency p50 (us)", lambda m: m["wakeup_latency_ns"]["p50"] / 1e3, "%.0f"),
        ("wakeup latency p99 (us)", lambda m: m["wakeup_latency_ns"]["p99"] / 1e3, "%.0f"),
        ("wasted-core time (ms)", lambda m: m["wasted_core"]["ns"] / 1e6, "%.1f")]
kick = cols[0][1]["idle_wakeup_latency_ns"]
print("Policy `%s`, 4 CPUs. Kick latency of the guest (median wakeup latency onto an idle CPU, %d wakeups): %d us.\n"
      % (policy, kick["count"], kick["p50"] / 1e3))


def gap(sim, kernel):
    """A simulator column's distance from the kernel's, relative to the kernel's."""
    if kernel == 0:
        return "=" if sim == 0 else "n/a (kernel 0)"
    return "%+.0f %%" % (100.0 * (sim - kernel) / kernel)


print("| metric | " + " | ".join(c[0] for c in cols) + " | gap of the 4th column | gap of the 5th column |")
print("|---|" + "---|" * (len(cols) + 2))
for name, value, fmt in rows:
    values = [value(m) for _, m in cols]
    print("| %s | %s | %s | %s |" % (name, " | ".join(fmt % v for v in values), gap(values[-2], values[0]),
                                      gap(values[-1], values[0])))
# the policy's own view in the guest (the module's view.wc_violation_ns, with view_wc=1): the wasted-core
# time the per-core semantics define, beside the simulator's with the guest's kick latency
section = open(out + "/results.txt").read().split("=== fidelity pol_" + policy + "\n", 1)[1].split("\n===", 1)[0]
view = [int(l.split()[1]) / 1e6 for l in section.splitlines() if l.startswith("view.wc_violation_ns ")][0]
kick_only, idle = (c[1]["wasted_core"]["ns"] / 1e6 for c in cols[-2:])
print("| wasted-core time, the policy's view (ms) | %.1f | | | %.1f | %.1f | %s | %s |"
      % (view, kick_only, idle, gap(kick_only, view), gap(idle, view)))
EOF
