package org.policy.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@link JsonNode}s with Jackson's streaming parser, accepting what rt-app files use
 * beyond strict JSON: comments, trailing commas and repeated keys. Syntax errors carry Jackson's
 * location (line, column) and the path reached.
 */
final class JsonTreeReader {
	private static final JsonFactory FACTORY = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
			.enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
			.build();

	private JsonTreeReader() {
	}

	static JsonNode read(String file, Reader reader) throws WorkloadException, IOException {
		// a UTF-8 byte order mark (some editors write one) is not content: skip it
		java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
		int bom = in.read();
		if (bom >= 0 && bom != '\uFEFF') {
			in.unread(bom);
		}
		try (JsonParser parser = FACTORY.createParser(in)) {
			try {
				JsonToken first = parser.nextToken();
				if (first == null) {
					throw new WorkloadException(file, 1, 1, "$: the file is empty; expected a JSON object");
				}
				JsonNode root = value(parser, first, "$");
				JsonToken extra = parser.nextToken();
				if (extra != null) {
					JsonLocation at = parser.currentTokenLocation();
					throw new WorkloadException(file, at.getLineNr(), at.getColumnNr(),
							"$: unexpected content after the top-level value");
				}
				return root;
			} catch (JsonProcessingException e) {
				// a constraint failure (nesting too deep, a number too long) carries no location: the parser's
				JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
				int line = at == null ? 1 : Math.max(1, at.getLineNr());
				int column = at == null ? 1 : Math.max(1, at.getColumnNr());
				throw new WorkloadException(file, line, column, shortPath(path(parser)) + ": invalid JSON: "
						+ e.getOriginalMessage());
			}
		}
	}

	/** A path cut to its first 120 characters: a file nested 1000 deep would otherwise fill the screen. */
	static String shortPath(String path) {
		return path.length() <= 120 ? path : path.substring(0, 120) + "... (" + path.length() + " characters)";
	}

	/** Where the parser is, as a JSON path like the reader's ($.tasks.t1). */
	private static String path(JsonParser parser) {
		String pointer = parser.getParsingContext().pathAsPointer().toString();
		StringBuilder out = new StringBuilder("$");
		for (String part : pointer.split("/")) {
			if (part.isEmpty()) {
				continue;
			}
			String key = part.replace("~1", "/").replace("~0", "~");
			out.append(key.chars().allMatch(Character::isDigit) ? "[" + key + "]" : "." + key);
		}
		return out.toString();
	}

	private static JsonNode value(JsonParser p, JsonToken token, String path) throws IOException {
		JsonLocation at = p.currentTokenLocation();
		int line = at.getLineNr();
		int column = at.getColumnNr();
		switch (token) {
			case START_OBJECT -> {
				List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
				JsonToken t;
				while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
					String key = p.currentName();
					JsonNode v = value(p, p.nextToken(), path + "." + key);
					entries.add(new AbstractMap.SimpleImmutableEntry<>(key, v));
				}
				return new JsonNode.Obj(List.copyOf(entries), line, column, path);
			}
			case START_ARRAY -> {
				List<JsonNode> items = new ArrayList<>();
				JsonToken t;
				int i = 0;
				while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
					items.add(value(p, t, path + "[" + i++ + "]"));
				}
				return new JsonNode.Arr(List.copyOf(items), line, column, path);
			}
			case VALUE_STRING -> {
				return new JsonNode.Str(p.getText(), line, column, path);
			}
			case VALUE_NUMBER_INT -> {
				long v;
				try {
					v = p.getLongValue();
				} catch (IOException tooBig) {
					v = Long.MAX_VALUE;
				}
				return new JsonNode.Num(p.getDoubleValue(), v, true, p.getText(), line, column, path);
			}
			case VALUE_NUMBER_FLOAT -> {
				double d = p.getDoubleValue();
				return new JsonNode.Num(d, (long) d, false, p.getText(), line, column, path);
			}
			case VALUE_TRUE, VALUE_FALSE -> {
				return new JsonNode.Bool(token == JsonToken.VALUE_TRUE, line, column, path);
			}
			case VALUE_NULL -> {
				return new JsonNode.Null(line, column, path);
			}
			default -> throw new IllegalStateException("unexpected token " + token);
		}
	}
}
