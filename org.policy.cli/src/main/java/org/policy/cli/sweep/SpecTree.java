package org.policy.cli.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SPEC file, YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}), into {@link SpecNode}s
 * with their positions, using Jackson's streaming parsers (the one place that knows both formats). A
 * syntax error or a key written twice is a {@link SpecException} at its position.
 */
final class SpecTree {
	private final String file;
	private final JsonParser parser;

	private SpecTree(String file, JsonParser parser) {
		this.file = file;
		this.parser = parser;
	}

	/** The factory for {@code file}'s format, chosen by its extension; null when it has none of ours. */
	static JsonFactory factoryFor(String file) {
		String lower = file.toLowerCase(java.util.Locale.ROOT);
		if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
			return new YAMLFactory();
		}
		return lower.endsWith(".json") ? new JsonFactory() : null;
	}

	/** The document of {@code in}; {@code file} is the name messages use. */
	static SpecNode read(String file, JsonFactory factory, Reader in) throws SpecException, IOException {
		try (JsonParser p = factory.createParser(in)) {
			SpecTree tree = new SpecTree(file, p);
			JsonToken first = p.nextToken();
			if (first == null) {
				throw new SpecException(new SpecNode.Position(file, 1, 1), "the SPEC is empty");
			}
			SpecNode root = tree.value(first);
			JsonToken extra = p.nextToken();
			if (extra != null) {
				throw new SpecException(tree.here(), "more than one document: the SPEC is one mapping");
			}
			return root;
		} catch (JsonProcessingException e) {
			if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
				// SnakeYAML's message spans lines (context, a quote of the line, the problem): keep its problem
				// and the place of the problem, which is where the file must change
				throw new SpecException(new SpecNode.Position(file, y.getProblemMark().getLine() + 1,
						y.getProblemMark().getColumn() + 1), (y.getContext() != null ? y.getContext() + ": " : "") + y.getProblem());
			}
			JsonLocation l = e.getLocation();
			SpecNode.Position at = l == null ? new SpecNode.Position(file, 1, 1)
					: new SpecNode.Position(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
			throw new SpecException(at, oneLine(e.getOriginalMessage()));
		}
	}

	private SpecNode value(JsonToken token) throws IOException, SpecException {
		SpecNode.Position at = here();
		switch (token) {
			case START_OBJECT: {
				SpecNode.Mapping m = new SpecNode.Mapping(at);
				for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
					SpecNode.Position keyAt = here();
					String key = parser.currentName();
					if (m.values().containsKey(key)) {
						throw new SpecException(keyAt, "key '" + key + "' is written twice (first at line "
								+ m.keys().get(key).line() + ")");
					}
					SpecNode v = value(parser.nextToken());
					m.keys().put(key, keyAt);
					m.values().put(key, v);
				}
				return m;
			}
			case START_ARRAY: {
				List<SpecNode> items = new ArrayList<>();
				for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
					items.add(value(t));
				}
				return new SpecNode.Sequence(at, items);
			}
			case VALUE_NUMBER_INT:
			case VALUE_NUMBER_FLOAT:
				return new SpecNode.Scalar(at, parser.getText(), true, false);
			case VALUE_TRUE:
			case VALUE_FALSE:
				return new SpecNode.Scalar(at, parser.getText(), false, true);
			case VALUE_STRING:
				return new SpecNode.Scalar(at, parser.getText(), false, false);
			case VALUE_NULL:
				return new SpecNode.Null(at);
			default:
				throw new SpecException(at, "unexpected " + token);
		}
	}

	private SpecNode.Position here() {
		JsonLocation l = parser.currentTokenLocation();
		return new SpecNode.Position(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
	}

	private static String oneLine(String message) {
		int nl = message == null ? -1 : message.indexOf('\n');
		return message == null ? "cannot be read" : nl < 0 ? message : message.substring(0, nl);
	}
}
