package org.policy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.policy.cli.sweep.RunRecord;
import org.policy.cli.sweep.RunStore;
import org.policy.cli.sweep.SweepDirException;
import org.policy.cli.sweep.SweepCharts;
import org.policy.cli.sweep.SweepReport;
import org.policy.cli.sweep.SweepTables;

/**
 * {@code policy sweep --merge DIR... --out DIR}: joins the shard directories of one SPEC. Each shard
 * must carry the same SPEC hash, the shards must be exactly 1..N of one N, each complete; the finished
 * runs are copied into {@code --out}, which then is the directory a single machine would have written
 * (its runs.csv and summary.csv byte for byte, and resumable like it).
 */
final class SweepMerge {
	private SweepMerge() {
	}

	/** @return the number of runs */
	static int merge(List<Path> shards, Path out, boolean plots) throws SweepDirException {
		List<RunStore.Manifest> manifests = new ArrayList<>();
		for (Path dir : shards) {
			manifests.add(RunStore.manifest(dir));
		}
		RunStore.Manifest first = manifests.get(0);
		RunStore[] byShard = new RunStore[first.shards()];
		for (int k = 0; k < shards.size(); k++) {
			RunStore.Manifest m = manifests.get(k);
			if (!m.specHash().equals(first.specHash()) || !m.runs().equals(first.runs())) {
				throw new SweepDirException(shards.get(k) + " is a shard of another SPEC than " + shards.get(0)
						+ " (their SPEC hashes differ: " + m.specHash().substring(0, 12) + " vs " + first.specHash().substring(0, 12)
						+ ")");
			}
			if (m.shards() != first.shards()) {
				throw new SweepDirException(shards.get(k) + " is shard " + m.shard() + "/" + m.shards() + ", but "
						+ shards.get(0) + " is shard " + first.shard() + "/" + first.shards());
			}
			if (byShard[m.shard() - 1] != null) {
				throw new SweepDirException(shards.get(k) + " and " + byShard[m.shard() - 1].dir() + " are both shard "
						+ m.shard() + "/" + m.shards());
			}
			byShard[m.shard() - 1] = new RunStore(shards.get(k));
		}
		for (int i = 0; i < byShard.length; i++) {
			if (byShard[i] == null) {
				throw new SweepDirException("shard " + (i + 1) + "/" + first.shards() + " is missing");
			}
		}
		List<String> runs = first.runs();
		for (int i = 0; i < runs.size(); i++) {
			RunStore from = byShard[i % first.shards()];
			if (!from.has(runs.get(i))) {
				throw new SweepDirException("shard " + (i % first.shards() + 1) + "/" + first.shards() + " (" + from.dir()
						+ ") has not finished: run it again with the same SPEC to complete it");
			}
		}
		RunStore target = new RunStore(out);
		Set<String> done = target.open(new RunStore.Manifest(first.specHash(), 1, 1, runs));
		List<RunRecord> records = new ArrayList<>();
		try {
			for (int i = 0; i < runs.size(); i++) {
				RunStore from = byShard[i % first.shards()];
				if (!done.contains(runs.get(i))) {
					target.copyFrom(from, runs.get(i));
				}
				records.add(target.load(runs.get(i)));
			}
			SweepTables.write(out, records, true);
			if (plots) {
				SweepReport.write(out, records, SweepCharts.write(out, records));
			}
		} catch (IOException e) {
			throw new SweepDirException("cannot write " + out + ": " + e.getMessage());
		}
		return runs.size();
	}
}
