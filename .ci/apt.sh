# Sourced by .ci/run and .ci/install-tools (bash). Package probes that are safe under `set -o pipefail`.
#
# Why not pipe apt-cache's output into a quiet grep: that grep exits at its first match, apt-cache
# may still be writing, dies of SIGPIPE, and under pipefail the whole pipeline counts as false. On a
# fresh machine that made CI pick the wrong package name in 8 of 10 runs. Capture the output whole,
# then match it: no pipe, no race.

# True when apt knows an installable version of package $1 (apt-get update must have run).
apt_has_candidate() {
	local out
	out=$(apt-cache policy "$1" 2>/dev/null) || return 1
	[[ $out =~ Candidate:\ [0-9] ]]
}

# True when package $1 is installed (dpkg's status says so).
dpkg_installed() {
	local out
	out=$(dpkg-query -W -f '${Status}' "$1" 2>/dev/null) || return 1
	[[ $out == "install ok installed" ]]
}

# Runs `apt-get update` once per CI run.
apt_update_once() {
	if [[ -z ${CI_APT_UPDATED:-} ]]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
		CI_APT_UPDATED=1
	fi
}

# Prints the Debian 6.12 kernel version the kernel tests use: $1 if apt has its headers, else the
# newest 6.12 in this machine's sources (a Debian 13 machine has its own), else nothing.
pick_kernel_612() {
	apt_has_candidate "linux-headers-$1" && { echo "$1"; return; }
	apt_update_once >/dev/null
	apt_has_candidate "linux-headers-$1" && { echo "$1"; return; }
	local found
	found=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9.]*\+deb[0-9]*-amd64$' 2>/dev/null) || true
	awk '{print $1}' <<<"$found" | sed 's/^linux-headers-//' | sort -V | tail -n1
}
