#!/bin/sh
# Generates, builds (W=1, warnings are errors) and checkpatches the kernel module of every policy.
#
#   kernel-runtime/scripts/build-all.sh [POLICY.policy...]     (default: policies/*.policy)
#
# Needs: java + maven (to build the generator), linux-headers-6.12.117+deb12-amd64, and
# scripts/checkpatch.pl from linux-source-6.12 (installed from apt when missing; run as root).
# Environment: KDIR (kernel headers), OUT (build folder, default target/kmod), CHECKPATCH.
# Exit status 0 only when every policy generated, built with no warning and passed checkpatch.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KVER=${KVER:-6.12.117+deb12-amd64}
KDIR=${KDIR:-/usr/src/linux-headers-$KVER}
OUT=${OUT:-$ROOT/target/kmod}
. "$ROOT/kernel-runtime/scripts/lib.sh"

need_headers "$KDIR"
CHECKPATCH=${CHECKPATCH:-$(checkpatch_path)}
GENERATE=$(generator_command)

if [ $# -eq 0 ]; then
	set -- "$ROOT"/policies/*.policy
fi
failed=0
for policy in "$@"; do
	name=$(basename "$policy" .policy)
	dir=$OUT/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! $GENERATE "$policy" --out "$dir" >/dev/null; then
		echo "FAIL $name: generate"; failed=1; continue
	fi
	if ! make -s -C "$KDIR" M="$dir" W=1 modules >"$dir/build.log" 2>&1; then
		cat "$dir/build.log"; echo "FAIL $name: build"; failed=1; continue
	fi
	if grep -q "warning:" "$dir/build.log"; then
		cat "$dir/build.log"; echo "FAIL $name: compiler warnings"; failed=1; continue
	fi
	bad=0
	for f in "$dir/$name.c" "$dir"/prt_*.c "$dir"/prt*.h "$dir"/bridge.c "$dir"/bridge.bpf.c; do
		if ! perl "$CHECKPATCH" --no-tree -q -f "$f" >"$f.checkpatch" 2>&1 ||
			grep -Eq "^(WARNING|ERROR|CHECK)" "$f.checkpatch"; then
			cat "$f.checkpatch"; bad=1
		fi
	done
	if [ $bad -ne 0 ]; then
		echo "FAIL $name: checkpatch"; failed=1; continue
	fi
	echo "ok   $name: $dir/pol_$name.ko (W=1 clean, checkpatch 0 errors 0 warnings)"
done
exit $failed
