package org.policy.dsl.ide.tests;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** A language client that records what the server publishes. */
final class RecordingClient implements LanguageClient {

	private final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

	/** The next diagnostics published for {@code uri}, waiting up to a minute for them. */
	List<Diagnostic> diagnosticsFor(String uri) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams published = diagnostics.poll(1, TimeUnit.SECONDS);
			if (published != null && published.getUri().equals(uri)) {
				return published.getDiagnostics();
			}
		}
		throw new AssertionError("no diagnostics for " + uri + " within a minute");
	}

	@Override
	public void publishDiagnostics(PublishDiagnosticsParams params) {
		diagnostics.add(params);
	}

	@Override
	public void telemetryEvent(Object object) {
	}

	@Override
	public void showMessage(MessageParams params) {
	}

	@Override
	public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void logMessage(MessageParams params) {
	}
}
