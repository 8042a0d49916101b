#!/bin/sh
# Real scheduling test: every library policy schedules Debian's sched_ext kernel (7.3.4+deb13) under
# QEMU through the sched_ext bridge (prt_scx.c + bridge.bpf.c + bridge).
#
#   kernel-runtime/scx/run-tests.sh [POLICY.policy...]      (default: policies/*.policy)
#
# What it does:
#   1. a trixie chroot (debootstrap, cached in $CACHE/chroot) with the kernel's headers, gcc, make,
#      dwarves (module BTF), clang-19, libbpf-dev, bpftool — Debian 13 hosts need it too, to keep one
#      path (the chroot is made once);
#   2. the kernel image (linux-binary-unsigned-$KVER from trixie-backports, private apt state in $CACHE;
#      the mirror is the one in this machine's apt sources);
#   3. each policy: `policy generate`, then `make PRT_HOST=scx` (the generated Kbuild links the scx
#      host prt_scx.o instead of prt_monitor.o; the generated C is the same), W=1 with no warning;
#      the bridge (BPF object, skeleton, loader) is built once by the first policy's generated
#      Makefile (`make bridge`), as docs/sched_ext.md tells users to;
#   4. boots the kernel (-accel tcg,thread=single, 4 CPUs) with a busybox initramfs; in the guest, per
#      policy: insmod, bridge POLICY, checks /sys/kernel/sched_ext/state and root/ops, runs a workload
#      whose worker 0 pins itself to CPU 2 and checks with sched_getcpu() after every step that it
#      runs there, beside a spinner whose affinity the script changes with `taskset -p` every 0.1 s
#      (it checks its CPU against its affinity: still outside it 50 ms after a change is an error, 50 ms
#      per 4 vCPUs on a larger guest: SPIN_OUTSIDE_MS),
#      reads the module's stats, stops the bridge (state back to disabled), rmmod (retried: RCU holds
#      the module ~1 s); then, with group_fair, groups: cgroups a and b under the cgroup v2 root with
#      the cpu controller, cpu.weight 100 and 300, a shell moved into each forks a CPU-bound worker
#      there (workload burn GROUP_MS), both pinned to CPU 1; the cgroups' cpu.stat usage_usec over
#      GROUP_WINDOW seconds, the module's stats (the two groups with their weights, the shells'
#      moves), then b's weight set to 200 (its worker keeps 300); then 20 attach/detach cycles under
#      load; then CPU 1 taken offline and brought back under load, each change ending the scheduler
#      for a restart that the loader (bridge) carries out, with a view of the CPUs then online; then
#      1,500 short tasks under a pid_max that leaves 150 pids free, so that pids wrap again and again
#      (new tasks take the pids of tasks that just exited; the host names tasks by pid and start time);
#      then a policy module that can only hold 8 threads, so that tasks are refused and run from the
#      global DSQ;
#   5. fails on a WARN/BUG/oops/watchdog line in the kernel log, on a state or ops name that is not
#      what it should be, on a policy whose handlers made no placement or pick, on any fallback but
#      the counted races (fallback.not_allowed at most one per affinity change), on a pinned worker
#      seen off CPU 2 or a spinner seen outside its affinity, on a refusal for affinity (there is
#      none any more), when no per-CPU kernel thread was placed and no restricted thread picked by
#      the policy, or when the affinity changes did not reach it; with group_fair, when b's CPU time
#      is not GROUP_RATIO_MIN..GROUP_RATIO_MAX hundredths of a's (cpu.weight 300 : 100), when the
#      stats do not show each worker in its group with its weight (`group ID weight W threads 1`,
#      ID the cgroup directory's inode number), the shells' moves, and the weight change kept.
#
# Needs root (debootstrap, chroot, apt). Environment: OUT (default target/scx), CACHE (default
# /var/cache/policy-scx), SCX_BUILD (the build folder's name inside the chroot, default build: runs that
# may overlap need their own), WORKLOAD_MS (default 1500), CYCLES (default 20), SMP (the guest's CPUs,
# default 4), LOAD_CYCLES (per policy, that many more insmod/attach/detach/rmmod cycles under load,
# default 0), KDEBUG=1 (the kernel's memory checkers on: slab_debug=FZPU kfence.sample_interval=1
# init_on_free=1; any report fails the test), QEMU_TIMEOUT (default 900),
# GROUP_MS (an upper bound, default 60000: the workers are killed once the stats are read), GROUP_WINDOW (seconds, default 3), GROUP_RATIO_MIN/MAX (default 270/330).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KVER=7.3.4+deb13-amd64
OUT=${OUT:-$ROOT/target/scx}
CACHE=${CACHE:-/var/cache/policy-scx}
WORKLOAD_MS=${WORKLOAD_MS:-1500}
GROUP_MS=${GROUP_MS:-60000}	# an upper bound: the test kills the workers once it has read the stats
GROUP_WINDOW=${GROUP_WINDOW:-3}
# b's CPU time in hundredths of a's: 300 by cpu.weight. Measured here (5 runs, one beside other QEMU
# guests on the 2 host cores): 295..302, off 300 by the policy's lag (a slice of 4 ms plus a tick of
# vruntime) and the few other tasks on CPU 1. +-10% keeps a margin of 5 times that and still fails
# groups not passed (measured 99: both in the root group) or a weight off by more than a tenth.
GROUP_RATIO_MIN=${GROUP_RATIO_MIN:-270}
GROUP_RATIO_MAX=${GROUP_RATIO_MAX:-330}
CYCLES=${CYCLES:-20}
SMP=${SMP:-4}	# the guest's CPUs (e.g. 80: more than 64)
# How long the spinner may stay outside a new affinity before it is an error: the kernel's stopper must get
# the old CPU's turn, and single-threaded TCG runs every vCPU in turn on one host thread, so a turn takes
# about SMP/4 times longer than on the 4-vCPU guest the 50 ms were set for. At 80 vCPUs, 50 ms failed once
# in a CI run (one sample, with the bridge's own guard counting one pick outside the mask).
SPIN_OUTSIDE_MS=${SPIN_OUTSIDE_MS:-$((SMP > 4 ? 50 * SMP / 4 : 50))}
LOAD_CYCLES=${LOAD_CYCLES:-0}	# per policy, more load/attach/detach/unload cycles under load
CHROOT=$CACHE/chroot
FIDELITY_POLICY=${FIDELITY_POLICY:-}	# set by fidelity/run.sh: an rt-app run with ftrace first
. "$ROOT/kernel-runtime/scripts/lib.sh"

