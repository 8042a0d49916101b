package org.policy.dsl.ide.quickfix;

import java.util.List;
import java.util.Locale;

/** Names close to a misspelt one: edit distance at most a third of its length (at least 1, at most 3). */
final class DidYouMean {
	private DidYouMean() {
	}

	static List<String> suggestions(String wrong, Iterable<String> candidates, int max) {
		int limit = Math.max(1, Math.min(3, wrong.length() / 3));
		java.util.Map<String, Integer> distances = new java.util.TreeMap<>();
		for (String candidate : candidates) {
			int d = distance(wrong.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
			if (d <= limit && !candidate.equals(wrong)) {
				distances.merge(candidate, d, Math::min);
			}
		}
		return distances.entrySet().stream()
				.sorted(java.util.Map.Entry.<String, Integer>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
				.limit(max).map(java.util.Map.Entry::getKey).toList();
	}

	/** Levenshtein distance, with a transposition of two neighbours counting as one edit. */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
