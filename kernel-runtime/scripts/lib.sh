# Shared by kernel-runtime's scripts (sourced, POSIX sh). Installs what is missing from apt.

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

# How to run `policy generate`: $POLICY_GENERATE, else the generator module built with Maven.
generator_command() {
	if [ -n "${POLICY_GENERATE:-}" ]; then
		echo "$POLICY_GENERATE"
		return
	fi
	cp=$ROOT/org.policy.generator/target/generate.classpath
	if [ ! -f "$cp" ] || [ -n "$(find "$ROOT/kernel-runtime" "$ROOT/org.policy.generator/src/main" -newer "$cp" -type f | head -1)" ]; then
		(cd "$ROOT" && mvn -B -q -pl org.policy.generator -am package -DskipTests >&2 &&
			mvn -B -q -pl org.policy.generator dependency:build-classpath \
				-Dmdep.outputFile=target/deps.classpath >&2)
		deps=$(tr ':' '\n' <"$ROOT/org.policy.generator/target/deps.classpath" | grep -v '/org/policy/' | paste -sd: -)
		echo "$ROOT/org.policy.generator/target/classes:$ROOT/org.policy.dsl/target/classes:$deps" >"$cp"
	fi
	echo "java -cp $(cat "$cp") org.policy.generator.cli.GenerateCommand"
}
