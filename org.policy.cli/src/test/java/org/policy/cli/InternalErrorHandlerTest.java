package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;
import org.policy.workload.WorkloadException;

class InternalErrorHandlerTest {

	@Test
	void describesAnExceptionByItsMessage() {
		assertEquals("boom", InternalErrorHandler.describe(new IllegalStateException("boom")));
	}

	@Test
	void describesAnExceptionWithoutMessageByItsKind() {
		assertEquals("NullPointerException", InternalErrorHandler.describe(new NullPointerException()));
	}

	@Test
	void keepsTheFirstLineAndTheRootCause() {
		Throwable t = new RuntimeException("Unable to provision, see the following errors:\n\n1) long story",
				new IllegalArgumentException("wrapped", new NoSuchFieldError("INSTANCE")));

		assertEquals("Unable to provision, see the following errors: (caused by NoSuchFieldError: INSTANCE)",
				InternalErrorHandler.describe(t));
	}

	@Test
	void looksThroughReflectionWrappers() {
		assertEquals("boom", InternalErrorHandler.describe(
				new InvocationTargetException(new IllegalStateException("boom"))));
	}

	@Test
	void aMessageWithoutWordsKeepsTheExceptionsKind() {
		assertEquals("NegativeArraySizeException: -1094967296",
				InternalErrorHandler.describe(new NegativeArraySizeException("-1094967296")));
	}

	@Test
	void aWorkloadWithErrorsIsAProblemOfTheInputWithItsPosition() {
		StringWriter text = new StringWriter();
		int status = InternalErrorHandler.report(new PrintWriter(text),
				new WorkloadException("w.json", 3, 7, "$.tasks.t.run: expected an integer, found a string"), null);
		assertEquals(ExitStatus.PROBLEM, status);
		assertEquals("w.json:3:7: $.tasks.t.run: expected an integer, found a string\n", text.toString());
	}
}
