package org.policy.dsl.validation;

/**
 * The codes of every issue the checks report, one per rule. They are part of the language's interface:
 * quick fixes and suppressions refer to them, so a code never changes meaning once released.
 */
public final class IssueCodes {
	private IssueCodes() {
	}

	private static final String PREFIX = "org.policy.dsl.";

	// ---------------------------------------------------------------- types (TypeChecks)

	/** An operand of {@code + - * / %} or of unary {@code -} is not a number. */
	public static final String ARITHMETIC_OPERAND = PREFIX + "arithmeticOperand";
	/** An operand of {@code < <= > >=} is not a number. */
	public static final String COMPARISON_OPERAND = PREFIX + "comparisonOperand";
	/** {@code ==} or {@code !=} between values of different kinds. */
	public static final String EQUALITY_OPERANDS = PREFIX + "equalityOperands";
	/** An operand of {@code && || !} is not a bool. */
	public static final String LOGIC_OPERAND = PREFIX + "logicOperand";
	/** {@code in} that is neither "core in core set" nor "thread in queue". */
	public static final String MEMBERSHIP_OPERANDS = PREFIX + "membershipOperands";
	/** The condition of an if, a where, a filter or a stop is not a bool. */
	public static final String CONDITION_NOT_BOOL = PREFIX + "conditionNotBool";
	/** The target of {@code =}, {@code +=}, {@code -=} is not an attribute or a local. */
	public static final String NOT_ASSIGNABLE = PREFIX + "notAssignable";
	/** The assigned value does not fit the target, or {@code += -=} on something that is not a number. */
	public static final String ASSIGNMENT_TYPE = PREFIX + "assignmentType";
	/** The initial value of an attribute, or the default or bounds of a param, do not fit its type. */
	public static final String INITIAL_VALUE_TYPE = PREFIX + "initialValueType";
	/** A param default outside its {@code [min, max]}, or a range that is empty or not numeric. */
	public static final String PARAM_RANGE = PREFIX + "paramRange";
	/** A local initialised with {@code none}, whose type cannot be told. */
	public static final String LOCAL_TYPE_UNKNOWN = PREFIX + "localTypeUnknown";
	/** A returned value that does not fit the function, a value-less return in a function, or a value in a handler. */
	public static final String RETURN_TYPE = PREFIX + "returnType";
	/** A function block with a path that does not end in {@code return e}. */
	public static final String MISSING_RETURN = PREFIX + "missingReturn";
	/** A call with the wrong number of arguments. */
	public static final String CALL_ARITY = PREFIX + "callArity";
	/** A call argument that does not fit the parameter. */
	public static final String CALL_ARGUMENT_TYPE = PREFIX + "callArgumentType";
	/** A builtin called with the wrong number of arguments. */
	public static final String BUILTIN_ARITY = PREFIX + "builtinArity";
	/** A builtin argument of the wrong type. */
	public static final String BUILTIN_ARGUMENT_TYPE = PREFIX + "builtinArgumentType";
	/** An attribute declared {@code input} that is not one of its owner's inputs (semantics/Input). */
	public static final String UNKNOWN_INPUT = PREFIX + "unknownInput";
	/** An input declared with another type than its own. */
	public static final String INPUT_TYPE = PREFIX + "inputType";
	/** An input with an initial value. */
	public static final String INPUT_INITIALISED = PREFIX + "inputInitialised";
	/** A constant declared as a thread or a core (a constant is an int, a time or a bool). */
	public static final String CONSTANT_KIND = PREFIX + "constantKind";
	/** {@code x[i]} where x is not a constant table. */
	public static final String NOT_A_TABLE = PREFIX + "notATable";
	/** A table index that is not an int. */
	public static final String INDEX_TYPE = PREFIX + "indexType";
	/** A constant index outside its table. */
	public static final String INDEX_OUT_OF_RANGE = PREFIX + "indexOutOfRange";
	/** A constant table named without an index. */
	public static final String TABLE_NOT_INDEXED = PREFIX + "tableNotIndexed";
	/** An aggregate with a missing, superfluous or non-numeric key. */
	public static final String AGGREGATE_KEY = PREFIX + "aggregateKey";
	/** An aggregate over something that is not a queue or a set of cores. */
	public static final String AGGREGATE_COLLECTION = PREFIX + "aggregateCollection";
	/** A foreach over something that is not a queue or a set of cores (the loop would not be bounded). */
	public static final String FOREACH_COLLECTION = PREFIX + "foreachCollection";
	/** {@code .current} on something that is not a core. */
	public static final String CURRENT_NOT_ON_CORE = PREFIX + "currentNotOnCore";
	/** {@code x => ...} where x is neither a thread nor a core. */
	public static final String MOVED_NOT_THREAD_OR_CORE = PREFIX + "movedNotThreadOrCore";
	/** A queue ordered by an attribute that is not a number. */
	public static final String ORDER_KEY_TYPE = PREFIX + "orderKeyType";
	/** {@code migrate ... from} something that is not a per-core queue of the victim. */
	public static final String STEAL_SOURCE = PREFIX + "stealSource";
	/** The key of {@code select} or of {@code migrate ... ordered by} is not a number. */
	public static final String STEAL_KEY = PREFIX + "stealKey";
	/** The two sides of {@code c ? a : b} have no common type, or are collections. */
	public static final String CONDITIONAL_SIDES = PREFIX + "conditionalSides";
	/** A transition or a return in the steal's {@code on move} block. */
	public static final String ON_MOVE_STATEMENT = PREFIX + "onMoveStatement";
	/** The period of {@code every} is not a time. */
	public static final String PERIOD_TYPE = PREFIX + "periodType";

