package org.policy.dsl;

import com.google.inject.Inject;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.conversion.impl.AbstractDeclarativeValueConverterService;
import org.eclipse.xtext.conversion.impl.AbstractIDValueConverter;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Converts the grammar's terminals to values: int literals to 64-bit values, duration literals
 * ({@code 250us}, {@code 4ms}) to nanoseconds, identifiers as Xtext does (a leading ^ dropped). The
 * grammar does not inherit Xtext's Terminals, so neither do these converters.
 */
public class PolicyValueConverters extends AbstractDeclarativeValueConverterService {

	@Inject
	private AbstractIDValueConverter idValueConverter;

	@ValueConverter(rule = "ID")
	public IValueConverter<String> ID() {
		return idValueConverter;
	}


	/** The text of {@code -Long.MIN_VALUE}, which does not fit: only its negation can be written. */
	public static final String MIN_MAGNITUDE = "9223372036854775808";

	/**
	 * An int is 64 bits, so is its literal. {@code 9223372036854775808} (2^63) becomes
	 * {@link Long#MIN_VALUE}, which negated is itself: {@code -9223372036854775808} is then the
	 * smallest int, as users write it; TypeChecks refuses that literal anywhere but after a minus.
	 */
	@ValueConverter(rule = "INTEGER")
	public IValueConverter<Long> INTEGER() {
		return new IValueConverter<Long>() {
			@Override
			public Long toValue(String string, INode node) {
				if (string == null || string.isEmpty()) {
					throw new ValueConverterException("an int needs digits", node, null);
				}
				if (string.equals(MIN_MAGNITUDE)) {
					return Long.MIN_VALUE;
				}
				try {
					return Long.parseLong(string);
				} catch (NumberFormatException e) {
					throw new ValueConverterException("the int " + string + " is too large: an int is at most "
							+ Long.MAX_VALUE, node, null);
				}
			}

			@Override
			public String toString(Long value) {
				return value == Long.MIN_VALUE ? MIN_MAGNITUDE : Long.toString(value);
			}
		};
	}

	@ValueConverter(rule = "DURATION")
	public IValueConverter<Long> duration() {
		return new IValueConverter<Long>() {
			@Override
			public Long toValue(String string, INode node) {
				if (string == null || string.isEmpty()) {
					throw new ValueConverterException("a duration needs digits and a unit", node, null);
				}
				int unitStart = 0;
				while (unitStart < string.length() && Character.isDigit(string.charAt(unitStart))) {
					unitStart++;
				}
				String unit = string.substring(unitStart);
				long scale = switch (unit) {
					case "ns" -> 1L;
					case "us" -> 1_000L;
					case "ms" -> 1_000_000L;
					case "s" -> 1_000_000_000L;
					default -> throw new ValueConverterException("unknown time unit '" + unit + "'", node, null);
				};
				try {
					return Math.multiplyExact(Long.parseLong(string.substring(0, unitStart)), scale);
				} catch (NumberFormatException | ArithmeticException e) {
					throw new ValueConverterException("duration " + string + " is too large", node, null);
				}
			}

			@Override
			public String toString(Long value) {
				return value + "ns";
			}
		};
	}
}
