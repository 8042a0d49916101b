package org.policy.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promise, as a check of one {@link Observation}: bad input of any kind gets a clear message, a
 * non-zero exit, no stack trace, no half-written output, and never a hang. The one place that says what
 * counts as a failure; the tests and {@code policy fuzz} both use it.
 *
 * <ul>
 * <li><b>hang</b>: the input did not finish within the time limit.
 * <li><b>exception</b>: an exception escaped the code under test (for the policy kind: the loader or the
 * compiler threw instead of returning diagnostics).
 * <li><b>exit3</b>: a command ended with status 3 (internal error); <b>bad-status</b>: with a status other
 * than 0, 1, 2, 4 (the documented ones; 4: verify inconclusive).
 * <li><b>stack-trace</b>: stdout or stderr (for the language server: any response, or its log) contains a
 * Java stack frame ({@code at pkg.Class.method(}); <b>java-exception-text</b>: it names a Java exception
 * class ({@code java.io.IOException}), a message for developers, not users.
 * <li><b>silent-failure</b>: a non-zero status with nothing printed.
 * <li><b>unpositioned</b>: an error line about an input file is not positioned. <i>Positioned</i> means
 * {@code FILE:LINE:COL: message} where FILE is the name the input was given under, 1 ≤ LINE ≤ the file's
 * line count (+1 for an error at the very end), and 1 ≤ COL ≤ that line's length + 1. Which lines are
 * "about an input file" is the target's business ({@link Observation#diagnostics()}): for policies every
 * diagnostic of the loader; for workloads and traces every stderr line of a failed {@code simulate} that
 * starts with the file's name; for {@code check} every stdout line. Errors about flags name the flag
 * instead and are not position-checked.
 * <li><b>half-written-output</b>: an output directory (or its staging sibling) is left behind by a command
 * that failed, or a staging directory by one that succeeded.
 * </ul>
 */
public final class Oracle {
	private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w$.]+\\.[\\w$<>]+\\(");
	private static final Pattern EXCEPTION_NAME = Pattern.compile(
			"\\b(?:java|javax|org|com|sun|jdk)\\.[\\w.$]*(?:Exception|Error)\\b");
	// DOTALL: a message may quote a character Java's '.' does not match (U+2028, U+0085).
	private static final Pattern POSITIONED = Pattern.compile("^(.+?):(\\d+):(\\d+): .+", Pattern.DOTALL);

	private Oracle() {
	}

	/**
	 * The findings of one run.
	 *
	 * @param command for command-line kinds the subcommand (it refines the categories), else null
	 */
	public static List<Finding> check(Kind kind, String command, Observation o) {
		java.util.Map<String, String> sources = o.sources();
		String prefix = kind.label() + "/";
		String suffix = command == null ? "" : "/" + command;
		List<Finding> findings = new ArrayList<>();
		if (o.timedOut()) {
			findings.add(new Finding(prefix + "hang" + suffix, "did not finish within the time limit"));
			return findings;
		}
		if (o.thrown() != null) {
			findings.add(new Finding(prefix + "exception/" + rootName(o.thrown()) + suffix,
					firstLine(String.valueOf(o.thrown().getMessage())) + where(o.thrown())));
		}
		if (o.status() == 3) {
			findings.add(new Finding(prefix + "exit3" + suffix + ":" + signature(o.err()), firstLine(o.err())));
		} else if (o.status() > 4 || o.status() < -1) {
			findings.add(new Finding(prefix + "bad-status" + suffix, "status " + o.status()));
		}
		for (String stream : new String[] { o.out(), o.err() }) {
			String trace = stackTrace(stream);
			if (trace != null) {
				findings.add(new Finding(prefix + "stack-trace" + suffix, trace));
				break;
			}
			String name = exceptionName(stream);
			if (name != null) {
				Matcher cls = EXCEPTION_NAME.matcher(name);
				String signature = cls.find() ? cls.group() : "";
				findings.add(new Finding(prefix + "java-exception-text" + suffix + ":" + signature, name));
				break;
			}
		}
		if (o.status() > 0 && o.out().isBlank() && o.err().isBlank()) {
			findings.add(new Finding(prefix + "silent-failure" + suffix, "status " + o.status() + ", no message"));
		}
		for (String line : o.diagnostics()) {
			String problem = positionProblem(line, sources);
			if (problem != null) {
				findings.add(new Finding(prefix + "unpositioned" + suffix + ":" + messageSignature(line, sources),
						problem + ": " + abbreviate(line)));
				break;
			}
		}
		for (String leftover : o.leftovers()) {
			findings.add(new Finding(prefix + "half-written-output" + suffix, leftover));
		}
		for (String extra : o.extra()) {
			int colon = extra.indexOf(':');
			findings.add(new Finding(prefix + extra.substring(0, colon) + suffix, extra.substring(colon + 1).strip()));
		}
		return findings;
	}

	/** The offending line if {@code text} shows a stack frame, else null. */
	public static String stackTrace(String text) {
		Matcher frame = STACK_FRAME.matcher(text);
		if (frame.find()) {
			return abbreviate(lineAt(text, frame.start()));
		}
		return null;
	}

	/** The offending line if {@code text} names a Java exception class (a message for developers), else null. */
	public static String exceptionName(String text) {
		Matcher name = EXCEPTION_NAME.matcher(text);
		if (name.find()) {
			return abbreviate(lineAt(text, name.start()));
		}
		return null;
	}

	/** Why {@code line} is not positioned in one of {@code sources}, or null if it is. */
	public static String positionProblem(String line, java.util.Map<String, String> sources) {
		Matcher m = POSITIONED.matcher(line);
		if (!m.matches()) {
			return "no FILE:LINE:COL";
		}
		String text = sources.get(m.group(1));
		if (text == null) {
			return "names no input file";
		}
		long lineNo;
		long col;
		try {
			lineNo = Long.parseLong(m.group(2));
			col = Long.parseLong(m.group(3));
		} catch (NumberFormatException e) {
			return "position out of range";
		}
		String[] lines = text.split("\r\n|\r|\n", -1);
		if (lineNo < 1 || lineNo > lines.length + 1) {
			return "line " + lineNo + " outside the file (" + lines.length + " lines)";
		}
		int length = lineNo <= lines.length ? lines[(int) lineNo - 1].length() : 0;
		if (col < 1 || col > length + 1) {
			return "column " + col + " outside line " + lineNo + " (" + length + " characters)";
		}
		return null;
	}

	/**
	 * The stable part of an internal-error message, so that two defects that both end in status 3 are two
	 * categories: the text after "internal error:", with paths, numbers and quoted values blotted out.
	 */
	static String signature(String err) {
		String line = err.lines().filter(l -> l.contains("internal error")).findFirst().orElse(firstLine(err));
		int at = line.indexOf("internal error:");
		String text = at < 0 ? line : line.substring(at + "internal error:".length());
		int cause = text.indexOf(" (caused");
		if (cause >= 0) {
			text = text.substring(0, cause);
		}
		text = text.replaceAll("\\S*/\\S*", "PATH").replaceAll("'[^']*'|\"[^\"]*\"", "Q").replaceAll("[0-9]+", "N")
				.strip();
		return text.length() <= 50 ? text : text.substring(0, 50);
	}

	/** The first words of an unpositioned message, after its file name, numbers and quotes blotted out. */
	static String messageSignature(String line, java.util.Map<String, String> sources) {
		String text = line;
		for (String name : sources.keySet()) {
			if (text.startsWith(name)) {
				text = text.substring(name.length()).replaceFirst("^[:0-9]*\\s*", "");
				break;
			}
		}
		text = text.replaceAll("'[^']*'|\"[^\"]*\"", "Q").replaceAll("[0-9]+", "N");
		String[] words = text.strip().split("\\s+");
		return String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
	}

	/** The innermost cause's class: a wrapper (ExecutionException, WrappedException) says nothing. */
	private static String rootName(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

	private static String where(Throwable t) {
		for (StackTraceElement e : t.getStackTrace()) {
			if (e.getClassName().startsWith("org.policy.") && !e.getClassName().startsWith("org.policy.fuzz.")) {
				String cls = e.getClassName();
				return " at " + cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName();
			}
		}
		return "";
	}

	private static String lineAt(String text, int offset) {
		int start = text.lastIndexOf('\n', offset) + 1;
		int end = text.indexOf('\n', offset);
		return text.substring(start, end < 0 ? text.length() : end).strip();
	}

	static String firstLine(String text) {
		String stripped = text.strip();
		int nl = stripped.indexOf('\n');
		return abbreviate(nl < 0 ? stripped : stripped.substring(0, nl));
	}

	static String abbreviate(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "...";
	}
}
