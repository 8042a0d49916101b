package org.policy.dsl.ide.server;

import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * lsp4j's launcher with the server's own reading and error handling plugged in where lsp4j lets one:
 * {@link FramedMessageProducer} instead of its stream reader, {@link RequestGate} in front of the server,
 * {@link ErrorResponses} for failed requests and on every error response going out.
 */
final class PolicyLauncher extends Launcher.Builder<LanguageClient> {
	private final ServerLog log;
	private final IntConsumer exit;
	private MessageJsonHandler json;
	private MessageConsumer replies;
	/** The same stream (and lock) as replies, without lsp4j's validation, which refuses a null id. */
	private MessageConsumer rawReplies;
	private RemoteEndpoint endpoint;
	private FramedMessageProducer producer;

	PolicyLauncher(ServerLog log, IntConsumer exit) {
		this.log = log;
		this.exit = exit;
		setExceptionHandler(new ErrorResponses(log));
	}

	@Override
	protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
		json = jsonHandler;
		StreamMessageConsumer stream = new StreamMessageConsumer(output, jsonHandler);
		replies = ErrorResponses.sanitizing(wrapMessageConsumer(stream));
		rawReplies = ErrorResponses.sanitizing(stream);
		endpoint = new RemoteEndpoint(replies, ServiceEndpoints.toEndpoint(localServices), exceptionHandler);
		jsonHandler.setMethodProvider(endpoint);
		endpoint.setJsonHandler(jsonHandler);
		return endpoint;
	}

	@Override
	protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer ignored, MessageConsumer incoming,
			LanguageClient client) {
		producer = new FramedMessageProducer(new FrameReader(input), json, endpoint, rawReplies, log);
		RequestGate gate = new RequestGate(incoming, replies, getSupportedMethods().keySet(), status -> {
			producer.close();
			exit.accept(status);
		}, log);
		return new ConcurrentMessageProcessor(producer, gate);
	}
}
