package org.policy.dsl.validation;

import static org.policy.dsl.validation.Source.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Blocked;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.Destination;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.policy.Preempt;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Terminated;
import org.policy.dsl.policy.ToExpression;
import org.policy.dsl.semantics.EventType;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;
import org.policy.dsl.validation.PathWalker.Path;

/**
 * Event types ({@link EventType}, the one table of docs/semantics.md, "Events and their types"): what
 * each handler may do to threads and cores. Every path of every event handler is walked with the state of
 * its target thread, from the state the event gives it to one the event allows at the end; only {@code schedule} moves another thread (one,
 * to {@code self.current}); functions are pure and not recursive; the mandatory handlers are there; the
 * balance handler runs at all.
 */
public class EventTypeChecks extends PolicyCheck {

	/** Where a transition moves its thing. */
	enum Dest {
		QUEUE, CURRENT, BLOCKED, TERMINATED, CORE_STATE, OTHER
	}

	/** The destination kind of a transition, or null when its type is already wrong (e.g. an unknown name). */
	static Dest destinationOf(Action action) {
		Destination destination = action.getDestination();
		if (destination instanceof Blocked) {
			return Dest.BLOCKED;
		}
		if (destination instanceof Terminated) {
			return Dest.TERMINATED;
		}
		if (!(destination instanceof ToExpression to) || to.getExpression() == null) {
			return null;
		}
		Expression expression = to.getExpression();
		if (expression instanceof MemberAccess access && access.isCurrentSlot()) {
			return Dest.CURRENT;
		}
		if (expression instanceof SymbolRef ref && ref.getSymbol() instanceof CoreState) {
			return Dest.CORE_STATE;
		}
		ValueType type = PolicyTypes.typeOf(expression);
		return type == ValueType.ERROR ? null : type == ValueType.QUEUE ? Dest.QUEUE : Dest.OTHER;
	}

	private static boolean isTransition(Action action) {
		return action.getDestination() != null;
	}

	private static boolean movesThread(Action action) {
		return PolicyTypes.typeOf(action.getTarget()) == ValueType.THREAD;
	}

	private static boolean movesTarget(Action action, EventHandler handler) {
		return handler != null && handler.getTarget() != null && action.getTarget() instanceof SymbolRef ref
				&& ref.getSymbol() == handler.getTarget();
	}

	private static String handlerWords(Event event) {
		return ("aeiou".indexOf(event.getLiteral().charAt(0)) >= 0 ? "an " : "a ") + event.getLiteral() + " handler";
	}

	// ---------------------------------------------------------------- what a transition may move where

	@Check
	public void checkDestinationKind(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (!isTransition(action) || EcoreUtil2.getContainerOfType(action, Function.class) != null) {
			return;
		}
		Dest destination = destinationOf(action);
		ValueType thing = PolicyTypes.typeOf(action.getTarget());
		if (destination == null) {
			return;
		}
		if (thing == ValueType.CORE && destination != Dest.CORE_STATE) {
			String got = action.getDestination() instanceof ToExpression to ? Source.is(to.getExpression())
					: "'" + text(action.getDestination()) + "' is a thread state";
			error("a core moves to a core state; " + got, action, Literals.ACTION__DESTINATION,
					IssueCodes.DESTINATION_KIND);
		} else if (thing == ValueType.THREAD
				&& (destination == Dest.CORE_STATE || destination == Dest.OTHER)) {
			error("a thread moves to a queue, self.current, blocked or terminated; "
					+ Source.is(((ToExpression) action.getDestination()).getExpression()), action,
					Literals.ACTION__DESTINATION, IssueCodes.DESTINATION_KIND);
		}
	}

