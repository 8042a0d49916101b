package org.policy.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;
import picocli.CommandLine;

/**
 * {@code -p/--param NAME=VALUE}, the same option in every command that runs a policy (simulate, compare,
 * verify): the values in the policy's own units, checked against its declarations: a name it declares, a
 * value of the declared type (durations with a unit, as every duration flag), inside the declared range.
 * {@link RepeatedSettings} refuses a name given twice.
 */
final class PolicyParams {
	static final String OPTION = "--param";

	private PolicyParams() {
	}

	/** @throws UsageError naming {@code --param} and the parameter */
	static Map<String, Long> parse(CommandLine cmd, CompiledPolicy policy, List<String> settings) {
		try {
			return check(policy, settings);
		} catch (IllegalArgumentException e) {
			throw Flags.error(cmd, OPTION, e.getMessage());
		}
	}

	/**
	 * The settings {@code NAME=VALUE} checked against {@code policy}'s declarations, without a command line
	 * (a sweep's SPEC reports the problem at its own position).
	 *
	 * @throws IllegalArgumentException saying what is wrong, naming the parameter
	 */
	static Map<String, Long> check(CompiledPolicy policy, List<String> settings) {
		Map<String, Long> values = new LinkedHashMap<>();
		for (String setting : settings) {
			int eq = setting.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("'" + setting + "' is not NAME=VALUE");
			}
			String name = setting.substring(0, eq).trim();
			String value = setting.substring(eq + 1).trim();
			CompiledPolicy.ParamSpec spec = policy.params().get(name);
			if (spec == null) {
				throw new IllegalArgumentException("policy " + policy.name() + " has no parameter '" + name + "'"
						+ (policy.params().isEmpty() ? " (it has none)"
								: " (it has: " + String.join(", ", policy.params().keySet()) + ")"));
			}
			long v = value(name, spec, value);
			if (v < spec.min() || v > spec.max()) {
				throw new IllegalArgumentException(name + "=" + value + " is outside its range " + range(spec) + " (policy "
						+ policy.name() + ")");
			}
			values.put(name, v);
		}
		policy.newInterpreter(values);
		return values;
	}

	private static long value(String name, CompiledPolicy.ParamSpec spec, String value) {
		try {
			return switch (spec.type()) {
				case "time" -> Durations.parse(value);
				case "bool" -> switch (value) {
					case "true" -> 1L;
					case "false" -> 0L;
					default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
				};
				default -> Long.parseLong(value);
			};
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(name + ": '" + value + "' is not an integer");
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(name + ": " + e.getMessage());
		}
	}

	/** A value in its parameter's own units, as {@link #range} writes bounds: 4ms, true, 12. */
	static String format(CompiledPolicy.ParamSpec spec, long v) {
		return bound(spec, v, "");
	}

	/** A parameter's range in its own units: durations as 1ms, not 1000000 (open ends as -inf/+inf). */
	static String range(CompiledPolicy.ParamSpec spec) {
		return "[" + bound(spec, spec.min(), "-inf") + ", " + bound(spec, spec.max(), "+inf") + "]";
	}

	private static String bound(CompiledPolicy.ParamSpec spec, long v, String open) {
		if (v == Long.MIN_VALUE || v == Long.MAX_VALUE) {
			return open;
		}
		return switch (spec.type()) {
			case "time" -> Durations.format(v);
			case "bool" -> v != 0 ? "true" : "false";
			default -> Long.toString(v);
		};
	}
}
