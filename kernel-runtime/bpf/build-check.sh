#!/bin/sh
# The BPF target in progress (issue 16, README.md): every policy's generated C, the runtime's machine
# (src/prt_machine.c) and the BPF host (host.bpf.c) compile together into one sched_ext BPF object with
# clang-19 -target bpf, -Wall -Werror, and the object has no indirect call (callx), which the kernel's
# verifier refuses. A compile check; run-tests.sh runs the objects on a real kernel.
#
#   kernel-runtime/bpf/build-check.sh [POLICY.policy...]      (default: policies/*.policy)
#
# Uses the trixie chroot and kernel headers of the sched_ext test (kernel-runtime/scx/run-tests.sh makes
# them under $CACHE, default /var/cache/policy-scx; run it first). Needs root (chroot).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${CACHE:-/var/cache/policy-scx}
CHROOT=$CACHE/chroot
KDIR=/usr/src/linux-headers-7.3.4+deb13-amd64
. "$ROOT/kernel-runtime/scripts/lib.sh"

[ "$(id -u)" = 0 ] || { echo "build-check.sh: needs root (chroot)" >&2; exit 1; }
[ -f "$CHROOT/.policy-scx-ready" ] ||
	{ echo "build-check.sh: no chroot in $CHROOT: run kernel-runtime/scx/run-tests.sh first" >&2; exit 1; }
GENERATE=$(generator_command)
[ $# -eq 0 ] && set -- "$ROOT"/policies/*.policy
BUILD=$CHROOT/bpf-check
rm -rf "$BUILD"
mkdir -p "$BUILD"
chroot "$CHROOT" sh -c "bpftool btf dump file $KDIR/vmlinux format c" >"$BUILD/vmlinux.h"
cp "$ROOT"/kernel-runtime/include/*.h "$ROOT"/kernel-runtime/bpf/prt_bpf.h "$ROOT"/kernel-runtime/bpf/host.bpf.c \
	"$ROOT"/kernel-runtime/src/prt_machine.c "$BUILD/"
for policy in "$@"; do
	name=$(basename "$policy" .policy)
	mkdir -p "$BUILD/$name"
	$GENERATE "$policy" --out "$BUILD/$name/gen" >/dev/null || { echo "FAIL $name: generate"; exit 1; }
	cp "$BUILD/$name/gen/$name.c" "$BUILD/$name/policy.c"
	# the runtime's functions are the program's static subprograms (hidden), its maps global; the machine
	# comes first, so that the policy's calls reach the global subprograms it defines (prt_bpf.h)
	cat >"$BUILD/$name/scx_$name.bpf.c" <<EOF
#pragma GCC visibility push(hidden)
#include "prt.h"
#include "prt_machine.c"
#include "policy.c"
#include "host.bpf.c"
#pragma GCC visibility pop

char _license[] SEC("license") = "GPL";

SEC(".struct_ops.link")
struct sched_ext_ops prt_ops = {
	.select_cpu = (void *)host_select_cpu,
	.enqueue = (void *)host_enqueue,
	.dispatch = (void *)host_dispatch,
	.running = (void *)host_running,
	.tick = (void *)host_tick,
	.set_cpumask = (void *)host_set_cpumask,
	.quiescent = (void *)host_quiescent,
	.init_task = (void *)host_init_task,
	.exit_task = (void *)host_exit_task,
	.init = (void *)host_init,
	.exit = (void *)host_exit,
	.name = "scx_$name",
};
EOF
	if ! chroot "$CHROOT" sh -c "cd /bpf-check/$name && clang-19 -O2 -g -target bpf -mcpu=v4 \
		-D__TARGET_ARCH_x86 -DPRT_BPF -I.. -Wall -Werror -Wno-missing-declarations \
		-Wno-unused-function -c scx_$name.bpf.c -o scx_$name.bpf.o" >"$BUILD/$name/build.log" 2>&1; then
		grep -v '^\./vmlinux.h\|vmlinux.h:' "$BUILD/$name/build.log" | head -40
		echo "FAIL $name: the BPF object does not compile"
		exit 1
	fi
	if chroot "$CHROOT" llvm-objdump-19 -d "/bpf-check/$name/scx_$name.bpf.o" | grep callx >/dev/null; then
		echo "FAIL $name: an indirect call (callx) in the BPF object"
		exit 1
	fi
	echo "ok $name: scx_$name.bpf.o ($(wc -c <"$BUILD/$name/scx_$name.bpf.o") bytes)"
done
echo "bpf: every policy compiles with the runtime and the BPF host into one BPF object, no indirect call"