	@Check
	public void checkCurrentDestination(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (!isTransition(action) || !movesThread(action) || destinationOf(action) != Dest.CURRENT) {
			return;
		}
		EventHandler handler = EcoreUtil2.getContainerOfType(action, EventHandler.class);
		MemberAccess slot = (MemberAccess) ((ToExpression) action.getDestination()).getExpression();
		if (!(slot.getReceiver() instanceof Self)) {
			error("a thread can only start running on the core that runs the handler: write 'self.current', not '"
					+ text(slot) + "'", action, Literals.ACTION__DESTINATION, IssueCodes.CURRENT_DESTINATION);
		} else if (handler != null && handler.getEvent() != Event.SCHEDULE) {
			String tail = movesTarget(action, handler) ? ": the " + handler.getEvent().getLiteral() + " handler must"
					+ " leave " + handler.getTarget().getName() + " " + TargetState.afterWords(handler.getEvent()) : "";
			error("only 'on schedule' moves a thread to self.current" + tail, action, Literals.ACTION__DESTINATION,
					IssueCodes.CURRENT_DESTINATION);
		}
	}

	@Check
	public void checkBlockedOrTerminatedDestination(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (!isTransition(action) || !movesThread(action)) {
			return;
		}
		Dest destination = destinationOf(action);
		Event wanted = destination == Dest.BLOCKED ? Event.BLOCK
				: destination == Dest.TERMINATED ? Event.TERMINATE : null;
		if (wanted == null) {
			return;
		}
		EventHandler handler = EcoreUtil2.getContainerOfType(action, EventHandler.class);
		if (handler == null) {
			return;
		}
		String state = destination == Dest.BLOCKED ? "blocked" : "terminated";
		if (handler.getEvent() != wanted) {
			error("only 'on " + wanted.getLiteral() + "' moves a thread to " + state, action,
					Literals.ACTION__DESTINATION, IssueCodes.BLOCKED_OR_TERMINATED_DESTINATION);
		} else if (handler.getTarget() != null && !movesTarget(action, handler)) {
			error("only '" + handler.getTarget().getName() + "', the thread of 'on " + wanted.getLiteral() + "("
					+ handler.getTarget().getName() + ")', moves to " + state, action, Literals.ACTION__DESTINATION,
					IssueCodes.BLOCKED_OR_TERMINATED_DESTINATION);
		}
	}

	@Check
	public void checkOtherThreadMoved(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (!isTransition(action) || !movesThread(action) || destinationOf(action) != Dest.QUEUE) {
			return;
		}
		EventHandler handler = EcoreUtil2.getContainerOfType(action, EventHandler.class);
		if (handler == null || movesTarget(action, handler)) {
			return;
		}
		Event event = handler.getEvent();
		if (event == Event.SCHEDULE) {
			error("a schedule handler moves threads only to self.current", action, Literals.ACTION__DESTINATION,
					IssueCodes.OTHER_THREAD_MOVED);
		} else if (!EventType.of(event).hasTarget()) {
			error(handlerWords(event) + " moves no thread: only core states change there", action,
					Literals.ACTION__TARGET, IssueCodes.OTHER_THREAD_MOVED);
		} else if (handler.getTarget() != null) {
			error(handlerWords(event) + " moves only its own thread '" + handler.getTarget().getName()
					+ "': other threads move only in 'on schedule'", action, Literals.ACTION__TARGET,
					IssueCodes.OTHER_THREAD_MOVED);
		}
	}

	// ---------------------------------------------------------------- every path of a handler

	/** What the path walk of a handler tracks: its target's state and how many threads it put on self. */
	record HandlerState(TargetState target, int scheduled) {
	}