[ "$(id -u)" = 0 ] || { echo "run-tests.sh: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || apt_install qemu-system-x86
command -v debootstrap >/dev/null || apt_install debootstrap
busybox_has insmod || apt_install busybox-static
command -v cpio >/dev/null || apt_install cpio
mkdir -p "$OUT" "$CACHE"
OUT=$(cd "$OUT" && pwd)	# absolute: the initramfs is packed from inside it

# The Debian mirror this machine already uses (deb822 or one-line sources); never written to a file
# of the repository.
mirror() {
	for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		m=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p; s/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}\([^[:space:]]*\).*/\2/p' "$f" |
			grep -v -e security -e -updates | sed -n 1p)
		[ -n "$m" ] && { echo "$m"; return; }
	done
	echo "run-tests.sh: no Debian mirror found in /etc/apt/sources*" >&2
	exit 1
}

# 1. the trixie build chroot
PACKAGES="linux-headers-$KVER make gcc libc6-dev dwarves clang-19 llvm-19 libbpf-dev bpftool pkgconf rt-app"
if [ -f "$CHROOT/.policy-scx-ready" ] && [ "$(cat "$CHROOT/.policy-scx-ready")" != "$PACKAGES" ]; then
	chroot "$CHROOT" sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES" \
		>"$CACHE/chroot-install.log" 2>&1
	echo "$PACKAGES" >"$CHROOT/.policy-scx-ready"
fi
if [ ! -f "$CHROOT/.policy-scx-ready" ]; then
	MIRROR=$(mirror)
	rm -rf "$CHROOT.tmp"
	echo "scx: debootstrap trixie (a few minutes, once)"
	debootstrap --variant=minbase --include=ca-certificates trixie "$CHROOT.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1
	printf 'deb %s trixie main\ndeb %s trixie-backports main\n' "$MIRROR" "$MIRROR" >"$CHROOT.tmp/etc/apt/sources.list"
	chroot "$CHROOT.tmp" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $PACKAGES" >"$CACHE/chroot-install.log" 2>&1
	echo "$PACKAGES" >"$CHROOT.tmp/.policy-scx-ready"
	rm -rf "$CHROOT"
	mv "$CHROOT.tmp" "$CHROOT"
fi
if ! mountpoint -q "$CHROOT/proc"; then	# objtool reads /proc; left to whoever mounted it
	mount -t proc proc "$CHROOT/proc"
	trap 'umount "$CHROOT/proc" 2>/dev/null || true' EXIT
fi
KDIR=/usr/src/linux-headers-$KVER

