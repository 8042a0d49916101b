#!/bin/sh
# The sched_ext host's cost per callback and per balance, measured on its own code built in
# userspace (user/prt_scx_bench.c says what it plays and how it times):
#
#   kernel-runtime/scripts/bench-host.sh [POLICY [CPUS [STEPS]]]
#
# POLICY: a library name (cfs) or a .policy file; default cfs_cwc. CPUS: default 64. 16 tasks per
# CPU; STEPS kernel events (ticks, blocks, wakeups; default 300000). gcc -O2. Prints one line:
#   host NAME cpus=N callback_p50_ns=.. callback_p99_ns=.. balance_p50_ns=.. balance_max_ns=..
# A benchmark, not a test: the figures depend on the machine and its load.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/kernel-runtime/scripts/lib.sh"
POLICY=${1:-cfs_cwc}
case "$POLICY" in
*.policy) ;;
*) POLICY=$ROOT/policies/$POLICY.policy ;;
esac
[ -f "$POLICY" ] || { echo "bench-host.sh: no policy file $POLICY" >&2; exit 2; }
name=$(basename "$POLICY" .policy)
dir=${OUT:-$ROOT/target/bench-host}/$name
rm -rf "$dir"
mkdir -p "$dir"
$(generator_command) "$POLICY" --out "$dir" >/dev/null
# the runtime and host as they are in this tree, not the copies the generator packs
find "$dir" -type f ! -name "$name.c" -delete
RT=$ROOT/kernel-runtime
gcc -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter -Wno-unused-function -Wno-sign-compare -Wno-unused-but-set-variable \
	-I"$RT/include" -I"$RT/user" -I"$RT/scx" \
	-o "$dir/bench-host" "$dir/$name.c" "$RT/src/prt_machine.c" "$RT/user/prt_scx_bench.c"
"$dir/bench-host" "${2:-64}" 16 "${3:-300000}"
