package org.policy.dsl.ide.server;

import java.io.FileNotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Turns a failed request into its JSON-RPC error, with a one-line message and no {@code data}: lsp4j's
 * default puts the whole stack trace in {@code data}. A request about a document the server cannot read
 * (never opened, not on disk) is the client's mistake, "invalid params"; anything else is an internal error,
 * logged as one line.
 */
final class ErrorResponses implements Function<Throwable, ResponseError> {
	private final ServerLog log;

	ErrorResponses(ServerLog log) {
		this.log = log;
	}

	@Override
	public ResponseError apply(Throwable thrown) {
		Throwable t = unwrap(thrown);
		if (t instanceof ResponseErrorException e && e.getResponseError() != null) {
			ResponseError error = e.getResponseError();
			return new ResponseError(error.getCode(), oneLine(error.getMessage()), null);
		}
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
			if (c instanceof IndexOutOfBoundsException && String.valueOf(c.getMessage()).startsWith("Position [")) {
				return new ResponseError(ResponseErrorCode.InvalidParams, "the position is outside the document", null);
			}
			if (c instanceof FileNotFoundException) {
				return new ResponseError(ResponseErrorCode.InvalidParams,
						"unknown document: it is not open and cannot be read (" + oneLine(c.getMessage()) + ")", null);
			}
		}
		log.line("a request failed: " + ServerLog.summary(t));
		return new ResponseError(ResponseErrorCode.InternalError, "internal error: " + ServerLog.summary(t), null);
	}

	private static Throwable unwrap(Throwable t) {
		Throwable current = t;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	static String oneLine(String message) {
		return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	/**
	 * The last guard on the way out: whatever produced an error response (lsp4j's own issue handling too),
	 * it leaves with a one-line message and without a Java exception in {@code data}.
	 */
	static MessageConsumer sanitizing(MessageConsumer out) {
		return (Message message) -> {
			if (message instanceof ResponseMessage response && response.getError() != null) {
				ResponseError error = response.getError();
				error.setMessage(oneLine(error.getMessage()));
				Object data = error.getData();
				if (data instanceof Throwable || (data instanceof String text && text.contains("\tat "))
						|| (data != null && data.toString().contains("Exception"))) {
					error.setData(null);
				}
			}
			out.consume(message);
		};
	}
}