# 2. the kernel image, unpacked without installing it
VMLINUZ=$CACHE/kernel/usr/lib/modules/$KVER/vmlinuz.unsigned
if [ ! -f "$VMLINUZ" ]; then
	MIRROR=$(mirror)
	mkdir -p "$CACHE/apt/lists/partial" "$CACHE/debs"
	printf 'deb %s trixie main\ndeb %s trixie-backports main\n' "$MIRROR" "$MIRROR" >"$CACHE/apt/sources.list"
	APTO="-o Dir::Etc::SourceList=$CACHE/apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$CACHE/apt/lists"
	# shellcheck disable=SC2086
	apt-get $APTO update -q >/dev/null
	# shellcheck disable=SC2086
	(cd "$CACHE/debs" && apt-get $APTO download -q "linux-binary-unsigned-$KVER" >/dev/null 2>&1)
	dpkg -x "$CACHE"/debs/linux-binary-unsigned-"$KVER"_*.deb "$CACHE/kernel"
fi

# 3. the modules (scx host) and the bridge, built in the chroot
GENERATE=$(generator_command)
[ $# -eq 0 ] && set -- "$ROOT"/policies/*.policy
SCX_BUILD=${SCX_BUILD:-build}
BUILD=$CHROOT/$SCX_BUILD
rm -rf "$BUILD"
mkdir -p "$BUILD"
names=""
for policy in "$@"; do
	name=$(basename "$policy" .policy)
	dir=$BUILD/$name
	mkdir -p "$dir"
	$GENERATE "$policy" --out "$dir" >/dev/null || { echo "FAIL $name: generate"; exit 1; }
	if ! chroot "$CHROOT" make -s -C "/$SCX_BUILD/$name" KDIR="$KDIR" PRT_HOST=scx W=1 >"$dir/build.log" 2>&1 ||
		grep -q "warning:" "$dir/build.log"; then
		cat "$dir/build.log"; echo "FAIL $name: build"; exit 1
	fi
	names="$names $name"
done
first=$(echo $names | cut -d' ' -f1)
# the headers' BTF-only vmlinux: the chroot does not run the target kernel
chroot "$CHROOT" make -C "/$SCX_BUILD/$first" bridge VMLINUX_BTF="$KDIR/vmlinux" CLANG=clang-19 CC=gcc \
	CFLAGS="-O2 -Wall -Werror" >"$BUILD/bridge.log" 2>&1 ||
	{ cat "$BUILD/bridge.log"; echo "FAIL bridge: build"; exit 1; }

# 4. the initramfs: busybox, the bridge with its libraries and loader, the workload, the modules
INITRD=$OUT/initramfs
rm -rf "$INITRD"
mkdir -p "$INITRD/bin" "$INITRD/modules" "$INITRD/proc" "$INITRD/sys" "$INITRD/dev" "$INITRD/tmp" \
	"$INITRD/lib64" "$INITRD/lib/x86_64-linux-gnu"
cp /bin/busybox "$INITRD/bin/"
for tool in sh mount insmod rmmod cat dmesg poweroff sleep echo grep head basename ls kill seq taskset \
	mkdir stat sed; do
	ln -s busybox "$INITRD/bin/$tool"
done
chroot_program_to_initrd "$CHROOT" "/$SCX_BUILD/$first/bridge" "$INITRD"
chroot_program_to_initrd "$CHROOT" /usr/bin/rt-app "$INITRD"
cp "$ROOT/kernel-runtime/scx/fidelity/workload.json" "$INITRD/fidelity.json"
cp -L "$CHROOT/lib/x86_64-linux-gnu/libgcc_s.so.1" "$INITRD/lib/x86_64-linux-gnu/"	# dlopened by pthread_exit
gcc -static -O2 -Wall -o "$INITRD/bin/workload" "$ROOT/kernel-runtime/qemu/workload.c"
for name in $names; do
	cp "$BUILD/$name/pol_$name.ko" "$INITRD/modules/"
done
cat >"$INITRD/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
exec 3>/dev/ttyS1
say() { echo "\$*" >&3; }
wait_enabled() {	# up to 5 s for sched_ext's state to be enabled
	for i in \$(seq 50); do
		[ "\$(cat /sys/kernel/sched_ext/state)" = enabled ] && break
		sleep 0.1
	done
}
attach() {	# attach NAME: the bridge in the background, waits for state enabled
	bridge \$1 >/tmp/bridge.log 2>&1 &
	bpid=\$!
	wait_enabled
	say "state \$(cat /sys/kernel/sched_ext/state)"
	say "ops \$(cat /sys/kernel/sched_ext/root/ops 2>/dev/null)"
}
detach() {
	kill -INT \$bpid
	wait \$bpid
	say "bridge_status \$?"
	cat /tmp/bridge.log >&3
	sleep 0.2
	say "state_after \$(cat /sys/kernel/sched_ext/state)"
}
unload() {	# the BPF programs hold the module for about a second (RCU)
	for i in \$(seq 30); do
		rmmod \$1 2>/dev/null && { say "rmmod ok"; return; }
		sleep 0.2
	done
	say "RMMOD_FAILED \$1"
}
if [ -n "$FIDELITY_POLICY" ]; then	# one rt-app run under the policy, with ftrace, to ttyS2
	say "=== fidelity pol_$FIDELITY_POLICY"
	insmod /modules/pol_$FIDELITY_POLICY.ko view_wc=1
	attach $FIDELITY_POLICY
	mount -t tracefs tracefs /sys/kernel/tracing
	echo 16384 >/sys/kernel/tracing/buffer_size_kb
	for e in sched_switch sched_wakeup sched_wakeup_new sched_migrate_task sched_process_fork sched_process_exit; do
		echo 1 >/sys/kernel/tracing/events/sched/\$e/enable
	done
	echo 1 >/sys/kernel/tracing/tracing_on
	rt-app /fidelity.json >/tmp/rt-app.log 2>&1
	say "rt-app_status \$?"
	grep -v notice /tmp/rt-app.log | grep . | tail -6 >&3
	echo 0 >/sys/kernel/tracing/tracing_on
	cat /sys/kernel/tracing/trace >/dev/ttyS2
	cat /sys/kernel/tracing/per_cpu/cpu*/stats | grep overrun >&3
	cat /sys/kernel/debug/pol_$FIDELITY_POLICY/stats >&3
	detach
	unload pol_$FIDELITY_POLICY
fi
for name in$names; do
	say "=== pol_\$name"
	if insmod /modules/pol_\$name.ko; then
		attach \$name
		workload spin $WORKLOAD_MS $SPIN_OUTSIDE_MS >&3 &
		spid=\$!
		workload 6 $WORKLOAD_MS 2 >&3 &	# worker 0 pinned to CPU 2
		wpid=\$!
		n=0
		for m in 1 2 4 8 5 a f 3 c; do	# the spinner's affinity, changed as it runs
			sleep 0.1
			taskset -p \$m \$spid >/dev/null 2>&1 && n=\$((n + 1))
		done
		say "taskset_changes \$n"
		wait \$spid
		wait \$wpid
		cat /sys/kernel/debug/pol_\$name/stats >&3
		detach
		unload pol_\$name
		for c in \$(seq $LOAD_CYCLES); do	# load, attach, detach, unload under load
			workload 4 800 >/dev/null &
			insmod /modules/pol_\$name.ko || say "INSMOD_FAILED pol_\$name cycle \$c"
			attach \$name
			sleep 0.3
			detach
			unload pol_\$name
			wait
		done
	else
		say "INSMOD_FAILED pol_\$name"
	fi
done
if [ -f /modules/pol_group_fair.ko ]; then	# groups: two cgroups of cpu.weight 100 and 300
	say "=== groups pol_group_fair"
	cg=/sys/fs/cgroup
	mount -t cgroup2 cgroup2 \$cg
	echo +cpu >\$cg/cgroup.subtree_control
	say "subtree_control \$(cat \$cg/cgroup.subtree_control)"
	mkdir \$cg/a \$cg/b
	echo 100 >\$cg/a/cpu.weight
	echo 300 >\$cg/b/cpu.weight
	say "cgroups \$(stat -c %i \$cg/a) \$(stat -c %i \$cg/b) weights \$(cat \$cg/a/cpu.weight) \$(cat \$cg/b/cpu.weight)"
	insmod /modules/pol_group_fair.ko
	attach group_fair
	gpids=""
	for g in a b; do	# a shell moves itself into the cgroup, then forks the worker there
		sh -c "echo \\\$\\\$ >\$cg/\$g/cgroup.procs; taskset -c 1 workload burn $GROUP_MS; true" &
		gpids="\$gpids \$!"
	done
	usage() { sed -n 's/^usage_usec //p' \$cg/\$1/cpu.stat; }
	sleep 0.5
	a0=\$(usage a); b0=\$(usage b)
	sleep $GROUP_WINDOW
	a1=\$(usage a); b1=\$(usage b)
	say "usage_usec a \$((a1 - a0)) b \$((b1 - b0))"
	cat /sys/kernel/debug/pol_group_fair/stats >&3
	echo 200 >\$cg/b/cpu.weight	# the worker keeps the weight it was created with
	say "=== groups_after pol_group_fair"
	grep -e '^groups\.' -e '^group ' /sys/kernel/debug/pol_group_fair/stats >&3
	# the workers burn until killed here, however slow the guest is (each was forked in its cgroup,
	# so that it is created there: a task moved after its creation keeps the root group)
	kill \$(cat \$cg/a/cgroup.procs \$cg/b/cgroup.procs) 2>/dev/null || true
	wait \$gpids || true
	detach
	unload pol_group_fair
fi
say "=== cycles pol_$first"
insmod /modules/pol_$first.ko
workload 4 $((CYCLES * 800)) &	# lasts about as long as the cycles; waited for, so that none
wpid=\$!			# of its children outlives the test (poweroff offlines CPUs)
for c in \$(seq $CYCLES); do
	attach $first
	sleep 0.3
	detach
done
wait \$wpid
cat /sys/kernel/debug/pol_$first/stats >&3
unload pol_$first
say "=== hotplug pol_$first"	# a CPU offline and back: the loader attaches again each time
insmod /modules/pol_$first.ko
attach $first
workload 4 $WORKLOAD_MS >/dev/null &
wpid=\$!
enabled() {	# waits for the restarted scheduler, says its state and the view's cores
	sleep 0.5
	wait_enabled
	say "state_\$1 \$(cat /sys/kernel/sched_ext/state)"
	say "ops_\$1 \$(cat /sys/kernel/sched_ext/root/ops 2>/dev/null)"
	say "cores_\$1 \$(sed -n 's/^view.cores //p' /sys/kernel/debug/pol_$first/stats)"
}
enabled before
echo 0 >/sys/devices/system/cpu/cpu1/online
say "offline_status \$?"
enabled offline
echo 1 >/sys/devices/system/cpu/cpu1/online
say "online_status \$?"
enabled online
wait \$wpid
detach
unload pol_$first
say "=== pidwrap pol_$first"	# pids wrap again and again: new tasks take the pids of tasks just gone
insmod /modules/pol_$first.ko
attach $first
old_max=\$(cat /proc/sys/kernel/pid_max)
# the least pid_max (from 450, by 100) that leaves 150 pids free in [300, pid_max): new pids wrap
# back to 300 (RESERVED_PIDS) and skip those in use; tasks holding higher pids keep them
used=\$(for d in /proc/[0-9]*; do echo \${d#/proc/}; done)
max=450
while :; do
	n=0
	for u in \$used; do
		[ \$u -ge 300 ] && [ \$u -lt \$max ] && n=\$((n + 1))
	done
	[ \$((max - 300 - n)) -ge 150 ] && break
	max=\$((max + 100))
done
echo \$max >/proc/sys/kernel/pid_max
say "pid_max \$(cat /proc/sys/kernel/pid_max)"
forks=0 wraps=0 prev=0
for b in \$(seq 75); do
	batch=
	for i in \$(seq 20); do
		true &
		[ \$! -lt \$prev ] && wraps=\$((wraps + 1))
		prev=\$!
		batch="\$batch \$!"
		forks=\$((forks + 1))
	done
	wait \$batch
done
say "forks \$forks"
say "wraps \$wraps"
say "state_during \$(cat /sys/kernel/sched_ext/state)"
cat /sys/kernel/debug/pol_$first/stats >&3
detach
echo \$old_max >/proc/sys/kernel/pid_max
unload pol_$first
say "=== refuse pol_$first"
insmod /modules/pol_$first.ko max_threads=8
attach $first
workload 6 $WORKLOAD_MS
say "alive \$(cat /proc/loadavg)"
cat /sys/kernel/debug/pol_$first/stats >&3
detach
unload pol_$first
# the memory checkers' own account (KDEBUG=1): KFENCE's stats, SLUB's checks of one cache
while read -r line; do say "kfence \$line"; done </sys/kernel/debug/kfence/stats
say "slab_sanity_checks \$(cat /sys/kernel/slab/kmalloc-64/sanity_checks)"
say "=== done"
poweroff -f
INIT
chmod +x "$INITRD/init"
SMP=$SMP boot_qemu "$INITRD" 900 -serial "file:$OUT/trace.txt"

# 5. the verdict
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
rm -f "$OUT/summary.txt"
section() {
	sed -n "/^=== $1\$/,/^===/p" "$OUT/results.txt"
}
value() {
	echo "$1" | sed -n "s/^$2 //p" | head -1
}
cat "$OUT/results.txt"
grep -q "^=== done" "$OUT/results.txt" || fail "the guest did not finish (see $OUT/console.log)"
kernel_log_problems "$OUT/console.log" &&
	fail "the kernel log has a warning, a bug, an oops, a lockdep or a memory checker's report"
if grep -Eq "stall|sched_ext: .*(error|disabled \(runtime error)" "$OUT/console.log"; then
	grep -E -B2 -A20 "stall|sched_ext: .*error" "$OUT/console.log" | head -60
	fail "the kernel log has a stall or a sched_ext error"
fi
[ "${KDEBUG:-0}" = 1 ] && memory_checkers_report "$OUT/results.txt"
grep -q "INSMOD_FAILED\|RMMOD_FAILED" "$OUT/results.txt" && fail "a module did not load or unload"
if [ -n "$FIDELITY_POLICY" ]; then
	[ "$(value "$(section "fidelity pol_$FIDELITY_POLICY")" rt-app_status)" = 0 ] || fail "fidelity: rt-app failed"
fi
for name in $names; do
	s=$(section "pol_$name")
	[ "$(value "$s" state)" = enabled ] || fail "$name: sched_ext state was not enabled"
	[ "$(value "$s" ops)" = "$name" ] || fail "$name: root/ops was '$(value "$s" ops)'"
	[ "$(value "$s" state_after)" = disabled ] || fail "$name: sched_ext not disabled after the bridge stopped"
	[ "$(value "$s" bridge_status)" = 0 ] || fail "$name: the bridge ended abnormally"
	# affinity: per-CPU kernel threads placed and restricted threads picked by the policy, the
	# spinner's changes seen by the module (set_cpumask)
	for counter in decisions.placed decisions.picked events.schedule events.block events.unblock \
		decisions.placed_kthread decisions.picked_restricted affinity.set_cpumask affinity.changed; do
		[ "$(value "$s" $counter)" -gt 0 ] 2>/dev/null || fail "$name: $counter is 0"
	done
	# not failures, reported in the summary: the races fallback.task_gone (exited between pick and
	# insert), fallback.migration_disabled, fallback.not_runnable (the view lagged a sleep; repaired),
	# and fallback.not_allowed while affinities change: the kernel changed the picked task's mask
	# between the module's pick and the bridge's insertion (its set_cpumask comes just after); each
	# needs a change, so there are never more of them than set_cpumask calls
	for counter in refused.no_slot refused.fault; do
		[ "$(value "$s" $counter)" = 0 ] || fail "$name: $counter is $(value "$s" $counter)"
	done
	[ "$(value "$s" fallback.not_allowed)" -le "$(value "$s" affinity.set_cpumask)" ] 2>/dev/null ||
		fail "$name: fallback.not_allowed $(value "$s" fallback.not_allowed) > affinity.set_cpumask $(value "$s" affinity.set_cpumask)"
	echo "$s" | grep "^refused.affinity" >/dev/null && fail "$name: a task was refused for its affinity"
	echo "$s" | grep "^fault" >/dev/null && fail "$name: $(echo "$s" | grep '^fault')"
	# the pinned worker: "pinned 2 samples N elsewhere 0"; the spinner: "spin samples N outside 0
	# transient T masks K". Progress (N > 0, K >= 1 of the 9 changes, 1 taskset -p done: how many of
	# the 9 fit in the window depends on how loaded the host running QEMU is; 2 in a CI run beside
	# two Maven builds, 6-8 when quiet) is not
	# required of partitioned_edf: it places best-effort tasks on the least utilised core, every
	# one on the same core, and never steals; measured, the pinned worker did not run a step in
	# 1.5 s and the script's taskset waited behind the spinner (its view idles the other cores)
	pinned=$(value "$s" pinned)
	spin=$(value "$s" spin)
	progress=true
	[ "$name" = partitioned_edf ] && progress=false
	set -- $pinned
	[ "${1:-}" = 2 ] && [ "${5:-}" = 0 ] || fail "$name: the worker pinned to CPU 2 ran elsewhere: 'pinned $pinned'"
	$progress && { [ "${3:-0}" -gt 0 ] || fail "$name: the worker pinned to CPU 2 did not run: 'pinned $pinned'"; }
	set -- $spin
	[ "${4:-}" = 0 ] || fail "$name: the spinner ran outside its affinity: 'spin $spin'"
	$progress && { [ "${2:-0}" -gt 0 ] && [ "${8:-0}" -ge 1 ] || fail "$name: the spinner saw none of its changes: 'spin $spin'"; }
	$progress && { [ "$(value "$s" taskset_changes)" -ge 1 ] 2>/dev/null ||
		fail "$name: taskset -p changed the affinity $(value "$s" taskset_changes) times"; }
	printf '%-11s placed %5s picked %5s kept %4s earlier %4s direct %4s kicks %5s tick_preempt %4s wakeup_preempt %4s kicks_preempt %4s forced %4s fallback: gone %s migr_disabled %s not_runnable %s\n' \
		"$name" "$(value "$s" decisions.placed)" "$(value "$s" decisions.picked)" "$(value "$s" decisions.kept)" \
		"$(value "$s" decisions.picked_earlier)" "$(value "$s" decisions.direct)" "$(value "$s" kicks)" "$(value "$s" decisions.tick_preempt)" \
		"$(value "$s" decisions.wakeup_preempt)" "$(value "$s" kicks_preempt)" "$(value "$s" view.forced_moves)" \
		"$(value "$s" fallback.task_gone)" \
		"$(value "$s" fallback.migration_disabled)" "$(value "$s" fallback.not_runnable)" >>"$OUT/summary.txt"
	printf '%-11s affinity: kthreads placed %4s restricted picked %5s set_cpumask %4s changed %4s at_enqueue %4s not_allowed %s disallowed_runs %3s taskset %s pinned %s spin %s\n' \
		"$name" "$(value "$s" decisions.placed_kthread)" "$(value "$s" decisions.picked_restricted)" \
		"$(value "$s" affinity.set_cpumask)" "$(value "$s" affinity.changed)" "$(value "$s" affinity.at_enqueue)" \
		"$(value "$s" fallback.not_allowed)" \
		"$(value "$s" view.disallowed_runs)" "$(value "$s" taskset_changes)" "$pinned" "$spin" >>"$OUT/summary.txt"
done
case " $names " in
*" group_fair "*)
	s=$(section "groups pol_group_fair")
	after=$(section "groups_after pol_group_fair")
	set -- $(value "$s" cgroups)	# ID_A ID_B weights 100 300
	ida=${1:-none} idb=${2:-none}
	echo "$s" | grep "^subtree_control.*cpu" >/dev/null || fail "groups: the cpu controller could not be enabled"
	[ "${4:-}/${5:-}" = 100/300 ] || fail "groups: cpu.weight of a and b are '${4:-}' '${5:-}', not 100 300"
	# the two workers were created in their cgroups: each group with its weight, one thread each
	[ "$(value "$s" groups.in_view)" = 2 ] || fail "groups: groups.in_view is '$(value "$s" groups.in_view)', not 2"
	echo "$s" | grep -x "group $ida weight 100 threads 1" >/dev/null || fail "groups: no 'group $ida weight 100 threads 1'"
	echo "$s" | grep -x "group $idb weight 300 threads 1" >/dev/null || fail "groups: no 'group $idb weight 300 threads 1'"
	[ "$(value "$s" groups.threads)" -ge 2 ] 2>/dev/null || fail "groups: groups.threads is '$(value "$s" groups.threads)'"
	# the two shells were created in the root group and moved: they keep it, counted
	[ "$(value "$s" groups.moves)" -ge 2 ] 2>/dev/null || fail "groups: groups.moves is '$(value "$s" groups.moves)', not >= 2"
	[ "$(value "$s" inputs.invalid)" = 0 ] || fail "groups: inputs.invalid is '$(value "$s" inputs.invalid)'"
	# b's cpu.weight became 200 while its worker ran: the worker keeps 300
	[ "$(value "$after" groups.weight_changes)" = 1 ] || fail "groups: groups.weight_changes is '$(value "$after" groups.weight_changes)', not 1"
	[ "$(value "$after" groups.weight_kept)" = 1 ] || fail "groups: groups.weight_kept is '$(value "$after" groups.weight_kept)', not 1"
	echo "$after" | grep -x "group $idb weight 300 threads 1" >/dev/null || fail "groups: b's worker did not keep weight 300"
	bridge=$(echo "$after" | sed -n 's/^bridge: group_fair cgroup_init //p')
	set -- $bridge	# N cgroup_no_weight M
	[ "${1:-0}" -ge 2 ] 2>/dev/null && [ "${3:-}" = 0 ] || fail "groups: bridge 'cgroup_init $bridge'"
	# CPU time of the two workers, both pinned to CPU 1, over the window: 1 : 3 by cpu.weight
	set -- $(value "$s" usage_usec)	# a US b US
	ua=${2:-0} ub=${4:-0}
	if [ "$ua" -gt 0 ] 2>/dev/null && [ "$ub" -gt 0 ] 2>/dev/null; then
		ratio=$((ub * 100 / ua))
		[ $ratio -ge $GROUP_RATIO_MIN ] && [ $ratio -le $GROUP_RATIO_MAX ] ||
			fail "groups: CPU time b/a is $ratio/100, outside [$GROUP_RATIO_MIN, $GROUP_RATIO_MAX]/100"
		echo "groups: cgroups $ida (cpu.weight 100) and $idb (300), CPU time a ${ua} us b ${ub} us, b/a $ratio/100 (want 300, accept $GROUP_RATIO_MIN..$GROUP_RATIO_MAX); moves kept $(value "$s" groups.moves), weight changes kept $(value "$after" groups.weight_kept)" >>"$OUT/summary.txt"
	else
		fail "groups: no CPU time measured: 'usage_usec $(value "$s" usage_usec)'"
	fi
	;;
esac
s=$(section "cycles pol_$first")
[ "$(echo "$s" | grep -c '^state enabled')" = "$CYCLES" ] || fail "cycles: not every attach reached enabled"
[ "$(echo "$s" | grep -c '^state_after disabled')" = "$CYCLES" ] || fail "cycles: not every detach returned to disabled"
# hotplug: the scheduler is restarted by the loader with a view of the online CPUs each time
s=$(section "hotplug pol_$first")
n=$(value "$s" cores_before)
for phase in before offline online; do
	[ "$(value "$s" state_$phase)" = enabled ] || fail "hotplug: state $phase was '$(value "$s" state_$phase)'"
	[ "$(value "$s" ops_$phase)" = "$first" ] || fail "hotplug: ops $phase was '$(value "$s" ops_$phase)'"
done
[ "$(value "$s" offline_status)/$(value "$s" online_status)" = 0/0 ] || fail "hotplug: the CPU could not be taken offline and back"
[ "$n" = "$SMP" ] || fail "hotplug: the view had '$n' cores, not $SMP, before"
[ "$(value "$s" cores_offline)" = $((SMP - 1)) ] 2>/dev/null || fail "hotplug: the view had '$(value "$s" cores_offline)' cores with a CPU offline"
[ "$(value "$s" cores_online)" = "$SMP" ] || fail "hotplug: the view had '$(value "$s" cores_online)' cores once the CPU was back"
[ "$(echo "$s" | grep -c '^bridge: .* restarting')" -ge 2 ] || fail "hotplug: the loader did not attach again after each change"
[ "$(value "$s" bridge_status)" = 0 ] || fail "hotplug: the bridge ended abnormally"
echo "hotplug: $(echo "$s" | grep -c '^bridge: .* restarting') restarts, view cores $n -> $(value "$s" cores_offline) -> $(value "$s" cores_online)" >>"$OUT/summary.txt"
# pid reuse: 1,500 short tasks under a pid_max that makes pids wrap; the host names a task by pid and
# start time, so a pid taken by a new task before sched_ext forgot the old one names no wrong thread
s=$(section "pidwrap pol_$first")
[ "$(value "$s" forks)" = 1500 ] || fail "pidwrap: '$(value "$s" forks)' forks, not 1500"
[ "$(value "$s" wraps)" -ge 5 ] 2>/dev/null || fail "pidwrap: pids wrapped '$(value "$s" wraps)' times, not 5 or more"
[ "$(value "$s" state_during)" = enabled ] || fail "pidwrap: the scheduler was '$(value "$s" state_during)'"
[ "$(value "$s" bridge_status)" = 0 ] || fail "pidwrap: the bridge ended abnormally"
reused=$(echo "$s" | sed -n 's/^bridge: .* pid_reused \([0-9]*\) .*/\1/p')
echo "pidwrap: 1500 tasks, pids wrapped $(value "$s" wraps) times under pid_max $(value "$s" pid_max); picks whose pid another task held: $reused (fallback.task_gone $(value "$s" fallback.task_gone))" >>"$OUT/summary.txt"
s=$(section "refuse pol_$first")
[ "$(value "$s" refused.no_slot)" -gt 0 ] 2>/dev/null || fail "refuse: no refusal counted"
echo "$s" | grep "^alive" >/dev/null || fail "refuse: the system did not stay alive"
cat "$OUT/summary.txt"
s=$(section "cycles pol_$first")
echo "cycles: fallback.not_allowed $(value "$s" fallback.not_allowed) fallback.migration_disabled $(value "$s" fallback.migration_disabled) forced $(value "$s" view.forced_moves)"
[ $status -eq 0 ] && echo "scx: every policy scheduled the kernel through sched_ext, pinned and affinity-changed tasks within their affinity, $CYCLES cycles, refusals counted"
exit $status
