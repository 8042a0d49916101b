package org.policy.dsl.ide.server;

import java.util.Set;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * What the protocol says about a message before any language code sees it: an unknown method is "method
 * not found" ({@code -32601}, JSON-RPC), a request before {@code initialize} is "server not initialized"
 * ({@code -32002}, LSP) and a notification then is dropped, a second {@code initialize} or a request after
 * {@code shutdown} is an invalid request. {@code exit} ends the session here (status 0 after
 * {@code shutdown}, else 1, as LSP says) instead of in Xtext, which would end the whole JVM.
 */
final class RequestGate implements MessageConsumer {
	private static final String CANCEL = MessageJsonHandler.CANCEL_METHOD.getMethodName();

	private final MessageConsumer server;
	private final MessageConsumer replies;
	private final Set<String> methods;
	private final IntConsumer exit;
	private final ServerLog log;
	private boolean initialized;
	private boolean shutDown;

	RequestGate(MessageConsumer server, MessageConsumer replies, Set<String> methods, IntConsumer exit, ServerLog log) {
		this.server = server;
		this.replies = replies;
		this.methods = methods;
		this.exit = exit;
		this.log = log;
	}

	@Override
	public void consume(Message message) {
		if (message instanceof RequestMessage request) {
			String refusal = refusal(request);
			if (refusal != null) {
				return;
			}
		} else if (message instanceof NotificationMessage notification && !admit(notification)) {
			return;
		}
		server.consume(message);
	}

	/** Answers a request that must not reach the server and returns why; null if it may go on. */
	private String refusal(RequestMessage request) {
		String method = request.getMethod();
		if (method == null || !methods.contains(method)) {
			return refuse(request, ResponseErrorCode.MethodNotFound, "method not found: '" + method + "'");
		}
		if (method.equals("initialize")) {
			if (initialized) {
				return refuse(request, ResponseErrorCode.InvalidRequest, "the server is already initialized");
			}
			String missing = withWorkspace(request);
			if (missing != null) {
				return refuse(request, ResponseErrorCode.InvalidParams, missing);
			}
			initialized = true;
			return null;
		}
		if (!initialized) {
			return refuse(request, ResponseErrorCode.ServerNotInitialized,
					"the server is not initialized: send 'initialize' first");
		}
		if (shutDown) {
			return refuse(request, ResponseErrorCode.InvalidRequest, "the server is shut down: only 'exit' is accepted");
		}
		if (method.equals("shutdown")) {
			shutDown = true;
		}
		return null;
	}

	/**
	 * Xtext's server needs a workspace root (it fails with a NullPointerException without one): take the
	 * first workspace folder when {@code rootUri} is missing, and refuse an {@code initialize} with neither.
	 */
	private static String withWorkspace(RequestMessage request) {
		if (!(request.getParams() instanceof InitializeParams params)) {
			return "'initialize' needs its params";
		}
		if (params.getRootUri() == null) {
			if (params.getWorkspaceFolders() != null) {
				params.getWorkspaceFolders().stream().map(WorkspaceFolder::getUri)
						.filter(uri -> uri != null && !uri.isBlank()).findFirst().ifPresent(params::setRootUri);
			}
			if (params.getRootUri() == null && params.getRootPath() != null && !params.getRootPath().isBlank()) {
				params.setRootUri(java.nio.file.Path.of(params.getRootPath()).toUri().toString());
			}
		}
		return params.getRootUri() == null ? "'initialize' needs a rootUri or a workspace folder" : null;
	}

	private boolean admit(NotificationMessage notification) {
		String method = notification.getMethod();
		if ("exit".equals(method)) {
			exit.accept(shutDown ? 0 : 1);
			return false;
		}
		if (CANCEL.equals(method)) {
			return true; // lsp4j handles cancellation itself
		}
		if (method == null || !methods.contains(method)) {
			if (method == null || !method.startsWith("$/")) { // "$/" notifications may be ignored silently (LSP)
				log.line("ignored an unknown notification '" + method + "'");
			}
			return false;
		}
		return initialized && !shutDown; // LSP: notifications before initialize are dropped
	}

	private String refuse(RequestMessage request, ResponseErrorCode code, String message) {
		ResponseMessage reply = new ResponseMessage();
		reply.setRawId(request.getRawId());
		reply.setError(new ResponseError(code, message, null));
		replies.consume(reply);
		return message;
	}
}
