package org.policy.dsl.ide.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Reads messages with {@link FrameReader} and parses them, replacing lsp4j's {@code StreamMessageProducer}.
 * Nothing a client sends ends the loop except the end of its input: a refused frame is logged (one line),
 * a body that is not JSON gets JSON-RPC's Parse error ({@code -32700}, id null) as the standard asks, and a
 * request whose params do not fit its method gets lsp4j's issue response.
 */
final class FramedMessageProducer implements MessageProducer {
	private final FrameReader frames;
	private final MessageJsonHandler json;
	private final MessageIssueHandler issues;
	private final MessageConsumer replies;
	private final ServerLog log;
	private volatile boolean running;

	FramedMessageProducer(FrameReader frames, MessageJsonHandler json, MessageIssueHandler issues,
			MessageConsumer replies, ServerLog log) {
		this.frames = frames;
		this.json = json;
		this.issues = issues;
		this.replies = replies;
		this.log = log;
	}

	@Override
	public void listen(MessageConsumer callback) {
		running = true;
		while (running) {
			FrameReader.Frame frame;
			try {
				frame = frames.next();
			} catch (InterruptedIOException | ClosedChannelException e) {
				return;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			if (frame == null) {
				return;
			}
			if (frame.error() != null) {
				log.line("ignored a message: " + frame.error() + "; reading on from the next Content-Length header");
				continue;
			}
			handle(frame.text(), callback);
		}
	}

	private void handle(String content, MessageConsumer callback) {
		try {
			dispatch(content, callback);
		} catch (RuntimeException e) {
			// Whatever fails while handling one message (lsp4j's own checks of a reply, say) ends only it.
			log.line("failed to handle a message: " + ServerLog.summary(e));
		}
	}

	private void dispatch(String content, MessageConsumer callback) {
		Message message;
		try {
			message = json.parseMessage(content);
		} catch (MessageIssueException e) {
			issues.handle(e.getRpcMessage(), e.getIssues());
			return;
		} catch (RuntimeException | StackOverflowError e) {
			// Not JSON (or nested deeper than the parser's stack): the id is unknown, so it is null.
			log.line("ignored a message that is not JSON-RPC: " + ServerLog.summary(e));
			ResponseMessage reply = new ResponseMessage();
			reply.setError(new ResponseError(ResponseErrorCode.ParseError, "Parse error: the message is not valid JSON-RPC",
					null));
			replies.consume(reply);
			return;
		}
		try {
			callback.consume(message);
		} catch (MessageIssueException e) {
			issues.handle(e.getRpcMessage(), e.getIssues());
		}
	}

	/** Stops after the message being handled (the protocol's {@code exit}). */
	void close() {
		running = false;
	}
}
