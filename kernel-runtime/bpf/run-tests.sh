#!/bin/sh
# The BPF target on a real kernel (issue 16, in progress; README.md): each policy, compiled with the
# runtime's machine and host.bpf.c into one sched_ext BPF object (build-check.sh), schedules Debian's
# 7.3.4 under QEMU.
#
#   kernel-runtime/bpf/run-tests.sh [POLICY.policy...]      (default: policies/*.policy)
#
# Per policy, in one guest (the sched_ext test's cached kernel and trixie chroot: run
# kernel-runtime/scx/run-tests.sh once first; -accel tcg,thread=single, SMP CPUs, default 2: QEMU's
# single-threaded TCG runs the vCPUs in turn, up to 100 ms each, and a BPF lock cannot PAUSE to give
# the holder its turn, so that on 4 vCPUs a CPU waiting for the machine's lock gave up (after 1 s, or
# can_loop's 8M attempts) with cfs and eevdf; README.md):
#   1. `bpftool struct_ops register` (the loader of the generated target is not written yet): the
#      kernel's verifier accepts every program, sched_ext's state is enabled and its ops name is
#      scx_<policy>;
#   2. the workload (kernel-runtime/qemu/workload.c: 6 threads that run, sleep and wake for
#      WORKLOAD_MS, worker 0 pinned to CPU 1 and checking that it runs there) completes under it;
#   3. the scheduler is still enabled after it, and the host's statistics (host_stats in the object's
#      .bss) show threads the policy made current placed or picked;
#   4. unregistered, the state is disabled; then CYCLES more register/unregister cycles under load
#      (each one verifies the object again: about 5 s per policy under TCG).
# Fails on a program the verifier refuses, a state or ops name that is not what it should be, a
# workload that fails, no placement and no pick, sched_ext disabling a scheduler for anything but
# its unregistration (a policy's fault ends it, with the policy's line), and a kernel log with a
# warning, bug, oops, lockdep report or stall (kernel_log_problems, scripts/lib.sh).
#
# Needs root (chroot). Environment: OUT (default target/bpf), CACHE (default /var/cache/policy-scx),
# SMP (default 2), WORKLOAD_MS (default 1500), CYCLES (default 2), QEMU_TIMEOUT (default 1800).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KVER=7.3.4+deb13-amd64
OUT=${OUT:-$ROOT/target/bpf}
CACHE=${CACHE:-/var/cache/policy-scx}
CHROOT=$CACHE/chroot
WORKLOAD_MS=${WORKLOAD_MS:-1500}
CYCLES=${CYCLES:-2}
VMLINUZ=$CACHE/kernel/usr/lib/modules/$KVER/vmlinuz.unsigned
. "$ROOT/kernel-runtime/scripts/lib.sh"

