package org.policy.dsl.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.Statement;

/**
 * Walks every path of a block, carrying an abstract state {@code S} (a value: equals/hashCode) along each,
 * and remembers the branch decisions that make each path, so that a message can name it
 * ("on the path where 'if (t.load > 0)' (line 12) is false").
 *
 * <p>An {@code if} forks the path (both branches are possible whatever the condition); a {@code foreach}
 * body runs zero, one or more times (iterated until its states stop changing); {@code return} ends the
 * path. Paths that reach one point with the same state are merged, keeping the one with the fewest
 * decisions; and a decision is forgotten when every way through its statement leads to the same state,
 * since it then does not matter for that state; and a loop body is not walked twice from one state.
 * This keeps the walk linear in practice and messages short.
 *
 * <p>What statements do to the state is the client's {@link Transfer}: checks that need a path
 * description at a statement read it from the {@link Path} they are given.
 */
public final class PathWalker<S> {

	/** What the statements of a path do to its state. */
	public interface Transfer<S> {
		/** The state after a simple statement (a {@code var}, an assignment or transition, a {@code return}). */
		S step(Statement statement, Path<S> path);

		/** The state after evaluating the condition of an {@code if} or the collection of a {@code foreach}. */
		default S evaluate(Expression expression, Path<S> path) {
			return path.state();
		}
	}

	/** How a path went through an {@code if} or a {@code foreach}. */
	public enum Outcome {
		TRUE("is true"), FALSE("is false"), ZERO("runs zero times"), ONCE("runs once"),
		SOME("runs at least once"), MORE("runs more than once");

		private final String words;

		Outcome(String words) {
			this.words = words;
		}
	}

	/** One branch decision of a path. */
	public record Decision(Statement statement, Outcome outcome) {
		public String describe() {
			String head;
			if (statement instanceof If branch) {
				head = "if (" + Source.text(branch.getCondition()) + ")";
			} else {
				Foreach loop = (Foreach) statement;
				head = "foreach " + (loop.getVariable() == null ? "?" : loop.getVariable().getName()) + " in "
						+ Source.text(loop.getCollection());
			}
			return "'" + head + "' (line " + Source.line(statement) + ") " + outcome.words;
		}
	}

	/** A path so far: its state, the decisions that lead to it, and the {@code return} that ended it, if any. */
	public record Path<S>(S state, List<Decision> decisions, Return end) {
		public boolean returned() {
			return end != null;
		}

		/** "on the path where 'if (x)' (line 3) is false", "when 'foreach ...' (line 7) runs zero times", or "". */
		public String describe() {
			return describe(decisions);
		}

		/**
		 * As {@link #describe()}, for a message at {@code point} inside the walked block: without the branch
		 * taken by each {@code if} that holds {@code point}, which its place already says (only the latest one:
		 * the same {@code if} in an earlier iteration of a loop still matters).
		 */
		public String describeAt(EObject point) {
			List<Decision> kept = new ArrayList<>(decisions);
			Set<Statement> seen = new HashSet<>();
			for (int i = kept.size() - 1; i >= 0; i--) {
				Decision decision = kept.get(i);
				if (seen.add(decision.statement()) && impliedBy(decision, point)) {
					kept.remove(i);
				}
			}
			return describe(kept);
		}

		private static boolean impliedBy(Decision decision, EObject point) {
			if (!(decision.statement() instanceof If branch)) {
				return false;
			}
			if (decision.outcome() == Outcome.TRUE) {
				return EcoreUtil.isAncestor(branch.getThen(), point);
			}
			return EcoreUtil.isAncestor(branch.getElse(), point) || EcoreUtil.isAncestor(branch.getElseIf(), point);
		}

		private static String describe(List<Decision> decisions) {
			if (decisions.isEmpty()) {
				return "";
			}
			Outcome first = decisions.get(0).outcome();
			String lead = first == Outcome.TRUE || first == Outcome.FALSE ? "on the path where " : "when ";
			// a loop may take the same branch in several iterations: saying it once is enough
			return lead + decisions.stream().distinct().map(Decision::describe).collect(Collectors.joining(" and "));
		}

		Path<S> with(S newState) {
			return new Path<>(newState, decisions, end);
		}

		Path<S> decide(Statement statement, Outcome outcome) {
			List<Decision> more = new ArrayList<>(decisions);
			more.add(new Decision(statement, outcome));
			return new Path<>(state, List.copyOf(more), end);
		}

		Path<S> redecide(int index, Outcome outcome) {
			List<Decision> changed = new ArrayList<>(decisions);
			changed.set(index, new Decision(changed.get(index).statement(), outcome));
			return new Path<>(state, List.copyOf(changed), end);
		}

		Path<S> ending(Return statement) {
			return new Path<>(state, decisions, statement);
		}
	}

	/** Paths still going on, and paths ended by {@code return}. */
	private record Flow<S>(List<Path<S>> open, List<Path<S>> closed) {
	}

	/** More rounds than any finite state space of a check needs; a guard, never reached in practice. */
	private static final int MAX_LOOP_ROUNDS = 64;

	private final Transfer<S> transfer;

	public PathWalker(Transfer<S> transfer) {
		this.transfer = transfer;
	}

