# Shared by kernel-runtime's scripts (sourced, POSIX sh). Installs what is missing from apt.
#
# No probe here pipes into a reader that may stop early (`grep -q`, `head`): under a shell with
# pipefail the writer's SIGPIPE would turn a found match into "missing" (.ci/apt.sh says more).

# OUT, when a script set it before sourcing this file, made absolute: kbuild (make M=) and the
# initramfs packing run in other directories, where a relative OUT names nothing.
if [ -n "${OUT:-}" ]; then
	mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
fi

apt_install() {
	if [ "$(id -u)" != 0 ]; then
		echo "missing $*: install it (apt-get install $*) or run as root" >&2
		exit 1
	fi
	if [ ! -f /var/lib/apt/lists/.policy-updated ]; then
		apt-get update -q >/dev/null && touch /var/lib/apt/lists/.policy-updated
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

# True when /bin/busybox exists and has the applet $1.
busybox_has() {
	[ -x /bin/busybox ] || return 1
	applets=$(/bin/busybox --list) || return 1
	case "
$applets
" in
	*"
$1
"*) return 0 ;;
	esac
	return 1
}

need_headers() {
	[ -d "$1" ] || apt_install "linux-headers-$KVER"
}

# scripts/checkpatch.pl is not in the headers packages: it comes out of linux-source-6.12's tarball.
checkpatch_path() {
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/policy-kernel
	if [ ! -f "$cache/scripts/checkpatch.pl" ]; then
		[ -f /usr/src/linux-source-6.12.tar.xz ] || apt_install linux-source-6.12
		mkdir -p "$cache"
		tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$cache" --strip-components=1 \
			linux-source-6.12/scripts/checkpatch.pl linux-source-6.12/scripts/spelling.txt \
			linux-source-6.12/scripts/const_structs.checkpatch
	fi
	echo "$cache/scripts/checkpatch.pl"
}

# How to run `policy generate`: $POLICY_GENERATE, else bin/policy (built with Maven if needed).
generator_command() {
	if [ -n "${POLICY_GENERATE:-}" ]; then
		echo "$POLICY_GENERATE"
		return
	fi
	# The built CLI, rebuilt by the whole reactor when a source it packages is newer (a module's
	# classpath alone would need the other modules' jars in ~/.m2, which a plain build never puts there).
	jar=$ROOT/org.policy.cli/target/policy.jar
	if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/kernel-runtime" "$ROOT"/org.policy.*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
		(cd "$ROOT" && mvn -B -q package -DskipTests >&2)
	fi
	echo "$ROOT/bin/policy generate"
}

# Copies the program PROG of the chroot CHROOT (its path there) into the initramfs INITRD's bin/, with
# the shared libraries it links and the dynamic loader.
chroot_program_to_initrd() {
	mkdir -p "$3/bin" "$3/lib64" "$3/lib/x86_64-linux-gnu"
	cp "$1$2" "$3/bin/"
	for lib in $(chroot "$1" ldd "$2" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p'); do
		cp -L "$1$lib" "$3/lib/x86_64-linux-gnu/"
	done
	cp "$1/lib64/ld-linux-x86-64.so.2" "$3/lib64/"
}

# Packs the initramfs folder $1 into $OUT/initramfs.gz and boots $VMLINUZ with it under QEMU
# (single-threaded TCG, $SMP CPUs (default 4), 1 GiB) until the guest powers off or the timeout passes
# ($QEMU_TIMEOUT, else $2 seconds). The console goes to $OUT/console.log, the second serial port to
# $OUT/results.txt (its CRLF made LF); further arguments are more QEMU options (e.g. a third serial port).
# KDEBUG=1 boots with the kernel's memory checkers on (kernel_debug_options below).
boot_qemu() {
	initrd=$1
	limit=${QEMU_TIMEOUT:-$2}
	shift 2
	(cd "$initrd" && find . | cpio -o -H newc --quiet | gzip -1 >"$OUT/initramfs.gz")
	rm -f "$OUT/console.log" "$OUT/results.txt"
	timeout "$limit" qemu-system-x86_64 -machine q35 -accel tcg,thread=single -cpu max -smp "${SMP:-4}" -m 1G \
		-kernel "$VMLINUZ" -initrd "$OUT/initramfs.gz" \
		-append "console=ttyS0 panic=-1 loglevel=6 oops=panic$(kernel_debug_options)" -display none -monitor none \
		-no-reboot -net none -serial "file:$OUT/console.log" -serial "file:$OUT/results.txt" "$@" ||
		echo "qemu exited with status $?"
	tr -d '\r' <"$OUT/results.txt" >"$OUT/results.tmp" && mv "$OUT/results.tmp" "$OUT/results.txt"
}

# With KDEBUG=1, the kernel command line's memory checkers: SLUB debugging of every cache (F sanity
# checks, Z red zones, P poisoning, U owner tracking), KFENCE sampling every allocation it can (one per
# millisecond), and memory zeroed when freed. Debian's kernels have them built in (off by default).
kernel_debug_options() {
	[ "${KDEBUG:-0}" = 1 ] && printf ' slab_debug=FZPU kfence.sample_interval=1 init_on_free=1'
	return 0
}

# With KDEBUG=1, that the memory checkers were on and found nothing, from what the guest wrote to
# RESULTS (KFENCE's debugfs stats as "kfence <line>", SLUB's sanity_checks of kmalloc-64): fails the
# test otherwise, else prints one line (KFENCE's sampled allocations). Their reports in the kernel
# log fail the test through kernel_log_problems.
memory_checkers_report() {
	grep -qx "kfence enabled: 1" "$1" || fail "KDEBUG=1 but KFENCE was not enabled"
	grep -qx "kfence total bugs: 0" "$1" || fail "KFENCE counted bugs: $(grep '^kfence total bugs' "$1")"
	grep -qx "slab_sanity_checks 1" "$1" || fail "KDEBUG=1 but SLUB debugging was off"
	echo "memory checkers: slab_debug=FZPU on, KFENCE sampled $(sed -n 's/^kfence total allocations: //p' "$1") allocations, 0 bugs, init_on_free=1"
}

# The kernel log's reports that fail a test: warnings, oopses, lockdep, stalls, and the memory
# checkers' reports (KFENCE's "BUG: KFENCE:", SLUB's "BUG <cache> (...): <what>", redzone and poison
# damage). Prints them with context; true when there is one.
kernel_log_problems() {
	pattern='WARNING:|BUG:|BUG [^ ]+ \(|Oops|general protection|double fault|lockdep|possible circular locking|Call Trace|Kernel panic|KFENCE|Redzone|Poison overwritten|Freepointer|Object padding|runnable task stall|rcu.*stall'
	grep -Eq "$pattern" "$1" || return 1
	grep -E -B2 -A20 "$pattern" "$1" | head -80
	return 0
}
