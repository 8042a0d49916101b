#!/bin/sh
# Boots Debian's 7.3.4 (the sched_ext test's cached kernel and chroot: run kernel-runtime/scx/run-tests.sh
# once first) with a BPF object, registers its struct_ops with bpftool (the verifier's log goes to
# the results), runs a small load, unregisters it. Usage: run.sh OBJ.bpf.o (MEM: the guest's memory,
# default 4G: the verifier's states for a large program need it)
set -eu
OBJ=$1
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
CACHE=/var/cache/policy-scx
C=$CACHE/chroot
OUT=${OUT:-$ROOT/target/bpf-spike}
VMLINUZ=$CACHE/kernel/usr/lib/modules/7.3.4+deb13-amd64/vmlinuz.unsigned
. $ROOT/kernel-runtime/scripts/lib.sh
I=$OUT/initrd
rm -rf $I; mkdir -p $I/bin $I/proc $I/sys $I/dev $I/tmp $I/lib64 $I/lib/x86_64-linux-gnu $OUT
cp /bin/busybox $I/bin/
for t in sh mount cat dmesg poweroff sleep echo seq ls rm kill head grep; do ln -s busybox $I/bin/$t; done
chroot_program_to_initrd $C /usr/sbin/bpftool $I
cp $OBJ $I/sched.bpf.o
cat > $I/init <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t bpf bpf /sys/fs/bpf
mount -t debugfs debugfs /sys/kernel/debug
exec 3>/dev/ttyS1
mkdir -p /sys/fs/bpf/l
# the debug log (the verifier's, every instruction) can outgrow the guest's memory: its end only
(bpftool -d struct_ops register /sched.bpf.o /sys/fs/bpf/l 2>&1; echo "register $?") | tail -300 >/tmp/reg.log
tail -1 /tmp/reg.log >&3
grep -i "error\|fail\|invalid\|unsupported" /tmp/reg.log | head -20 >&3
grep -v "^libbpf: elf\|^libbpf: sec\|^libbpf: map\|^libbpf: CO-RE" /tmp/reg.log | tail -150 >&3
bpftool prog show | grep -i "struct_ops\|verified" >&3
echo "state $(cat /sys/kernel/sched_ext/state) ops $(cat /sys/kernel/sched_ext/root/ops 2>/dev/null)" >&3
for i in 1 2 3 4 5 6; do (n=0; while [ $n -lt 30000 ]; do n=$((n+1)); done) & done
for i in $(seq 20); do sleep 0.05; done
wait
echo "after load: state $(cat /sys/kernel/sched_ext/state)" >&3
bpftool map dump name s.bss 2>&1 | head -20 >&3 || true
rm -rf /sys/fs/bpf/l/*
sleep 0.5
echo "after unregister: state $(cat /sys/kernel/sched_ext/state)" >&3
dmesg | grep -i "sched_ext\|bpf\|BUG\|WARN" | tail -20 >&3
poweroff -f
INIT
chmod +x $I/init
SMP=${SMP:-4} boot_qemu $I 600 -m ${MEM:-4G}
cat $OUT/results.txt