	@Check
	public void checkHandlerPaths(EventHandler handler) {
		if (isIncomplete(handler)) {
			return; // see isIncomplete
		}
		Event event = handler.getEvent();
		boolean tracksTarget = EventType.of(event).hasTarget();
		if (handler.getBody() == null || tracksTarget && handler.getTarget() == null
				|| !tracksTarget && event != Event.SCHEDULE) {
			return;
		}
		Map<EObject, Problem> errors = new LinkedHashMap<>();
		PathWalker<HandlerState> walker = new PathWalker<>(
				(statement, path) -> step(handler, statement, path, errors));
		TargetState start = tracksTarget ? TargetState.before(event) : TargetState.UNKNOWN;
		List<Path<HandlerState>> ends = walker.walk(handler.getBody(), new HandlerState(start, 0));
		errors.forEach((action, problem) -> error(problem.message(), action, problem.feature(), problem.code()));
		if (!tracksTarget) {
			return;
		}
		String t = handler.getTarget().getName();
		String before = event.getLiteral() + " handler ";
		boolean reportedAtEnd = false;
		for (Path<HandlerState> end : ends) {
			TargetState state = end.state().target();
			if (state == TargetState.UNKNOWN || state.allowedAfter(event)) {
				continue;
			}
			String path = end.describe();
			String message = path.isEmpty()
					? before + "leaves " + t + " " + state.words + ": every path must end with " + t + " "
							+ TargetState.afterWords(event)
					: before + "can leave " + t + " " + state.words + ": " + path;
			if (end.returned()) {
				error(message, end.end(), null, IssueCodes.TARGET_FINAL_STATE);
			} else if (!reportedAtEnd) {
				error(message, handler, Literals.EVENT_HANDLER__EVENT, IssueCodes.TARGET_FINAL_STATE);
				reportedAtEnd = true;
			}
		}
	}

	/** An error found on some path, reported once per statement after the walk. */
	record Problem(String message, EStructuralFeature feature, String code) {
	}

	private HandlerState step(EventHandler handler, Statement statement, Path<HandlerState> path,
			Map<EObject, Problem> errors) {
		HandlerState state = path.state();
		if (!(statement instanceof Action action) || !isTransition(action) || !movesThread(action)) {
			return state;
		}
		Dest destination = destinationOf(action);
		if (movesTarget(action, handler) && EventType.of(handler.getEvent()).hasTarget()) {
			return new HandlerState(moveTarget(handler, action, destination, path, errors), state.scheduled());
		}
		if (handler.getEvent() == Event.SCHEDULE && destination == Dest.CURRENT) {
			int scheduled = state.scheduled() + 1;
			if (scheduled == 2) {
				String where = path.describeAt(action);
				errors.putIfAbsent(action, new Problem(where.isEmpty()
						? "schedule handler moves a second thread to self.current here; it may move at most one"
						: "schedule handler can move a second thread to self.current here, " + where
								+ "; it may move at most one",
						Literals.ACTION__TARGET, IssueCodes.SECOND_THREAD_SCHEDULED));
			}
			return new HandlerState(state.target(), Math.min(scheduled, 2));
		}
		return state;
	}

	/** The target's state after {@code action}; a transition its state does not allow is reported and gives UNKNOWN. */
	private static TargetState moveTarget(EventHandler handler, Action action, Dest destination,
			Path<HandlerState> path, Map<EObject, Problem> errors) {
		TargetState from = path.state().target();
		Event event = handler.getEvent();
		if (destination == null || destination == Dest.CURRENT || destination == Dest.OTHER
				|| destination == Dest.CORE_STATE
				|| destination == Dest.BLOCKED && event != Event.BLOCK
				|| destination == Dest.TERMINATED && event != Event.TERMINATE) {
			return TargetState.UNKNOWN; // reported by the checks above, whatever the path
		}
		TargetState to = switch (destination) {
			case BLOCKED -> TargetState.BLOCKED;
			case TERMINATED -> TargetState.TERMINATED;
			default -> TargetState.READY;
		};
		if (from == TargetState.UNKNOWN) {
			return to;
		}
		String t = "'" + handler.getTarget().getName() + "'";
		String problem = null;
		if (from == TargetState.TERMINATED) {
			problem = t + " has already terminated here; a terminated thread never moves again";
		} else if (to == TargetState.BLOCKED && from == TargetState.BLOCKED) {
			problem = t + " is already blocked here; a thread cannot block twice";
		} else if (to == TargetState.BLOCKED || to == TargetState.TERMINATED) {
			if (from != TargetState.RUNNING) {
				String verb = to == TargetState.BLOCKED ? "blocks" : "terminates";
				problem = t + " is " + from.words + " here, not running; only a running thread " + verb;
			}
		}
		if (problem == null) {
			return to;
		}
		String where = path.describeAt(action);
		if (!where.isEmpty()) {
			int cut = problem.indexOf(';');
			problem = problem.substring(0, cut) + " " + where + problem.substring(cut);
		}
		errors.putIfAbsent(action, new Problem(problem, Literals.ACTION__DESTINATION, IssueCodes.TARGET_TRANSITION));
		return TargetState.UNKNOWN;
	}

