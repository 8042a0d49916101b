package org.policy.verifier;

/** The properties the verifier checks; docs/verification.md defines both exactly. */
public enum Property {
	/** Work conservation: after every balancing round (no event during it), no core idles beside waiting work. */
	WC("work conservation"),
	/**
	 * Concurrent work conservation (Ipanema): events interleave with the cores' steals, and the steal of
	 * an idle core beside waiting work must give it a thread or leave no waiting work.
	 */
	CWC("concurrent work conservation");

	private final String title;

	Property(String title) {
		this.title = title;
	}

	public String title() {
		return title;
	}

	/** The lower-case name used on the command line and in files: wc, cwc. */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
