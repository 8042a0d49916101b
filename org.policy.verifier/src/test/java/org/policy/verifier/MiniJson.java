package org.policy.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON reader for the tests (objects, arrays, strings, integers): fails on anything else. */
final class MiniJson {
	private final String s;
	private int i;

	private MiniJson(String s) {
		this.s = s;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parseObject(String text) {
		MiniJson p = new MiniJson(text);
		Object v = p.value();
		p.space();
		if (p.i != text.length()) {
			throw new IllegalArgumentException("trailing text at " + p.i);
		}
		return (Map<String, Object>) v;
	}

	private Object value() {
		space();
		char c = s.charAt(i);
		if (c == '{') {
			i++;
			Map<String, Object> map = new LinkedHashMap<>();
			space();
			if (s.charAt(i) == '}') {
				i++;
				return map;
			}
			while (true) {
				space();
				String key = string();
				space();
				expect(':');
				if (map.put(key, value()) != null) {
					throw new IllegalArgumentException("duplicate key " + key);
				}
				space();
				if (s.charAt(i) == ',') {
					i++;
					continue;
				}
				expect('}');
				return map;
			}
		}
		if (c == '[') {
			i++;
			List<Object> list = new ArrayList<>();
			space();
			if (s.charAt(i) == ']') {
				i++;
				return list;
			}
			while (true) {
				list.add(value());
				space();
				if (s.charAt(i) == ',') {
					i++;
					continue;
				}
				expect(']');
				return list;
			}
		}
		if (c == '"') {
			return string();
		}
		int start = i;
		if (c == '-') {
			i++;
		}
		while (i < s.length() && Character.isDigit(s.charAt(i))) {
			i++;
		}
		if (start == i) {
			throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
		}
		return Long.parseLong(s.substring(start, i));
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (s.charAt(i) != '"') {
			char c = s.charAt(i++);
			if (c == '\\') {
				char e = s.charAt(i++);
				switch (e) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'r' -> out.append('\r');
					case 'u' -> {
						out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
						i += 4;
					}
					default -> out.append(e);
				}
			} else {
				out.append(c);
			}
		}
		i++;
		return out.toString();
	}

	private void expect(char c) {
		if (s.charAt(i) != c) {
			throw new IllegalArgumentException("expected '" + c + "' at " + i + ", found '" + s.charAt(i) + "'");
		}
		i++;
	}

	private void space() {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
	}
}