	// ---------------------------------------------------------------- handlers

	@Check
	public void checkMandatoryHandlers(Policy policy) {
		if (isIncomplete(policy)) {
			return; // see isIncomplete
		}
		for (Event event : EventType.mandatoryEvents()) {
			if (PolicyModel.handler(policy, event).isEmpty()) {
				error("missing handler '" + EventType.of(event).handlerText() + "': every policy must say what happens "
						+ EventType.of(event).when(), policy, Literals.POLICY__NAME, IssueCodes.MISSING_HANDLER);
			}
		}
	}

	/** A policy that asks cores to reschedule says what happens to the thread that gives its core up. */
	@Check
	public void checkPreemptHandled(Preempt preempt) {
		Policy policy = PolicyModel.policyOf(preempt);
		if (policy != null && PolicyModel.handler(policy, Event.PREEMPT).isEmpty()) {
			errorAtKeyword("'preempt' needs a handler 'on preempt(t)': it says where the thread running on the preempted"
					+ " core goes", preempt, "preempt", IssueCodes.MISSING_HANDLER);
		}
	}

	/**
	 * A preemption request answers a wake-up (Linux's check_preempt_wakeup()): elsewhere a handler moves its
	 * own target, and another core's running thread is never its business.
	 */
	@Check
	public void checkPreemptPlace(Preempt preempt) {
		EventHandler handler = EcoreUtil2.getContainerOfType(preempt, EventHandler.class);
		Event event = handler == null ? null : handler.getEvent();
		if (event != Event.NEW && event != Event.UNBLOCK) {
			errorAtKeyword("'preempt' is allowed only in 'on new' and 'on unblock': it asks a core to reschedule for a"
					+ " thread that has just become ready", preempt, "preempt", IssueCodes.PREEMPT_PLACE);
		}
	}

	@Check
	public void checkHandlerTarget(EventHandler handler) {
		Event event = handler.getEvent();
		if (EventType.of(event).hasTarget() && handler.getTarget() == null) {
			error("'on " + event.getLiteral() + "' needs a name for its thread, as in 'on " + event.getLiteral()
					+ "(t)'", handler, Literals.EVENT_HANDLER__EVENT, IssueCodes.HANDLER_TARGET);
		} else if (!EventType.of(event).hasTarget() && handler.getTarget() != null) {
			error("'on " + event.getLiteral() + "' has no thread to name: write 'on " + event.getLiteral()
					+ "' without '(" + handler.getTarget().getName() + ")'", handler, Literals.EVENT_HANDLER__TARGET,
					IssueCodes.HANDLER_TARGET);
		}
	}

	@Check
	public void checkBalanceRuns(BalanceHandler balance) {
		if (balance.getPeriod() == null && !balance.isOnIdle()) {
			errorAtKeyword("balance never runs: give it 'every P' (to run periodically) or 'on enter_idle' (to run"
					+ " when a core goes idle)", balance, "balance", IssueCodes.BALANCE_NEVER_RUNS);
		}
	}

	@Check
	public void checkPerLevelHasTopology(BalanceHandler balance) {
		if (balance.isPerLevel() && PolicyModel.levels(PolicyModel.policyOf(balance)).isEmpty()) {
			error("'per level' needs a 'topology { ... }' declaration that lists the levels", balance,
					Literals.BALANCE_HANDLER__PER_LEVEL, IssueCodes.PER_LEVEL_WITHOUT_TOPOLOGY);
		}
	}