[ $# -eq 0 ] && set -- "$ROOT"/policies/*.policy
[ -f "$VMLINUZ" ] || { echo "run-tests.sh: no kernel in $CACHE: run kernel-runtime/scx/run-tests.sh first" >&2; exit 1; }
mkdir -p "$OUT"
if ! CACHE=$CACHE "$ROOT/kernel-runtime/bpf/build-check.sh" "$@" >"$OUT/build-check.log" 2>&1; then
	tail -40 "$OUT/build-check.log"
	echo "FAIL: the BPF objects do not build (build-check.sh)"
	exit 1
fi
tail -1 "$OUT/build-check.log"
names=""
for policy in "$@"; do
	name=$(basename "$policy" .policy)
	[ -f "$CHROOT/bpf-check/$name/scx_$name.bpf.o" ] || { echo "FAIL $name: no BPF object"; exit 1; }
	names="$names $name"
done

INITRD=$OUT/initramfs
rm -rf "$INITRD"
mkdir -p "$INITRD/bin" "$INITRD/obj" "$INITRD/proc" "$INITRD/sys" "$INITRD/dev" "$INITRD/tmp"
cp /bin/busybox "$INITRD/bin/"
for tool in sh mount cat dmesg poweroff sleep echo grep head tail ls rm kill seq mkdir; do
	ln -s busybox "$INITRD/bin/$tool"
done
chroot_program_to_initrd "$CHROOT" /usr/sbin/bpftool "$INITRD"
gcc -static -O2 -Wall -o "$INITRD/bin/workload" "$ROOT/kernel-runtime/qemu/workload.c"
for name in $names; do
	cp "$CHROOT/bpf-check/$name/scx_$name.bpf.o" "$INITRD/obj/"
done
cat >"$INITRD/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t bpf bpf /sys/fs/bpf
exec 3>/dev/ttyS1
say() { echo "\$*" >&3; }
register() {	# register NAME: the verifier's verdict (its log's end on a refusal), the state, the ops
	mkdir -p /sys/fs/bpf/\$1
	if bpftool struct_ops register /obj/scx_\$1.bpf.o /sys/fs/bpf/\$1 >/tmp/reg.log 2>&1; then
		say "register ok"
	else
		say "REGISTER_FAILED"
		grep -v "^libbpf: \(elf\|sec\|map\|CO-RE\|prog '[a-z_]*': found\)" /tmp/reg.log | tail -40 >&3
	fi
	say "state \$(cat /sys/kernel/sched_ext/state) ops \$(cat /sys/kernel/sched_ext/root/ops 2>/dev/null)"
}
unregister() {
	rm -rf /sys/fs/bpf/\$1
	for i in \$(seq 20); do
		[ "\$(cat /sys/kernel/sched_ext/state)" = disabled ] && break
		sleep 0.1
	done
	say "state_after \$(cat /sys/kernel/sched_ext/state)"
}
for name in$names; do
	say "=== scx_\$name"
	register \$name
	workload 6 $WORKLOAD_MS 1 >&3	# worker 0 pinned to CPU 1
	say "workload_status \$?"
	say "state_after_workload \$(cat /sys/kernel/sched_ext/state)"
	id=\$(bpftool map show | grep "name scx_.*bss" | tail -1 | sed 's/:.*//')
	bpftool map dump id \$id | grep -A10 host_stats | tr -d '",{}' | grep ':' | sed 's/^ */stat /' >&3
	unregister \$name
	for c in \$(seq $CYCLES); do	# register and unregister under load
		workload 4 800 >/dev/null &
		register \$name
		sleep 0.3
		unregister \$name
		wait
	done
done
say "=== kernel log"
dmesg | grep "sched_ext" >&3
say "=== done"
poweroff -f
INIT
chmod +x "$INITRD/init"
SMP=${SMP:-2} boot_qemu "$INITRD" "${QEMU_TIMEOUT:-1800}" -m 2G

# the verdicts, per policy
R=$OUT/results.txt
fail=0
for name in $names; do
	section=$(sed -n "/^=== scx_$name\$/,/^=== /p" "$R")
	problems=""
	echo "$section" | grep '^register ok' >/dev/null || problems="$problems verifier/register;"
	echo "$section" | grep "^state enabled ops scx_$name\$" >/dev/null || problems="$problems not enabled as scx_$name;"
	echo "$section" | grep '^workload_status 0' >/dev/null || problems="$problems workload;"
	echo "$section" | grep '^pinned 1 samples [1-9][0-9]* elsewhere 0$' >/dev/null ||
		problems="$problems the pinned worker off CPU 1;"
	echo "$section" | grep '^state_after_workload enabled' >/dev/null ||
		problems="$problems not enabled after the workload;"
	placed=$(echo "$section" | sed -n 's/^stat placed: *//p' | head -1)
	picked=$(echo "$section" | sed -n 's/^stat picked: *//p' | head -1)
	[ "${placed:-0}" -gt 0 ] || [ "${picked:-0}" -gt 0 ] || problems="$problems no placement or pick;"
	enabled=$(echo "$section" | grep -c "^state enabled ops scx_$name\$" || true)
	[ "$enabled" -eq $((CYCLES + 1)) ] || problems="$problems enabled $enabled of $((CYCLES + 1)) times;"
	disabled=$(echo "$section" | grep -c '^state_after disabled' || true)
	[ "$disabled" -eq $((CYCLES + 1)) ] || problems="$problems disabled $disabled of $((CYCLES + 1)) times;"
	if [ -n "$problems" ]; then
		echo "FAIL scx_$name:$problems"
		echo "$section" | grep -v '^stat ' | head -16
		fail=1
	else
		echo "ok scx_$name: verified, enabled, workload done (placed $placed, picked $picked), $CYCLES more cycles"
	fi
done
log=$(sed -n '/^=== kernel log$/,/^=== done$/p' "$R")
echo "$log" | grep '^=== done' >/dev/null || { echo "FAIL: the guest did not finish (QEMU_TIMEOUT?)"; fail=1; }
bad=$(echo "$log" | grep -v '^===\|enabled$\|disabled (unregistered from user space)$' || true)
if [ -n "$bad" ]; then
	echo "FAIL: sched_ext ended a scheduler:"
	echo "$bad" | head -40
	fail=1
fi
if kernel_log_problems "$OUT/console.log"; then
	echo "FAIL: the kernel log has a warning, a bug, an oops, a lockdep report or a stall"
	fail=1
fi
[ $fail -eq 0 ] && echo "bpf: every policy verified, attached as scx_<policy>, ran the workload and detached"
exit $fail
