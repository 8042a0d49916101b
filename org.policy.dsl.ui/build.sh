#!/bin/sh
# Builds the Eclipse plugin for policies with Tycho: the editor bundle, its feature, the p2 update site,
# and the workbench test (a real Eclipse under Xvfb, leaving a screenshot in
# org.policy.dsl.ui/tests/target/screenshots/editor.png).
#
# Kept out of the main reactor on purpose: `mvn -B verify` at the root needs only Java 17 and Maven 3.8,
# while Tycho 4 needs Maven >= 3.9 and the Eclipse platform bundles on Maven Central are Java 21 bytecode.
#
# Usage:  org.policy.dsl.ui/build.sh [extra Maven arguments, e.g. -DskipTests or -o]
# Environment:
#   POLICY_UI_JDK   a JDK 21 or newer for the UI build (else: JAVA_HOME if it is 21+, else the newest
#                   JDK 21+ under /usr/lib/jvm)
#   POLICY_MAVEN    a Maven 3.9+ to use (else: `mvn` if it is 3.9+, else Maven 3.9 fetched from Maven
#                   Central with the system Maven into ~/.m2 and unpacked under org.policy.dsl.ui/target)
# Needs: xvfb-run (Debian package xvfb) unless -DskipTests is given; GTK 3 (libgtk-3-0) for SWT.
set -eu

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
root=$(cd -P -- "$here/.." && pwd -P)
maven_version=3.9.16   # also pinned as apache-maven.version in the root pom

say() { printf 'ui-build: %s\n' "$*" >&2; }

java_major() {  # prints the feature version of the java executable $1, or nothing
	"$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

find_ui_jdk() {
	for candidate in "${POLICY_UI_JDK:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
		[ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
		major=$(java_major "$candidate/bin/java")
		if [ -n "$major" ] && [ "$major" -ge 21 ]; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

maven_at_least_3_9() {  # $1: a mvn executable
	v=$("$1" -v 2>/dev/null | sed -n 's/^Apache Maven \([0-9]*\)\.\([0-9]*\).*/\1 \2/p' | head -n1)
	[ -n "$v" ] || return 1
	set -- $v
	[ "$1" -gt 3 ] || { [ "$1" -eq 3 ] && [ "$2" -ge 9 ]; }
}

find_maven() {
	if [ -n "${POLICY_MAVEN:-}" ]; then
		echo "$POLICY_MAVEN"
		return 0
	fi
	if command -v mvn >/dev/null 2>&1 && maven_at_least_3_9 mvn; then
		command -v mvn
		return 0
	fi
	home=$here/target/apache-maven-$maven_version
	if [ ! -x "$home/bin/mvn" ]; then
		command -v mvn >/dev/null 2>&1 || { say "no Maven at all on PATH: install Debian's maven"; exit 2; }
		say "fetching Maven $maven_version from Maven Central with the system Maven"
		repo=$HOME/.m2/repository
		mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
			-Dartifact=org.apache.maven:apache-maven:$maven_version:tar.gz:bin -Dtransitive=false >&2
		mkdir -p "$here/target"
		tar -xzf "$repo/org/apache/maven/apache-maven/$maven_version/apache-maven-$maven_version-bin.tar.gz" \
			-C "$here/target"
	fi
	echo "$home/bin/mvn"
}

ui_jdk=$(find_ui_jdk) || {
	say "no JDK 21 or newer found (looked at POLICY_UI_JDK, JAVA_HOME and /usr/lib/jvm/*)."
	say "The Eclipse platform bundles on Maven Central are Java 21 bytecode, so the UI build cannot run."
	say "Install one (e.g. temurin-25 or openjdk-21) and set POLICY_UI_JDK to it."
	exit 3
}
maven=$(find_maven)
say "JDK for the UI build: $ui_jdk (Java $(java_major "$ui_jdk/bin/java"))"
say "Maven: $maven"

# 1. The language jars the editor embeds, built by the main reactor with its own Java 17 toolchain
#    (plain package: nothing goes into the shared local repository).
say "building the language (org.policy.dsl, org.policy.dsl.ide) with $(command -v mvn)"
(cd "$root" && mvn -B -q -pl org.policy.dsl.ide -am package -DskipTests "$@")
mkdir -p "$here/plugin/lib"
cp "$root/org.policy.dsl/target/org.policy.dsl-0.1.0-SNAPSHOT.jar" "$here/plugin/lib/org.policy.dsl.jar"
cp "$root/org.policy.dsl.ide/target/org.policy.dsl.ide-0.1.0-SNAPSHOT.jar" "$here/plugin/lib/org.policy.dsl.ide.jar"

# 2. The Tycho build: bundle, tests in a workbench, feature, update site.
run_tycho() {
	JAVA_HOME=$ui_jdk "$maven" -B -f "$here/pom.xml" verify "$@"
}
case " $* " in
	*" -DskipTests "*|*" -DskipTests=true "*)
		run_tycho "$@" ;;
	*)
		if [ -n "${DISPLAY:-}" ]; then
			run_tycho "$@"
		elif command -v xvfb-run >/dev/null 2>&1; then
			xvfb-run -a -s "-screen 0 1280x1024x24" \
				sh -c 'jdk=$1 mvn=$2 pom=$3; shift 3; JAVA_HOME=$jdk "$mvn" -B -f "$pom" verify "$@"' \
				sh "$ui_jdk" "$maven" "$here/pom.xml" "$@"
		else
			say "no DISPLAY and no xvfb-run: install Debian's xvfb (apt-get install xvfb) or pass -DskipTests"
			exit 2
		fi ;;
esac
say "update site: $here/site/target/repository (zipped: $here/site/target/org.policy.dsl.site-0.1.0-SNAPSHOT.zip)"
