#!/bin/sh
# Boots Debian's stock 6.12 kernel (no sched_ext) under QEMU (single-threaded TCG: the multi-threaded one
# hits int3 oopses at static-branch sites while booting; 4 CPUs) with a busybox initramfs,
# and for every library policy: insmod its module (monitor mode), run a mixed workload (its worker 0
# pins itself to CPU 2), read the debugfs stats, rmmod. Fails on any WARN, BUG, oops or lockdep report
# in the kernel log, on a module that does not load or unload, on a policy fault, on stats that show
# no events, or when the module did not notice an affinity change (the pinning).
#
#   kernel-runtime/qemu/run-tests.sh [POLICY.policy...]      (default: policies/*.policy)
#
# Installs what it needs from apt (run as root). Environment: OUT (work folder, default
# target/qemu), WORKLOAD_MS (per policy, default 1500), QEMU_TIMEOUT (seconds, default 480),
# LOAD_CYCLES (per policy, that many more insmod/rmmod cycles under load; default 0), KDEBUG=1 (the
# kernel's memory checkers on: slab_debug=FZPU kfence.sample_interval=1 init_on_free=1; any report
# they make fails the test), SMP (the guest's CPUs, default 4).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KVER=${KVER:-6.12.117+deb12-amd64}
KDIR=${KDIR:-/usr/src/linux-headers-$KVER}
OUT=${OUT:-$ROOT/target/qemu}
WORKLOAD_MS=${WORKLOAD_MS:-1500}
LOAD_CYCLES=${LOAD_CYCLES:-0}	# per policy, more insmod/rmmod cycles under load
. "$ROOT/kernel-runtime/scripts/lib.sh"

command -v qemu-system-x86_64 >/dev/null || apt_install qemu-system-x86
busybox_has insmod || apt_install busybox-static
command -v cpio >/dev/null || apt_install cpio
mkdir -p "$OUT"

# The kernel image, unpacked from its package without installing it.
VMLINUZ=$OUT/kernel/boot/vmlinuz-$KVER
if [ ! -f "$VMLINUZ" ]; then
	(cd "$OUT" && rm -f linux-image-*.deb && apt-get download -q "linux-image-$KVER-unsigned" >/dev/null 2>&1)
	dpkg -x "$OUT"/linux-image-"$KVER"-unsigned_*.deb "$OUT/kernel"
fi

# The modules: generated, W=1 clean and checkpatch clean (build-all.sh fails otherwise).
rm -rf "$OUT/kmod"
OUT=$OUT/kmod KDIR=$KDIR "$ROOT/kernel-runtime/scripts/build-all.sh" "$@"

# The initramfs: busybox, the workload, the modules, /init.
rm -rf "$OUT/initramfs"
mkdir -p "$OUT/initramfs/bin" "$OUT/initramfs/modules" "$OUT/initramfs/proc" "$OUT/initramfs/sys" \
	"$OUT/initramfs/dev" "$OUT/initramfs/tmp"
cp /bin/busybox "$OUT/initramfs/bin/"
for tool in sh mount insmod rmmod cat dmesg poweroff sleep echo grep head basename ls seq; do
	ln -s busybox "$OUT/initramfs/bin/$tool"
done
gcc -static -O2 -Wall -o "$OUT/initramfs/bin/workload" "$ROOT/kernel-runtime/qemu/workload.c"
cp "$OUT"/kmod/*/pol_*.ko "$OUT/initramfs/modules/"
cat >"$OUT/initramfs/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
exec 3>/dev/ttyS1
for ko in /modules/*.ko; do
	name=\$(basename \$ko .ko)
	echo "=== \$name" >&3
	if insmod \$ko; then
		workload 6 $WORKLOAD_MS 2 >&3	# worker 0 pinned to CPU 2
		cat /sys/kernel/debug/\$name/stats >&3
		echo "--- decisions" >&3
		head -12 /sys/kernel/debug/\$name/decisions >&3
		rmmod \$name || echo "RMMOD_FAILED \$name" >&3
		for c in \$(seq $LOAD_CYCLES); do	# load and unload under load
			workload 4 300 >/dev/null &
			insmod \$ko || echo "INSMOD_FAILED \$name cycle \$c" >&3
			sleep 0.2
			rmmod \$name || echo "RMMOD_FAILED \$name cycle \$c" >&3
			wait
		done
		[ $LOAD_CYCLES -gt 0 ] && echo "cycles \$name $LOAD_CYCLES" >&3
	else
		echo "INSMOD_FAILED \$name" >&3
	fi
done
# the memory checkers' own account (KDEBUG=1): KFENCE's stats, SLUB's checks of one cache
while read -r line; do echo "kfence \$line"; done </sys/kernel/debug/kfence/stats >&3
echo "slab_sanity_checks \$(cat /sys/kernel/slab/kmalloc-64/sanity_checks)" >&3
echo "=== done" >&3
poweroff -f
INIT
chmod +x "$OUT/initramfs/init"
boot_qemu "$OUT/initramfs" 480
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
cat "$OUT/results.txt"
grep -q "^=== done" "$OUT/results.txt" || fail "the guest did not finish (see $OUT/console.log)"
kernel_log_problems "$OUT/console.log" &&
	fail "the kernel log has a warning, a bug, an oops, a lockdep or a memory checker's report"
[ "${KDEBUG:-0}" = 1 ] && memory_checkers_report "$OUT/results.txt"
grep -q "INSMOD_FAILED\|RMMOD_FAILED" "$OUT/results.txt" && fail "a module did not load or unload"
for ko in "$OUT"/initramfs/modules/*.ko; do
	name=$(basename "$ko" .ko)
	stats=$(sed -n "/^=== $name\$/,/^--- decisions/p" "$OUT/results.txt")
	for event in new schedule unblock block; do
		count=$(echo "$stats" | sed -n "s/^events\.$event //p")
		[ "${count:-0}" -gt 0 ] || fail "$name: no $event events handled"
	done
	count=$(echo "$stats" | sed -n "s/^affinity\.changed //p")
	[ "${count:-0}" -gt 0 ] || fail "$name: no affinity change noticed (worker 0 pins itself)"
	echo "$stats" | grep "^pinned 2 samples [1-9][0-9]* elsewhere 0\$" >/dev/null ||
		fail "$name: the worker pinned to CPU 2: $(echo "$stats" | grep '^pinned')"
	echo "$stats" | grep "^fault" >/dev/null && fail "$name: $(echo "$stats" | grep '^fault')"
	echo "$stats" | grep "^running 1" >/dev/null || fail "$name: the policy stopped running"
done
[ $status -eq 0 ] && echo "qemu: all policies loaded, ran and unloaded cleanly"
exit $status
