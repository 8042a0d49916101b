/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime: the API that generated policies are written against.
 *
 * A policy's generated C describes its records (thread and core attributes),
 * its queues, its parameters and one C function per event handler, then
 * hands the whole as a struct prt_policy to a host. The runtime (prt_machine.c)
 * is the abstract machine of docs/semantics.md in C: thread and core records,
 * ordered ready queues, core states and the topology, the transitions that
 * keep them consistent, the settle loop and the structured steal. Hosts feed
 * it events: the userspace host (tests, benchmarks) and the kernel module
 * (monitor mode on the scheduler tracepoints). README.md documents the API.
 *
 * Values. Every value of the policy language is an s64: numbers and times as
 * they are (arithmetic wraps: see prt_add() and friends), booleans 0/1,
 * threads and cores by id, PRT_NONE for none. Collections have their own C
 * types: struct prt_queue * for a queue, struct prt_cset for a set of cores
 * (a thread's affinity is one: prt_cset_affinity()).
 *
 * Memory. Everything is allocated once by prt_machine_init(); no event
 * allocates. Queues are sorted arrays bounded by the thread capacity, with
 * room on both sides so that taking the head or adding at the tail is O(1).
 *
 * Faults. What the language calls a run-time fault (an attribute of none,
 * moving a thread a handler may not move) is recorded once in the machine
 * (prt_faulted()) with the policy's source line; the handler then runs on
 * with harmless values and later transitions are refused, so a faulty policy
 * never corrupts memory. The machine state after a fault is unspecified.
 */
#ifndef PRT_H
#define PRT_H

#include "prt_host.h"

#define PRT_NONE	(-1)

/* A thread's state (docs/semantics.md), as Machine.java numbers them. */
enum prt_thread_state {
	PRT_NONEXISTENT,	/* no new event yet, or released by the host */
	PRT_NEW,		/* inside its new handler, before a transition */
	PRT_RUNNING,
	PRT_READY,
	PRT_BLOCKED,
	PRT_TERMINATED,
};

/* Topology levels, innermost first, as Topology.java numbers them. */
enum prt_level { PRT_SMT, PRT_LLC, PRT_NUMA, PRT_MACHINE, PRT_NR_LEVELS };

/* Events with a handler, in the order of the language's Event enum. */
enum prt_event {
	PRT_EV_NEW,
	PRT_EV_TICK,
	PRT_EV_YIELD,
	PRT_EV_BLOCK,
	PRT_EV_UNBLOCK,
	PRT_EV_TERMINATE,
	PRT_EV_SCHEDULE,
	PRT_EV_ENTER_IDLE,
	PRT_EV_EXIT_IDLE,
	PRT_EV_PREEMPT,		/* `on preempt(t)`: delivered by prt_complete() */
	PRT_EV_BALANCE,		/* the structured steal, not a handler */
	PRT_NR_EVENTS,
};

enum prt_order { PRT_FIFO, PRT_LOWEST, PRT_HIGHEST };

/* Result of an environment event: done, not applicable in this state, fault. */
enum prt_result { PRT_OK = 0, PRT_SKIPPED = 1, PRT_FAULT = -1 };

struct prt_machine;

/* One ready-queue instance: a per-core queue on one core, or a shared one. */
struct prt_queue {
	s32 id;		/* instance number: core * nr_core_queues + kind, then shared */
	s32 kind;	/* index into prt_policy.queues */
	s32 owner;	/* the core owning it, PRT_NONE for a shared queue */
	s32 size;
	s32 head;	/* the queue is elem[head .. head+size-1], in queue order */
	s32 room;	/* entries allocated: twice the thread capacity */

	s32 __prt_arena *elem;	/* threads */
	s64 __prt_arena *key;	/* their keys, read when they were inserted */
	s64 __prt_arena *sums;	/* per summed thread attribute: its sum over the queue */
};

/*
 * A set of cores: all of them, those in one core state, one domain, or the
 * cores a thread may run on (its affinity, `affinity(t)`).
 */
enum prt_cset_kind {
	PRT_CSET_ALL,
	PRT_CSET_STATE,
	PRT_CSET_DOMAIN,
	PRT_CSET_AFFINITY,
};

struct prt_cset {
	s32 kind;
	s32 arg;	/* the core state, the domain's core, or the thread */
	s32 level;	/* the domain's level */
};

/* ---------------------------------------------------------------- inputs */
/*
 * Inputs (org.policy.dsl.semantics.Input): what the environment tells a
 * policy about a thread or a core. A policy declares the ones it reads as
 * `input` attributes; the generated init functions copy them from these
 * records into the policy's own records, so a policy reads them as fields.
 */

#define PRT_MIN_NICE		(-20)
#define PRT_MAX_NICE		19
#define PRT_NR_NICE		(PRT_MAX_NICE - PRT_MIN_NICE + 1)
/* The fastest core's capacity, Linux's SCHED_CAPACITY_SCALE. */
#define PRT_FULL_CAPACITY	1024

/*
 * A thread's inputs, given by the host to prt_new() (ThreadInputs.java): its
 * nice value; for a SCHED_DEADLINE thread, its runtime, relative deadline and
 * period in ns (all 0 for other threads); its group (cgroup; 0 is the root
 * group) and that group's cpu.weight; its affinity, the cores it may run on.
 * Valid: nice in -20..19; the times all 0, or
 * 0 < runtime <= deadline <= period; group >= 0 and group_weight in
 * 1..PRT_MAX_GROUP_WEIGHT; an affinity that allows at least one of the
 * machine's cores. The weight input is not stored: it is
 * prt_weight_of_nice(nice).
 *
 * The affinity is a bitmap in the layout of a cpumask (bit c of the
 * unsigned longs: core c), so that a kernel host passes
 * cpumask_bits(p->cpus_ptr) as it is; NULL means every core. It is borrowed:
 * prt_new() copies the bits of cores 0 .. nr_cores - 1 (it must have at least
 * that many) into the machine and ignores the others; the caller may free or
 * change it afterwards. In the record prt_thread_in() returns, it points to
 * the machine's own copy (prt_affinity()). Only the affinity changes during
 * the thread's life (prt_change_affinity()); the other inputs are fixed.
 */
struct prt_thread_in {
	s32 nice;
	s64 runtime;
	s64 deadline;
	s64 period;
	s32 group;
	s32 group_weight;
	const unsigned long __prt_arena *affinity;
};

#define PRT_DEFAULT_GROUP_WEIGHT	100
#define PRT_MAX_GROUP_WEIGHT		10000

/*
 * A core's inputs: its number and its capacity (1..PRT_FULL_CAPACITY).
 * prt_machine_init() sets id = the core's number and a full capacity; a host
 * may change the capacity with prt_set_core_capacity() before
 * prt_machine_start(), which hands them to the policy.
 */
struct prt_core_in {
	s32 id;
	s32 capacity;
};

/*
 * Linux's sched_prio_to_weight[] (kernel/sched/core.c), indexed by
 * nice + 20: nice 0 weighs 1024. NiceWeights.java has the same numbers (a
 * test of org.policy.generator compares them).
 */
extern const s32 prt_nice_weight[PRT_NR_NICE];

/* The weight of a nice value; nice is clamped to -20..19. */
static inline s64 prt_weight_of_nice(s64 nice)
{
	if (nice < PRT_MIN_NICE)
		nice = PRT_MIN_NICE;
	if (nice > PRT_MAX_NICE)
		nice = PRT_MAX_NICE;
	return prt_nice_weight[nice - PRT_MIN_NICE];
}

/* The validity rules of a thread's inputs (ThreadInputs' constructor). */
static inline bool prt_nice_valid(s64 nice)
{
	return nice >= PRT_MIN_NICE && nice <= PRT_MAX_NICE;
}

static inline bool prt_group_valid(const struct prt_thread_in *in)
{
	return in->group >= 0 && in->group_weight >= 1 &&
	       in->group_weight <= PRT_MAX_GROUP_WEIGHT;
}

static inline bool prt_rt_valid(const struct prt_thread_in *in)
{
	if (!in->runtime && !in->deadline && !in->period)
		return true;
	return in->runtime > 0 && in->runtime <= in->deadline &&
	       in->deadline <= in->period;
}

/* ---------------------------------------------------------------- records */

/* The runtime's part of a thread record; the policy's attributes are apart. */
struct prt_thread {
	s32 state;
	s32 cpu;	/* cpu(t) of the semantics */
	s32 queue;	/* queue instance when ready, else PRT_NONE */
	s32 last_queue;	/* the queue it last left (hosts use it to re-sync) */
	struct prt_thread_in in;	/* its inputs, set by prt_new() */
};

struct prt_core {
	s32 curr;	/* running thread or PRT_NONE (`current` is a kernel macro) */
	s32 state;	/* index into prt_policy.core_states */
	s32 idle;	/* between its enter_idle and its exit_idle */
	struct prt_core_in in;	/* its inputs */
};

/* A named attribute at an offset of the policy's thread or core record. */
struct prt_attr {
	const char *name;
	u32 offset;
};

struct prt_queue_decl {
	const char *name;
	s32 order;		/* enum prt_order */
	u32 key_offset;		/* of the key attribute in the thread record */
};

/* A tunable; in the kernel it is also a module parameter (see PRT_PARAM). */
struct prt_param {
	const char *name;
	long *value;
	long min;
	long max;
};

typedef void (*prt_handler_fn)(struct prt_machine *m, s64 self, s64 target);

/*
 * The structured steal of `on balance` (docs/semantics.md): the runtime runs
 * the algorithm (prt_balance()), the policy supplies its clauses.
 */
struct prt_steal {
	const s32 *levels;	/* topology levels, innermost first */
	s32 nr_levels;		/* 0: once over all cores ("per level" absent) */
	bool on_idle;		/* "on enter_idle": settle balances before idling */
	s64 (*period)(struct prt_machine *m);	/* "every P", or NULL */
	bool (*filter)(struct prt_machine *m, s64 self, s64 c);
	bool select_max;
	s64 (*select_key)(struct prt_machine *m, s64 self, s64 c);
	struct prt_queue *(*source)(struct prt_machine *m, s64 self, s64 c);
	/* "ordered by": NULL keeps queue order */
	s64 (*migrate_key)(struct prt_machine *m, s64 self, s64 c, s64 t);
	bool migrate_highest;
	/* "where": NULL lets every thread move */
	bool (*where)(struct prt_machine *m, s64 self, s64 c, s64 t);
	bool (*stop)(struct prt_machine *m, s64 self, s64 c, s64 t);
	/* "on move": runs just before t moves to self; NULL when absent */
	void (*on_move)(struct prt_machine *m, s64 self, s64 c, s64 t);
};

/* Everything a host needs to know about one generated policy. */
struct prt_policy {
	const char *name;
	u32 thread_size;	/* sizeof the policy's thread record */
	u32 core_size;		/* sizeof the policy's core record */
	const struct prt_attr *thread_attrs;
	s32 nr_thread_attrs;
	const struct prt_attr *core_attrs;
	s32 nr_core_attrs;
	const struct prt_queue_decl *queues;	/* per-core ones first */
	s32 nr_core_queues;
	s32 nr_shared_queues;
	const char * const *core_states;
	s32 nr_core_states;
	struct prt_param *params;
	s32 nr_params;
	s32 nr_snapshots;	/* foreach loops: one snapshot buffer each */
	/*
	 * Offsets of the thread attributes whose sum over each queue the machine
	 * keeps (sum(t in q of t.a) is then prt_queue_sum()); assignments to them
	 * go through prt_set_summed().
	 */
	const u32 *summed;
	s32 nr_summed;
	void (*init_core)(struct prt_machine *m, s64 self);
	void (*init_thread)(struct prt_machine *m, s64 self, s64 t);
	prt_handler_fn handlers[PRT_EV_BALANCE];	/* NULL: no handler */
	const struct prt_steal *steal;			/* NULL: no balance */
};

/* Told of every thread transition, as Java's TransitionListener is. */
typedef void (*prt_move_fn)(struct prt_machine *m, s32 t, s32 from_state,
			    s32 from_cpu, s32 to_state, s32 to_cpu, s32 queue);

struct prt_stats {
	u64 events[PRT_NR_EVENTS];	/* handlers run, per event */
	u64 moves;			/* thread transitions */
	u64 stolen;			/* threads moved by the steal */
	u64 faults;
	u64 bad_inputs;			/* invalid thread inputs replaced (prt_new) */
	u64 preempt_requests;		/* `preempt c;` statements run */
	u64 preempts;			/* requests delivered to a running thread */
};

struct prt_machine {
	const struct prt_policy *policy;
	s32 nr_cores;
	s32 capacity;		/* thread slots */
	s32 nr_threads;		/* slots 0 .. nr_threads-1 have been used */
	s64 now;

	struct prt_thread __prt_arena *threads;
	u8 __prt_arena *thread_data;	/* capacity records of policy->thread_size */
	struct prt_core __prt_arena *cores;
	u8 __prt_arena *core_data;		/* nr_cores records of policy->core_size */
	struct prt_queue __prt_arena *queues;
	s32 nr_queues;
	s32 __prt_arena *group[PRT_NR_LEVELS];	/* group id of each core, per level */
	/*
	 * Per level, the cores grouped by domain, each domain in increasing id:
	 * core c's domain is dom_members[l][dom_first[l][c] ..] for dom_len[l][c]
	 * cores. Built by prt_machine_start() from group[], so that a steal or an
	 * aggregate over a domain visits its cores only.
	 */
	s32 __prt_arena *dom_members[PRT_NR_LEVELS];
	s32 __prt_arena *dom_first[PRT_NR_LEVELS];
	s32 __prt_arena *dom_len[PRT_NR_LEVELS];

	/*
	 * Undelivered `preempt c;` requests: bit c % 64 of word c / 64, for any
	 * number of cores (allocated by prt_machine_init()); nr_preempt_pending
	 * counts the set bits, so that a settle with none costs nothing.
	 */
	u64 __prt_arena *preempt_pending;
	s32 nr_preempt_pending;

	/*
	 * Concurrency (docs/semantics.md, "Concurrency"). Bit c of
	 * resched_pending: core c has a pending reschedule (nr_resched_pending
	 * of them). touched[] lists, once each (touched_mask), the cores the
	 * events since the last prt_complete() changed: a thread placed on
	 * their queues, their current taken, a preemption asked of them.
	 */
	u64 __prt_arena *resched_pending;
	s32 nr_resched_pending;
	u64 __prt_arena *touched_mask;
	s32 __prt_arena *touched;
	s32 nr_touched;
	/*
	 * Bit c of idle_mask: core c is marked idle (prt_core.idle; nr_idle of
	 * them), so that the idle kick visits the idle cores only, not every
	 * core: per event O(idle cores), none on a busy machine.
	 */
	u64 __prt_arena *idle_mask;
	s32 nr_idle;

	s32 __prt_arena * __prt_arena *snap;		/* foreach snapshots, one buffer per loop */
	s32 __prt_arena *steal_order;	/* the steal's migration order */
	s64 __prt_arena *steal_keys;

	/* the handler being run */
	s32 self;
	s32 target;
	bool in_schedule;

	/*
	 * Thread affinities: thread t may run on core c when bit c of
	 * affinity[t * affinity_longs ..] is set (prt_allowed()). Allocated by
	 * prt_machine_init() for every slot, bits at and above nr_cores always
	 * clear. nr_restricted counts the slots whose affinity leaves out some
	 * core, so that while it is 0 (the common case) the work-conservation
	 * test costs what it did before affinity existed.
	 */
	unsigned long __prt_arena *affinity;
	s32 affinity_longs;
	s32 nr_restricted;

	/* the first fault */
	bool faulted;
	s32 fault_line;
	char fault_msg[128];
	u8 __prt_arena *dummy;		/* what a faulting access reads and writes */
	struct prt_queue dummy_queue;

	prt_move_fn on_move;
	void *host;
	struct prt_stats stats;
	raw_spinlock_t lock;
};

/* ---------------------------------------------------------------- machine */

int prt_machine_init(struct prt_machine *m, const struct prt_policy *p,
		     s32 nr_cores, s32 capacity);
void prt_machine_free(struct prt_machine *m);
/* Topology: cores c / size share a group at that level; 0 means all cores (smt: 0 or 1, none). */
void prt_topology_sizes(struct prt_machine *m, s32 smt, s32 llc, s32 numa);
/*
 * A core's capacity input, between prt_machine_init() and prt_machine_start();
 * a value outside 1..PRT_FULL_CAPACITY leaves it full. -1 for a bad core.
 */
int prt_set_core_capacity(struct prt_machine *m, s32 core, s64 capacity);
/* Cores in their first state, core attributes (and core inputs) initialised. */
void prt_machine_start(struct prt_machine *m);

/* ---------------------------------------------------------------- events */
/*
 * One function per environment event (Interpreter.java). The caller holds
 * the machine's lock and sets m->now before. PRT_SKIPPED means the event
 * does not apply in this state (a tick on a core that runs nothing).
 */
/*
 * Thread t is created by a thread running on core, with the environment's
 * inputs for it: in, or NULL for a nice-0 thread that is not a real-time one
 * and may run on every core. An invalid part of in is replaced by its default
 * and counted in m->stats.bad_inputs: a nice outside -20..19 by 0, real-time
 * parameters that are not all 0 nor 0 < runtime <= deadline <= period by
 * all 0, an affinity that allows none of the machine's cores by every core.
 * cpu(t) is core, or the lowest core of t's affinity if core is not in it
 * (as Linux's select_fallback_rq() picks one): cpu(t) of a thread is always a
 * core it may run on, before its new handler runs and ever after.
 */
int prt_new(struct prt_machine *m, s32 core, s32 t,
	    const struct prt_thread_in *in);
int prt_tick(struct prt_machine *m, s32 core);
int prt_yield(struct prt_machine *m, s32 core);
int prt_block(struct prt_machine *m, s32 core);
int prt_unblock(struct prt_machine *m, s32 core, s32 t);
int prt_terminate(struct prt_machine *m, s32 core);
int prt_schedule(struct prt_machine *m, s32 core);
int prt_enter_idle(struct prt_machine *m, s32 core);
int prt_exit_idle(struct prt_machine *m, s32 core);
/* The steal; returns the number of threads moved, or PRT_FAULT. */
int prt_balance(struct prt_machine *m, s32 core);
/*
 * The per-core semantics (docs/semantics.md, "Concurrency"), as the Java
 * Interpreter's boot, complete and reschedule:
 *   prt_boot()           every core settles once, in increasing id, before
 *                        any event (all start empty)
 *   prt_complete(c)      ends an event that ran on core c: c sees its own
 *                        preempt request and settles; every other core the
 *                        event touched gets a pending reschedule if it was
 *                        asked to preempt or has no current thread; then
 *                        the idle kick: every idle core without one that
 *                        may run a thread waiting in a shared queue gets one
 *   prt_reschedule(c)    delivers c's pending reschedule (prt_complete(c));
 *                        PRT_SKIPPED when c has none
 *   prt_resched_next()   the lowest core >= from with one, or nr_cores
 *   prt_reschedule_all() delivers them all, lowest core first, until none is
 *                        left: a kick latency of 0, for hosts that hold one
 *                        lock over the whole machine
 * prt_settle_core() settles one core (schedule, else the idle steal, else
 * enter_idle); it is a step of the above, not an event.
 */
int prt_boot(struct prt_machine *m);
int prt_complete(struct prt_machine *m, s32 core);
int prt_reschedule(struct prt_machine *m, s32 core);
s32 prt_resched_next(const struct prt_machine *m, s32 from);
/* The lowest core >= from marked idle (prt_core.idle), or nr_cores. */
s32 prt_idle_next(const struct prt_machine *m, s32 from);
int prt_reschedule_all(struct prt_machine *m);
bool prt_preempt_requested(const struct prt_machine *m, s32 core);
int prt_settle_core(struct prt_machine *m, s32 core);
/*
 * Remote preemption. prt_preempt() (the statement `preempt c;`) records a
 * request for core c (and touches c); none is a fault at line.
 * prt_preempt_next() is the lowest core >= from with a request, or
 * nr_cores (for a host that delivers them itself). prt_deliver_preempt() takes core c's request: if c runs a thread t, t goes
 * through `on preempt`, which must leave it ready (PRT_OK); a request to a
 * core that runs nothing is void (PRT_SKIPPED). prt_complete() calls it for
 * the core it completes.
 */
void prt_preempt(struct prt_machine *m, s64 core, int line);
s32 prt_preempt_next(const struct prt_machine *m, s32 from);
int prt_deliver_preempt(struct prt_machine *m, s32 core);
/*
 * Thread t's affinity changes to affinity (NULL: every core), as when a
 * thread running on core calls sched_setaffinity() (Interpreter.
 * changeAffinity). It takes effect at once. A thread that is blocked, waits
 * in a shared queue, or runs or waits on a core the new set allows stays
 * where it is: only its affinity changes, and cpu(t) of a thread on no core
 * moves to the lowest allowed core if the set leaves it out. A thread running
 * or waiting on a core the new set leaves out is taken off that core (a
 * blocked transition the policy does not see, as Linux migrates it without
 * asking the scheduling class), gets the lowest allowed core as cpu(t), and
 * is placed again by its unblock handler, run on core as if t had just woken
 * up; unblock's event type then holds (t must end ready). PRT_SKIPPED when t
 * is not a live thread (never created, released, terminated) or the affinity
 * allows none of the machine's cores (sched_setaffinity() refuses an empty
 * mask); nothing changes then. The affinity is borrowed as prt_new()'s.
 */
int prt_change_affinity(struct prt_machine *m, s32 core, s32 t,
			const unsigned long *affinity);
/* Frees the slot of a terminated thread for reuse. */
void prt_release(struct prt_machine *m, s32 t);
/* A free thread slot, lowest first, or PRT_NONE. */
s32 prt_free_slot(struct prt_machine *m);

/* Host re-synchronisation (monitor mode): make t the current of core c. */
void prt_force_current(struct prt_machine *m, s32 c, s32 t);
/* Host re-synchronisation: t is blocked or terminated (state) whatever the policy did. */
void prt_force_park(struct prt_machine *m, s32 t, s32 state);

/*
 * Work conservation (WorkConservation.java). A core is wasted when it has no
 * current thread while a thread that may run on it waits: in a shared queue,
 * or in the queue of another core that is overloaded (two runnable or more).
 * prt_waiting_thread_for() is the first such thread, in shared queues then in
 * increasing core id (PRT_NONE if there is none: the core is not wasted, or
 * it runs a thread); prt_core_wasted() whether there is one;
 * prt_work_conserving() whether no core is wasted. While no thread has a
 * restricted affinity (m->nr_restricted == 0, an O(1) test) the answer needs
 * only the queue sizes, O(cores); otherwise the waiting threads' affinities
 * are read, O(cores * threads).
 */
s32 prt_waiting_thread_for(const struct prt_machine *m, s32 core);
bool prt_core_wasted(const struct prt_machine *m, s32 core);
bool prt_work_conserving(const struct prt_machine *m);

extern const struct prt_policy prt_this_policy;	/* defined by the generated policy */

/*
 * The policy a machine runs. A BPF scheduler holds one policy, known when it
 * is compiled: there this is the descriptor itself, so that the compiler
 * makes its function pointers direct calls (BPF has no other) and its tables
 * constants (a pointer stored in the machine's memory would not be one).
 */
#ifdef PRT_BPF
#define prt_policy_of(m)	((void)(m), &prt_this_policy)
#else
#define prt_policy_of(m)	((m)->policy)
#endif

/* The canonical text dump (also produced by the Java test harness). */
typedef void (*prt_print_fn)(void *out, const char *text);
void prt_dump(const struct prt_machine *m, prt_print_fn print, void *out);

const char *prt_state_name(s32 state);

/* The event's name in the language: "new", "tick", ... (stats, dumps). */
const char *prt_event_name(enum prt_event event);

/* ---------------------------------------------------------------- faults */

void prt_fault(struct prt_machine *m, int line, const char *what,
	       const char *detail);

static inline bool prt_faulted(const struct prt_machine *m)
{
	return m->faulted;
}

/* ---------------------------------------------------------------- values */

/* 64-bit two's complement arithmetic, without C's signed-overflow UB. */
static inline s64 prt_add(s64 a, s64 b)
{
	return (s64)((u64)a + (u64)b);
}

static inline s64 prt_sub(s64 a, s64 b)
{
	return (s64)((u64)a - (u64)b);
}

static inline s64 prt_mul(s64 a, s64 b)
{
	return (s64)((u64)a * (u64)b);
}

static inline s64 prt_neg(s64 a)
{
	return (s64)(0 - (u64)a);
}

/* x / 0 = 0, and S64_MIN / -1 wraps to S64_MIN. */
static inline s64 prt_div(s64 a, s64 b)
{
	if (b == 0)
		return 0;
	if (b == -1)
		return prt_neg(a);
	return a / b;
}

static inline s64 prt_mod(s64 a, s64 b)
{
	if (b == 0 || b == -1)
		return 0;
	return a % b;
}

static inline s64 prt_abs(s64 a)
{
	return a < 0 ? prt_neg(a) : a;
}

static inline s64 prt_min(s64 a, s64 b)
{
	return a < b ? a : b;
}

static inline s64 prt_max(s64 a, s64 b)
{
	return a > b ? a : b;
}

/* Linux's clamp(): hi wins when the bounds cross. */
static inline s64 prt_clamp(s64 x, s64 lo, s64 hi)
{
	return prt_min(prt_max(x, lo), hi);
}

/* ilog2() of a positive number; 0 below 1, as the language defines it. */
static inline s64 prt_log2(s64 x)
{
	return x < 1 ? 0 : fls64((u64)x) - 1;
}

/* table[i] of a constant table of size elements: records a fault and yields 0 outside it. */
static inline s64 prt_table(struct prt_machine *m, const s64 *table, s64 size,
			    s64 i, int line, const char *what)
{
	if (likely((u64)i < (u64)size))
		return table[i];
	prt_fault(m, line, what, "indexed outside the table");
	return 0;
}

static inline s64 prt_now(const struct prt_machine *m)
{
	return m->now;
}

/* ---------------------------------------------------------------- references */

/* A thread value that must not be none: records a fault and yields 0 if it is. */
static inline s64 prt_thread_ref(struct prt_machine *m, s64 t, int line,
				 const char *what)
{
	if (likely((u64)t < (u64)m->capacity))
		return t;
	prt_fault(m, line, what, "of none");
	return 0;
}

static inline s64 prt_core_ref(struct prt_machine *m, s64 c, int line,
			       const char *what)
{
	if (likely((u64)c < (u64)m->nr_cores))
		return c;
	prt_fault(m, line, what, "of none");
	return 0;
}

static inline void *prt_thread_data(struct prt_machine *m, s64 t)
{
	return prt_plain(m->thread_data + (size_t)t * prt_policy_of(m)->thread_size);
}

static inline void *prt_core_data(struct prt_machine *m, s64 c)
{
	return prt_plain(m->core_data + (size_t)c * prt_policy_of(m)->core_size);
}

/* The inputs of thread t (set by prt_new()) and of core c. */
static inline const struct prt_thread_in *prt_thread_in(const struct prt_machine *m,
							s64 t)
{
	return prt_plain(&m->threads[t].in);
}

static inline const struct prt_core_in *prt_core_in(const struct prt_machine *m,
						    s64 c)
{
	return prt_plain(&m->cores[c].in);
}

static inline s32 prt_nr_cores(const struct prt_machine *m)
{
	return m->nr_cores;
}

static inline s64 prt_current(const struct prt_machine *m, s64 c)
{
	return m->cores[c].curr;
}

static inline s64 prt_cpu(const struct prt_machine *m, s64 t)
{
	return m->threads[t].cpu;
}

static inline s32 prt_core_state(const struct prt_machine *m, s64 c)
{
	return m->cores[c].state;
}

/* ---------------------------------------------------------------- affinity */
/*
 * A thread's affinity (struct prt_thread_in) is the one input that changes:
 * the machine owns a copy per thread slot, set by prt_new() and
 * prt_change_affinity(). The machine keeps two promises: cpu(t) of a live
 * thread is a core t may run on, and no transition puts t on a core it may
 * not run on. A policy that tries (`t => c.ready`, `t => self.current` for a
 * core c outside t's affinity) faults at the line of its statement, as the
 * reference does; the steal passes over the threads the stealing core may not
 * run, before its `where` and `stop` clauses see them (Linux's
 * can_migrate_task()). A shared queue may hold any thread: the core that
 * takes one to run it must be allowed.
 */

/* Thread t's affinity: bit c set when t may run on core c (read-only). */
static inline const unsigned long *prt_affinity(const struct prt_machine *m,
						s64 t)
{
	return prt_plain(m->affinity + (size_t)t * m->affinity_longs);
}

/* Whether thread t may run on core (`core in affinity(t)`); both valid. */
static inline bool prt_allowed(const struct prt_machine *m, s32 t, s32 core)
{
	return test_bit(core, prt_affinity(m, t));
}

/* Whether some thread slot's affinity leaves out some core. */
static inline bool prt_affinity_restricted(const struct prt_machine *m)
{
	return m->nr_restricted > 0;
}

/* ---------------------------------------------------------------- queues */

static inline struct prt_queue *prt_core_queue(struct prt_machine *m, s64 c,
					       s32 kind)
{
	return prt_plain(&m->queues[c * prt_policy_of(m)->nr_core_queues + kind]);
}

static inline struct prt_queue *prt_shared_queue(struct prt_machine *m,
						 s32 index)
{
	return prt_plain(&m->queues[m->nr_cores * prt_policy_of(m)->nr_core_queues + index]);
}

/* The kept sum over a queue of summed thread attribute i (prt_policy.summed). */
static inline s64 prt_queue_sum(const struct prt_queue *q, s32 i)
{
	return q->sums[i];
}

void prt_set_summed(struct prt_machine *m, s64 t, s32 i, s64 value);

static inline s64 prt_queue_size(const struct prt_queue *q)
{
	return q->size;
}

static inline bool prt_queue_empty(const struct prt_queue *q)
{
	return q->size == 0;
}

/* The i-th thread in queue order, 0 <= i < size. */
static inline s64 prt_queue_at(const struct prt_queue *q, s32 i)
{
	return q->elem[q->head + i];
}

/* The head: lowest key for `lowest`, highest for `highest`, or none. */
static inline s64 prt_queue_first(const struct prt_queue *q)
{
	return q->size == 0 ? PRT_NONE : q->elem[q->head];
}

/* `t in q`: t is ready in exactly this queue instance. */
static inline bool prt_queue_has(const struct prt_machine *m,
				 const struct prt_queue *q, s64 t)
{
	return t >= 0 && m->threads[t].state == PRT_READY &&
	       m->threads[t].queue == q->id;
}

/* 1 for a current thread plus the threads of the core's own queues. */
static inline s64 prt_runnable(const struct prt_machine *m, s64 c)
{
	s32 nq = prt_policy_of(m)->nr_core_queues;
	const struct prt_queue *q = prt_plain(&m->queues[c * nq]);
	s64 n = m->cores[c].curr == PRT_NONE ? 0 : 1;
	s32 k;

	for (k = 0; k < nq && PRT_LOOP; k++)
		n += q[k].size;
	return n;
}

/* ---------------------------------------------------------------- core sets */

static inline struct prt_cset prt_cset_all(void)
{
	struct prt_cset s = { PRT_CSET_ALL, 0, 0 };

	return s;
}

static inline struct prt_cset prt_cset_state(s32 state)
{
	struct prt_cset s = { PRT_CSET_STATE, state, 0 };

	return s;
}

static inline struct prt_cset prt_cset_domain(s64 c, s64 level)
{
	struct prt_cset s = { PRT_CSET_DOMAIN, (s32)c, (s32)level };

	return s;
}

/* `affinity(t)`: read when used, so it is t's affinity at that moment. */
static inline struct prt_cset prt_cset_affinity(s64 t)
{
	struct prt_cset s = { PRT_CSET_AFFINITY, (s32)t, 0 };

	return s;
}

static inline bool prt_same_domain(const struct prt_machine *m, s32 level,
				   s64 a, s64 b)
{
	return m->group[level][a] == m->group[level][b];
}

static inline bool prt_cset_has(const struct prt_machine *m,
				struct prt_cset s, s64 c)
{
	if (c < 0)
		return false;
	switch (s.kind) {
	case PRT_CSET_ALL:
		return true;
	case PRT_CSET_STATE:
		return m->cores[c].state == s.arg;
	case PRT_CSET_AFFINITY:
		return prt_allowed(m, s.arg, (s32)c);
	default:
		return prt_same_domain(m, s.level, s.arg, c);
	}
}

/*
 * How many positions a loop over a core set visits: a domain's cores, else
 * every core (prt_cset_at() then says which belong to the set).
 */
static inline s32 prt_cset_span(const struct prt_machine *m, struct prt_cset s)
{
	return s.kind == PRT_CSET_DOMAIN ? m->dom_len[s.level][s.arg] : m->nr_cores;
}

/* The core at position i of prt_cset_span(), or PRT_NONE if not in the set. */
static inline s64 prt_cset_at(const struct prt_machine *m, struct prt_cset s,
			      s32 i)
{
	if (s.kind == PRT_CSET_DOMAIN)
		return m->dom_members[s.level][m->dom_first[s.level][s.arg] + i];
	return prt_cset_has(m, s, i) ? i : PRT_NONE;
}

static inline bool prt_cset_eq(struct prt_cset a, struct prt_cset b)
{
	return a.kind == b.kind && a.arg == b.arg && a.level == b.level;
}

s64 prt_cset_size(const struct prt_machine *m, struct prt_cset s);

/* ---------------------------------------------------------------- loops */
/*
 * Every loop of generated code is written with these, so that the same
 * policy C can run on another runtime. They are counting loops, bounded for
 * the BPF verifier by PRT_LOOP (prt_host.h) as every loop of the runtime.
 *
 *   prt_for_range(i, n, end) { s64 x = prt_idx(i); ... }   0 .. end-1
 *   prt_for_queue(i, q) { s64 t = prt_queue_elem(q, i); ... }   q's threads in order
 *
 * end is evaluated once, before the first iteration.
 */
#define prt_for_range(i, n, end)	for (s32 i = 0, n = (end); i < n && PRT_LOOP; i++)
#define prt_idx(i)			(i)
#define prt_for_queue(i, q)		for (s32 i = 0; i < (q)->size && PRT_LOOP; i++)
#define prt_queue_elem(q, i)		prt_queue_at(q, i)

/* ---------------------------------------------------------------- foreach */
/*
 * foreach runs over a snapshot taken when the loop starts: these copy the
 * elements into snapshot buffer `buf` (one per loop of the policy) and
 * return how many there are; prt_snap() reads them back.
 */
s32 prt_snapshot_queue(struct prt_machine *m, s32 buf,
		       const struct prt_queue *q);
s32 prt_snapshot_cset(struct prt_machine *m, s32 buf, struct prt_cset s);

static inline s64 prt_snap(const struct prt_machine *m, s32 buf, s32 i)
{
	return m->snap[buf][i];
}

/* ---------------------------------------------------------------- transitions */
/*
 * `t => q`, `t => blocked`, `t => terminated`, `t => c.current`, `c => S`
 * with the checks of the semantics (a handler other than schedule moves
 * only its target; only schedule fills self.current, with a ready thread;
 * a core's queue and current slot take only a thread that may run on that
 * core). A failed check is a fault at `line`.
 */
void prt_to_queue(struct prt_machine *m, s64 t, struct prt_queue *q, int line);
void prt_to_blocked(struct prt_machine *m, s64 t, int line);
void prt_to_terminated(struct prt_machine *m, s64 t, int line);
void prt_to_current(struct prt_machine *m, s64 t, s64 c, int line);
void prt_to_core_state(struct prt_machine *m, s64 c, s32 state, int line);

/* ---------------------------------------------------------------- parameters */

#ifdef __KERNEL__
#include <linux/moduleparam.h>
extern const struct kernel_param_ops prt_param_ops;
/* Module parameter `name`, range-checked against params[i] when set. */
#define PRT_PARAM(name, param, desc)					\
	module_param_cb(name, &prt_param_ops, &(param), 0444);		\
	MODULE_PARM_DESC(name, desc)
#endif

/* Sets a parameter by name; -1 for an unknown name or a value out of range. */
int prt_set_param(const struct prt_policy *p, const char *name, long value);

#endif /* PRT_H */