	/** Every way through {@code body} from {@code initial}: paths ended by a return, then paths that fell off its end. */
	public List<Path<S>> walk(Block body, S initial) {
		Flow<S> flow = statements(statementsOf(body), List.of(new Path<>(initial, List.of(), null)));
		List<Path<S>> ends = new ArrayList<>(flow.closed());
		ends.addAll(flow.open());
		return ends;
	}

	private Flow<S> statements(List<Statement> statements, List<Path<S>> incoming) {
		List<Path<S>> open = incoming;
		List<Path<S>> closed = new ArrayList<>();
		for (Statement statement : statements) {
			if (open.isEmpty()) {
				break;
			}
			List<Path<S>> next = new ArrayList<>();
			for (Path<S> path : open) {
				Flow<S> flow = statement(statement, path);
				next.addAll(flow.open());
				closed.addAll(flow.closed());
			}
			open = merge(next);
		}
		return new Flow<>(open, merge(closed));
	}

	private Flow<S> statement(Statement statement, Path<S> path) {
		if (statement instanceof If branch) {
			return branch(branch, path);
		}
		if (statement instanceof Foreach loop) {
			return loop(loop, path);
		}
		Path<S> after = path.with(transfer.step(statement, path));
		if (statement instanceof Return end) {
			return new Flow<>(List.of(), List.of(after.ending(end)));
		}
		return new Flow<>(List.of(after), List.of());
	}

	private Flow<S> branch(If branch, Path<S> path) {
		Path<S> evaluated = path.with(transfer.evaluate(branch.getCondition(), path));
		Flow<S> then = statements(statementsOf(branch.getThen()), List.of(evaluated.decide(branch, Outcome.TRUE)));
		Path<S> otherwise = evaluated.decide(branch, Outcome.FALSE);
		Flow<S> elseFlow;
		if (branch.getElseIf() != null) {
			elseFlow = statements(List.of(branch.getElseIf()), List.of(otherwise));
		} else if (branch.getElse() != null) {
			elseFlow = statements(statementsOf(branch.getElse()), List.of(otherwise));
		} else {
			elseFlow = new Flow<>(List.of(otherwise), List.of());
		}
		List<Path<S>> open = new ArrayList<>(then.open());
		open.addAll(elseFlow.open());
		List<Path<S>> closed = new ArrayList<>(then.closed());
		closed.addAll(elseFlow.closed());
		return forgetIfIrrelevant(new Flow<>(merge(open), merge(closed)), evaluated);
	}

	private Flow<S> loop(Foreach loop, Path<S> path) {
		Path<S> evaluated = path.with(transfer.evaluate(loop.getCollection(), path));
		int index = evaluated.decisions().size();
		List<Statement> body = statementsOf(loop.getBody());
		List<Path<S>> open = new ArrayList<>();
		List<Path<S>> closed = new ArrayList<>();
		open.add(evaluated.decide(loop, Outcome.ZERO));

		Flow<S> once = statements(body, List.of(evaluated.decide(loop, Outcome.ONCE)));
		open.addAll(once.open());
		for (Path<S> returned : once.closed()) {
			closed.add(returned.redecide(index, Outcome.SOME));
		}
		Set<S> seen = new HashSet<>();
		// The states the body has been walked from: walking it again from one of them finds nothing new
		// (the states after it are seen, its returns are closed already). Skipping those walks keeps a
		// body that leaves the state as it is (the usual case) to one walk per loop, so that nested
		// loops cost their number, not 2 to the power of their depth.
		Set<S> walkedFrom = new HashSet<>();
		walkedFrom.add(evaluated.state());
		List<Path<S>> frontier = new ArrayList<>();
		for (Path<S> after : once.open()) {
			seen.add(after.state());
			frontier.add(after.redecide(index, Outcome.MORE));
		}
		for (int round = 0; !frontier.isEmpty() && round < MAX_LOOP_ROUNDS; round++) {
			frontier.removeIf(after -> !walkedFrom.add(after.state()));
			if (frontier.isEmpty()) {
				break;
			}
			Flow<S> again = statements(body, frontier);
			closed.addAll(again.closed());
			frontier = new ArrayList<>();
			for (Path<S> after : again.open()) {
				if (seen.add(after.state())) {
					frontier.add(after);
				}
			}
			open.addAll(frontier);
		}
		return forgetIfIrrelevant(new Flow<>(merge(open), merge(closed)), evaluated);
	}

	/** When every way through a statement continues with one and the same state, how it went does not matter. */
	private Flow<S> forgetIfIrrelevant(Flow<S> flow, Path<S> before) {
		if (flow.closed().isEmpty() && flow.open().size() == 1) {
			return new Flow<>(List.of(before.with(flow.open().get(0).state())), List.of());
		}
		return flow;
	}

	/** One path per (state, end): the one with the fewest decisions, or the first found. */
	private List<Path<S>> merge(Collection<Path<S>> paths) {
		Map<List<Object>, Path<S>> best = new LinkedHashMap<>();
		for (Path<S> path : paths) {
			List<Object> key = Arrays.asList(path.state(), path.end());
			Path<S> known = best.get(key);
			if (known == null || path.decisions().size() < known.decisions().size()) {
				best.put(key, path);
			}
		}
		return new ArrayList<>(best.values());
	}

	private static List<Statement> statementsOf(Block block) {
		return block == null ? List.of() : block.getStatements();
	}
}
