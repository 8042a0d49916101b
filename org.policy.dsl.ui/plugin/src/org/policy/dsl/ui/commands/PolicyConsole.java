package org.policy.dsl.ui.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;

/** The "Policy" console: what check, verify, simulate and generate print. */
public final class PolicyConsole {
	private PolicyConsole() {
	}

	public static final String NAME = "Policy";

	public static synchronized MessageConsole get() {
		IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
		for (IConsole console : manager.getConsoles()) {
			if (NAME.equals(console.getName()) && console instanceof MessageConsole message) {
				return message;
			}
		}
		MessageConsole console = new MessageConsole(NAME, null);
		manager.addConsoles(new IConsole[] { console });
		return console;
	}

	/** Prints lines to the console and brings it to the front. */
	public static void println(String text) {
		MessageConsole console = get();
		try (MessageConsoleStream out = console.newMessageStream()) {
			out.println(text);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
	}
}
