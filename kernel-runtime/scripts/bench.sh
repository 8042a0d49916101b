#!/bin/sh
# Nanoseconds per event (schedule, tick, unblock, balance) of a policy's generated C in the
# userspace host, on a loaded machine:
#
#   kernel-runtime/scripts/bench.sh [POLICY.policy [CORES [THREADS [SAMPLES]]]]
#
# Defaults: policies/cfs_cwc.policy, 64 cores, 1000 threads, 200000 samples. gcc -O2.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/kernel-runtime/scripts/lib.sh"
POLICY=${1:-$ROOT/policies/cfs_cwc.policy}
name=$(basename "$POLICY" .policy)
dir=${OUT:-$ROOT/target/bench}/$name
rm -rf "$dir"
mkdir -p "$dir"
$(generator_command) "$POLICY" --out "$dir" >/dev/null
RT=$ROOT/kernel-runtime
gcc -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter -I"$RT/include" -I"$RT/user" \
	-o "$dir/bench" "$dir/$name.c" "$RT/src/prt_machine.c" "$RT/user/prt_bench.c"
"$dir/bench" "${2:-64}" "${3:-1000}" "${4:-200000}"