	/** A balance period that is, or could be, 0 or less. */
	public static final String PERIOD_RANGE = PREFIX + "periodRange";

	/** A bare expression where a statement belongs. */
	public static final String NOT_A_STATEMENT = PREFIX + "notAStatement";

	/** An int literal beyond 64 bits. */
	public static final String INT_RANGE = PREFIX + "intRange";

	// ---------------------------------------------------------------- names (NameChecks)

	/** Two policy-level declarations (params, functions, core states, shared queues, levels) with one name. */
	public static final String DUPLICATE_DECLARATION = PREFIX + "duplicateDeclaration";
	/** Two thread attributes, or two core attributes/queues, with one name. */
	public static final String DUPLICATE_MEMBER = PREFIX + "duplicateMember";
	/** Two handlers for one event, or two balance handlers. */
	public static final String DUPLICATE_HANDLER = PREFIX + "duplicateHandler";
	/** Two locals with one name in one block. */
	public static final String DUPLICATE_LOCAL = PREFIX + "duplicateLocal";
	/** A local or binder that hides a local or binder of an enclosing scope. */
	public static final String SHADOWED_NAME = PREFIX + "shadowedName";
	/** Two parameters of one function with one name. */
	public static final String DUPLICATE_PARAMETER = PREFIX + "duplicateParameter";
	/** A topology level other than smt, llc, numa, machine. */
	public static final String UNKNOWN_LEVEL = PREFIX + "unknownLevel";
	/** The policy's name differs from its file's (warning). */
	public static final String POLICY_NAME_NOT_FILE_NAME = PREFIX + "policyNameNotFileName";

	// ---------------------------------------------------------------- event types (EventTypeChecks)

	/** A transition of the target that its state on this path does not allow. */
	public static final String TARGET_TRANSITION = PREFIX + "targetTransition";
	/** A path of a handler that leaves the target in a state the event type does not allow. */
	public static final String TARGET_FINAL_STATE = PREFIX + "targetFinalState";
	/** A handler moving a thread other than its target (outside schedule). */
	public static final String OTHER_THREAD_MOVED = PREFIX + "otherThreadMoved";
	/** A path of schedule that moves two threads to self.current. */
	public static final String SECOND_THREAD_SCHEDULED = PREFIX + "secondThreadScheduled";
	/** {@code x => self.current} outside schedule, or to the current slot of a core other than self. */
	public static final String CURRENT_DESTINATION = PREFIX + "currentDestination";
	/** {@code => blocked} / {@code => terminated} of something other than the target of block / terminate. */
	public static final String BLOCKED_OR_TERMINATED_DESTINATION = PREFIX + "blockedOrTerminatedDestination";
	/** A destination of the wrong kind: a core moves to a core state; a thread to a queue, current, blocked, terminated. */
	public static final String DESTINATION_KIND = PREFIX + "destinationKind";
	/** A transition, or an assignment to an attribute, inside a function. */
	public static final String IMPURE_FUNCTION = PREFIX + "impureFunction";
	/** A function that calls itself, directly or through others. */
	public static final String RECURSION = PREFIX + "recursion";
	/** {@code preempt} of something that is not a core. */
	public static final String PREEMPT_TYPE = PREFIX + "preemptType";
	/** {@code preempt} outside {@code on new} and {@code on unblock}. */
	public static final String PREEMPT_PLACE = PREFIX + "preemptPlace";
	/** A mandatory handler is missing. */
	public static final String MISSING_HANDLER = PREFIX + "missingHandler";
	/** A handler that needs a target and names none, or names one it does not have. */
	public static final String HANDLER_TARGET = PREFIX + "handlerTarget";
	/** A balance handler with neither {@code every P} nor {@code on enter_idle}. */
	public static final String BALANCE_NEVER_RUNS = PREFIX + "balanceNeverRuns";
	/** {@code per level} without a {@code topology} declaration. */
	public static final String PER_LEVEL_WITHOUT_TOPOLOGY = PREFIX + "perLevelWithoutTopology";

	// ---------------------------------------------------------------- cost (CostChecks)

	/** Loops nested deeper than {@code CostChecks.MAX_LOOP_DEPTH} in a handler or function. */
	public static final String LOOPS_TOO_DEEP = PREFIX + "loopsTooDeep";

	// ---------------------------------------------------------------- initialisation (InitialisationChecks)

	/** A core attribute without an initial value. */
	public static final String CORE_ATTRIBUTE_NOT_INITIALISED = PREFIX + "coreAttributeNotInitialised";
	/** A read of a thread attribute that may not be initialised yet. */
	public static final String UNINITIALISED_READ = PREFIX + "uninitialisedRead";
	/** A param whose default depends on itself through other params. */
	public static final String PARAM_CYCLE = PREFIX + "paramCycle";
	/** An attribute initial value that uses something other than params and literals. */
	public static final String INITIAL_VALUE_NOT_CONSTANT = PREFIX + "initialValueNotConstant";
	/** A constant that names a constant declared after it (or itself). */
	public static final String CONSTANT_ORDER = PREFIX + "constantOrder";

	// ---------------------------------------------------------------- warnings (UsageChecks)

	/** A local that is never read. */
	public static final String UNUSED_LOCAL = PREFIX + "unusedLocal";
	/** A param that is never read. */
	public static final String UNUSED_PARAM = PREFIX + "unusedParam";
	/** A constant that is never read. */
	public static final String UNUSED_CONSTANT = PREFIX + "unusedConstant";
	/** An if whose condition is {@code true} or {@code false}. */
	public static final String CONSTANT_CONDITION = PREFIX + "constantCondition";
	/** A queue into which no transition moves a thread. */
	public static final String QUEUE_NEVER_FILLED = PREFIX + "queueNeverFilled";
}
