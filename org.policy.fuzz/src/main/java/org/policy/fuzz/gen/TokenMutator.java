package org.policy.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token-level mutations of text: split into tokens (words, numbers, punctuation, blanks), then delete,
 * duplicate, swap, replace or insert tokens, with a dictionary of the language's keywords and operators
 * and of troublesome characters (BOM, NUL, lone surrogates, very long names, deep brackets).
 */
public final class TokenMutator {
	private static final Pattern TOKEN = Pattern.compile("\\s+|[A-Za-z_][A-Za-z_0-9]*|[0-9]+[a-z]*|=>|[-+=!<>]=|&&|\\|\\||.",
			Pattern.DOTALL);
	private final List<String> dictionary;

	public TokenMutator(List<String> dictionary) {
		this.dictionary = dictionary;
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher m = TOKEN.matcher(text);
		while (m.find()) {
			tokens.add(m.group());
		}
		return tokens;
	}

	/** {@code count} mutations of {@code text}; returns the text and appends what was done to {@code how}. */
	public String mutate(String text, SplittableRandom r, int count, StringBuilder how) {
		List<String> tokens = tokens(text);
		for (int i = 0; i < count; i++) {
			if (tokens.isEmpty()) {
				tokens.add(Pick.one(r, dictionary));
			}
			int at = r.nextInt(tokens.size());
			int op = r.nextInt(9);
			switch (op) {
				case 0 -> tokens.remove(at);
				case 1 -> tokens.add(at, tokens.get(at));
				case 2 -> {
					int other = r.nextInt(tokens.size());
					String t = tokens.get(at);
					tokens.set(at, tokens.get(other));
					tokens.set(other, t);
				}
				case 3 -> tokens.set(at, Pick.one(r, dictionary));
				case 4 -> tokens.add(at, " " + Pick.one(r, dictionary) + " ");
				case 5 -> tokens.set(at, Pick.nastyNumber(r));
				case 6 -> tokens.add(at, special(r));
				case 7 -> {
					// Cut the text short: an unfinished file.
					int keep = r.nextInt(tokens.size());
					tokens.subList(keep, tokens.size()).clear();
				}
				default -> {
					// Repeat a run of tokens: long lists, repeated declarations.
					int end = Math.min(tokens.size(), at + 1 + r.nextInt(8));
					List<String> run = new ArrayList<>(tokens.subList(at, end));
					int times = 1 + r.nextInt(Pick.chance(r, 0.05) ? 100 : 4);
					for (int k = 0; k < times; k++) {
						tokens.addAll(end, run);
					}
				}
			}
			how.append(' ').append(switch (op) {
				case 0 -> "delete";
				case 1 -> "duplicate";
				case 2 -> "swap";
				case 3 -> "replace";
				case 4 -> "insert";
				case 5 -> "number";
				case 6 -> "special";
				case 7 -> "truncate";
				default -> "repeat";
			});
		}
		return String.join("", tokens);
	}

	/** Characters and shapes that parsers and position arithmetic get wrong. */
	static String special(SplittableRandom r) {
		return switch (r.nextInt(12)) {
			case 0 -> "\uFEFF";
			case 1 -> "\u0000";
			case 2 -> "\r";
			case 3 -> "\t\t";
			case 4 -> "\uD800";
			case 5 -> "é\u00e9名";
			case 6 -> "x".repeat(1 + r.nextInt(1000));
			case 7 -> "(".repeat(1 + r.nextInt(3000));
			case 8 -> "/*";
			case 9 -> "//";
			case 10 -> "\"";
			default -> "\u2028";
		};
	}
}
