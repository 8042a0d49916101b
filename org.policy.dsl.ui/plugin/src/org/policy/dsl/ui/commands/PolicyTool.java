package org.policy.dsl.ui.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.markers.PolicyMarkers;
import org.policy.dsl.ui.preferences.PolicyPreferences;

/**
 * Runs one of the toolchain's commands ({@code policy verify|simulate|generate FILE [extra arguments]})
 * as an external process in the file's folder: the output goes to the Policy console, and every line
 * of the form {@code FILE:LINE:COL: [error|warning: ]message} about the file becomes a problem marker
 * (type {@link PolicyMarkers#TOOL}), so that a counterexample or a failed generation shows in the
 * Problems view. The {@code policy} command and the extra arguments are preferences (Policy page).
 */
public final class PolicyTool {
	private PolicyTool() {
	}

	private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):(\\d+):(\\d+): (?:(error|warning|info): )?(.*)$");

	/** Runs the tool in a background job. */
	public static Job schedule(String tool, IFile file) {
		Job job = Job.create("policy " + tool + " " + file.getName(), (org.eclipse.core.runtime.jobs.IJobFunction) monitor -> run(tool, file, monitor));
		// No scheduling rule: a simulation may run for minutes, and live checking (which updates markers)
		// must not wait for it. The refresh at the end takes the rule it needs itself.
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** The command line for {@code tool} on {@code file}. */
	static List<String> commandLine(String tool, Path file) {
		List<String> command = new ArrayList<>();
		command.add(PolicyPreferences.command());
		command.add(tool);
		command.add(file.toString());
		for (String argument : PolicyPreferences.extraArguments(tool).trim().split("\\s+")) {
			if (!argument.isEmpty()) {
				command.add(argument);
			}
		}
		return command;
	}

	static IStatus run(String tool, IFile file, IProgressMonitor monitor) {
		Path path = file.getLocation().toFile().toPath();
		List<String> command = commandLine(tool, path);
		PolicyConsole.println("$ " + String.join(" ", command));
		List<String> output = new ArrayList<>();
		int exit;
		try {
			Process process = new ProcessBuilder(command).directory(path.getParent().toFile()).redirectErrorStream(true)
					.start();
			process.getOutputStream().close();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					output.add(line);
					PolicyConsole.println(line);
					if (monitor.isCanceled()) {
						process.destroy();
					}
				}
			}
			exit = process.waitFor();
		} catch (IOException e) {
			PolicyConsole.println("cannot run '" + command.get(0) + "': " + e.getMessage()
					+ "\nSet the path of the policy command in Window > Preferences > Policy.");
			return Status.warning("cannot run " + command.get(0));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		}
		PolicyConsole.println("policy " + tool + " exited with status " + exit);
		replaceToolMarkers(file, output);
		try {
			file.getParent().refreshLocal(IResource.DEPTH_INFINITE, monitor); // generate writes files
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot refresh " + file.getParent().getFullPath(), e);
		}
		return Status.OK_STATUS;
	}

	/** Replaces the file's tool markers by one per {@code FILE:LINE:COL: message} line about it. */
	static void replaceToolMarkers(IFile file, List<String> output) {
		try {
			file.deleteMarkers(PolicyMarkers.TOOL, false, IResource.DEPTH_ZERO);
			for (String line : output) {
				Matcher m = DIAGNOSTIC.matcher(line);
				if (m.matches() && Path.of(m.group(1)).getFileName().toString().equals(file.getName())) {
					// with its attributes at once, as the check markers (PolicyMarkers)
					file.createMarker(PolicyMarkers.TOOL, java.util.Map.of(IMarker.LINE_NUMBER, Integer.parseInt(m.group(2)),
							IMarker.MESSAGE, m.group(5), IMarker.SEVERITY, "warning".equals(m.group(4))
									? IMarker.SEVERITY_WARNING
									: "info".equals(m.group(4)) ? IMarker.SEVERITY_INFO : IMarker.SEVERITY_ERROR));
				}
			}
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot update the tool markers of " + file.getFullPath(), e);
		}
	}
}