	/**
	 * The steal's {@code on move} block only updates attributes: the steal itself moves the thread
	 * once the block is done, and the block must run to its end for every moved thread.
	 */
	@Check
	public void checkOnMoveMovesNothing(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (isTransition(action) && inOnMove(action)) {
			error("'on move' cannot move threads or change core states: the steal moves "
					+ movedName(action) + " to self when the block ends", action, Literals.ACTION__DESTINATION,
					IssueCodes.ON_MOVE_STATEMENT);
		}
	}

	@Check
	public void checkOnMoveDoesNotReturn(Return statement) {
		if (inOnMove(statement)) {
			error("'on move' has no 'return': it runs to its end for every moved thread (use 'if' to skip"
					+ " updates)", statement, null, IssueCodes.ON_MOVE_STATEMENT);
		}
	}

	private static boolean inOnMove(EObject statement) {
		BalanceHandler balance = EcoreUtil2.getContainerOfType(statement, BalanceHandler.class);
		return balance != null && balance.getOnMove() != null && EcoreUtil2.isAncestor(balance.getOnMove(), statement);
	}

	private static String movedName(EObject statement) {
		BalanceHandler balance = EcoreUtil2.getContainerOfType(statement, BalanceHandler.class);
		return balance.getMoved() == null || balance.getMoved().getName() == null ? "the thread"
				: "'" + balance.getMoved().getName() + "'";
	}

	// ---------------------------------------------------------------- functions

	@Check
	public void checkFunctionPure(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		Function function = EcoreUtil2.getContainerOfType(action, Function.class);
		if (function == null) {
			return;
		}
		if (isTransition(action)) {
			error("function '" + function.getName() + "' is pure: it cannot move threads or cores", action,
					Literals.ACTION__TARGET, IssueCodes.IMPURE_FUNCTION);
		} else if (action.getTarget() instanceof MemberAccess access && access.getMember() instanceof Attribute a) {
			error("function '" + function.getName() + "' is pure: it cannot assign attribute '" + a.getName() + "'",
					action, Literals.ACTION__TARGET, IssueCodes.IMPURE_FUNCTION);
		}
	}

	@Check
	public void checkNoRecursion(Function function) {
		for (Call call : EcoreUtil2.getAllContentsOfType(function, Call.class)) {
			Function callee = call.getFunction();
			if (callee == null || callee.eIsProxy()) {
				continue;
			}
			List<Function> cycle = callPath(callee, function);
			if (cycle != null) {
				cycle.add(0, function);
				String names = String.join(" -> ", cycle.stream().map(Function::getName).toList());
				error("'" + function.getName() + "' calls itself (" + names + "): functions may not be recursive, so"
						+ " that every handler terminates", call, Literals.CALL__FUNCTION, IssueCodes.RECURSION);
			}
		}
	}

	/** The shortest chain of calls from {@code from} to {@code to} (both included), or null if there is none. */
	private static List<Function> callPath(Function from, Function to) {
		Map<Function, Function> cameFrom = new HashMap<>();
		Deque<Function> queue = new ArrayDeque<>();
		queue.add(from);
		cameFrom.put(from, from);
		while (!queue.isEmpty()) {
			Function current = queue.poll();
			if (current == to) {
				LinkedList<Function> path = new LinkedList<>();
				for (Function f = to; f != from; f = cameFrom.get(f)) {
					path.addFirst(f);
				}
				path.addFirst(from);
				return path;
			}
			for (Call call : EcoreUtil2.getAllContentsOfType(current, Call.class)) {
				Function next = call.getFunction();
				if (next != null && !next.eIsProxy() && !cameFrom.containsKey(next)) {
					cameFrom.put(next, current);
					queue.add(next);
				}
			}
		}
		return null;
	}
}
