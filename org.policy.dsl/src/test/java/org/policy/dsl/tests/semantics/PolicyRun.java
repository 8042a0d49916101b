package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.Topology;

/** Test fixture: a policy from text, compiled, with a machine to run events on. */
final class PolicyRun {
	private static final Injector INJECTOR = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();

	final CompiledPolicy policy;
	final Interpreter interpreter;
	final Machine machine;

	PolicyRun(String text, Topology topology, int threads, Map<String, Long> params) {
		this(text, topology, threads, params, true);
	}

	/** Without {@code boot}, the cores are initialised but have not settled yet (none is idle). */
	PolicyRun(String text, Topology topology, int threads, Map<String, Long> params, boolean boot) {
		this.policy = CompiledPolicy.of(parse(text));
		this.interpreter = policy.newInterpreter(params);
		this.machine = policy.newMachine(topology, threads);
		interpreter.initialise(machine);
		if (boot) {
			interpreter.boot(machine);
		}
	}

	/**
	 * Ends an event that ran on {@code core} (Interpreter.complete), then delivers every pending reschedule,
	 * lowest core first, until none is left: the schedule of a kick latency of 0.
	 */
	void endEvent(int core) {
		interpreter.complete(machine, core);
		deliverAll(machine);
	}

	/** Delivers every pending reschedule of {@code m}, lowest core first, until none is left. */
	void deliverAll(Machine m) {
		for (int c = m.nextPendingReschedule(0); c < m.cores(); c = m.nextPendingReschedule(0)) {
			interpreter.reschedule(m, c);
		}
	}

	PolicyRun(String text, int cores, int threads) {
		this(text, Topology.flat(cores), threads, Map.of());
	}

	static Policy parse(String text) {
		try {
			XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
			XtextResource resource = (XtextResource) set.createResource(URI.createURI("test.policy"));
			resource.load(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
					Map.of());
			assertTrue(resource.getErrors().isEmpty(), () -> "errors: " + resource.getErrors());
			Policy policy = (Policy) resource.getContents().get(0);
			EcoreUtil2.resolveAll(policy);
			assertTrue(resource.getErrors().isEmpty(), () -> "errors: " + resource.getErrors());
			return policy;
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	int threadAttr(int thread, String name) {
		return (int) machine.threadAttr(thread, policy.layout().threadAttributes().indexOf(name));
	}

	long coreAttr(int core, String name) {
		return machine.coreAttr(core, policy.layout().coreAttributes().indexOf(name));
	}

	int queue(int core, String name) {
		return machine.coreQueue(core, policy.layout().queues().indexOf(name));
	}

	/** The threads of a per-core queue, in order, as "t0 t3 ...". */
	String queueContents(int core, String name) {
		return contents(queue(core, name));
	}

	String contents(int queue) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < machine.size(queue); i++) {
			out.append(i == 0 ? "" : " ").append('t').append(machine.at(queue, i));
		}
		return out.toString();
	}
}
