#!/bin/sh
# The throughput of `policy sweep` against a shell loop of `policy simulate` over the same runs
# (examples/sweeps/small.yaml: 24 runs of 100 ms simulated), as docs/sweeps.md reports it.
# Run from the repository's root after building: sh examples/sweeps/bench.sh
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
bin/policy sweep examples/sweeps/small.yaml --out "$out/sweep" >/dev/null
sweep_s=$(echo "$(date +%s.%N) - $start" | bc)
runs=$(($(wc -l < "$out/sweep/runs.csv") - 1))
# the same runs, one JVM each, with the seeds the sweep derived (runs.csv's seed column)
start=$(date +%s.%N)
tail -n +2 "$out/sweep/runs.csv" | while IFS=, read -r policy file workload cores topology slice replicate seed rest; do
	set -- examples/sweeps/"$file" -w "$workload" --cores "$cores" --topology "$topology" --seed "$seed" \
		--duration 100ms --no-plots --out "$out/loop/$replicate"
	if [ -n "$slice" ]; then set -- "$@" --param "slice=$slice"; fi
	bin/policy simulate "$@" >/dev/null
done
loop_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "runs: $runs"
echo "sweep (one JVM, --jobs default): $(printf %.1f "$sweep_s") s, $(printf %.2f "$(echo "scale=4; $runs / $sweep_s" | bc)") runs/s"
echo "shell loop of policy simulate:   $(printf %.1f "$loop_s") s, $(printf %.2f "$(echo "scale=4; $runs / $loop_s" | bc)") runs/s"
