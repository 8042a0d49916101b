package org.policy.dsl;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;

/** Converts duration literals ({@code 250us}, {@code 4ms}) to nanoseconds. */
public class PolicyValueConverters extends DefaultTerminalConverters {

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
