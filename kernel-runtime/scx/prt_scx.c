// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, kernel host: the sched_ext bridge.
 *
 * The module runs a generated policy as the real scheduler of a stock kernel
 * with CONFIG_SCHED_CLASS_EXT. It exposes the policy's machine as kfuncs; a
 * small fixed BPF struct_ops program (scx/bridge.bpf.c) forwards sched_ext's
 * callbacks to them and carries out the decisions:
 *
 *   select_cpu(p)            a hint: the core the view holds p for
 *   enqueue(p, group, w)     the task joins the policy's view: new (first
 *                            time, with its group and that group's weight:
 *                            see Groups below), unblock (after sleeping);
 *                            the policy's handler queues it on a core; if
 *                            the settle then makes it a core's current,
 *                            that CPU is returned and the bridge inserts
 *                            the task into its local DSQ at once (-2 when
 *                            it waits in a queue); or the module refuses
 *                            (-1: no free slot, or the policy faulted)
 *                            and the bridge puts the task on
 *                            SCX_DSQ_GLOBAL (counted)
 *   dispatch(cpu, prev)      the core's current in the view (kept, or picked
 *                            at a settle, usually an earlier one); its pid is
 *                            inserted into the CPU's local DSQ by the bridge
 *   running(p)               reconciles the view if p is not what it expected
 *   stopping(p, runnable)    yield when the slice was used up
 *   quiescent(p)             block
 *   tick(p)                  tick; true when the policy preempted p
 *   set_cpumask(p)           its affinity changed (see Affinity below)
 *   disable(p)               terminate; the slot is freed
 *   cgroup_move(p)           counted; the thread keeps its group (Groups)
 *   cgroup_set_weight(g, w)  counted; the group's threads keep their weight
 *
 * Each of these is an event on the CPU it runs on, and ends as the semantics
 * end an event (docs/semantics.md, "Concurrency"): that core completes (it
 * sees its own preempt request and settles: schedule, the idle steal,
 * enter_idle), and every other core the event changed gets a pending
 * reschedule, which this host delivers at once, under its lock (a kick
 * latency of 0 in the view), each as a completion on that core
 * (settle_view()). So an event settles its own core and the cores it
 * changed, never the others. A settle decides picks for other CPUs than the
 * one the event runs on, and sched_ext calls a CPU's dispatch only when it
 * stops a task, goes idle or is kicked. A task the settle at its own
 * enqueue gives to a core is inserted into that CPU's local DSQ from enqueue
 * (cpu_state.inserted). For the other picks, the module notes, among the
 * cores the event settled, each CPU whose view now holds a pick the kernel
 * has not been told of (cpu_state.told: the pick that CPU's last dispatch
 * returned, or that it was last kicked for), at most once per pick, and the
 * bridge kicks those CPUs (prt_scx_next_kick, SCX_KICK_IDLE: a CPU that is
 * running a task is not disturbed, it dispatches when that task stops; an
 * idle CPU, or one inside its dispatch, reschedules and dispatches again).
 * Modules cannot kick: scx_bpf_kick_cpu is a BPF kfunc, not exported.
 *
 * Remote preemption: a handler's `preempt c;` is delivered when c completes
 * (at once, c's pending reschedule being delivered before the event ends),
 * as the semantics do: c's running thread goes through `on preempt` (back
 * to a queue) and c settles. When the view then holds another current for c
 * than the thread it took the CPU from, the kernel must stop that thread
 * now: the bridge kicks c with SCX_KICK_PREEMPT, which ends the running
 * task's slice; the task goes back through stopping (no yield: the view no
 * longer runs it there) and enqueue (already ready: the view keeps it where
 * on preempt put it), and c's dispatch returns the pick. When the settle
 * gives c's old thread back to c, nothing is kicked.
 *
 * Periodic balancing: each core's steal is an event on that core, run by its
 * own tick when due; idle CPUs do not tick (NOHZ), so once per period the
 * first CPU to tick kicks the idle cores whose steal is due, and each runs it
 * in its dispatch (periodic_balance(), nohz_kicks()).
 *
 * Cost per callback: the policy's handler, the settles of the cores it
 * changed, and one kick per CPU whose pick changed; nothing scans every CPU
 * (the view's idle cores are a bitmap, pending reschedules too). A steal
 * scans the domains the policy's balance reads, the NOHZ kick the idle cores
 * once per period. scripts/bench-host.sh measures it. Under one lock still:
 * see Locking below. No allocation.
 *
 * Affinity. Every task is the policy's, whatever its affinity: a thread's
 * affinity in the view is the mask the kernel enforces for it,
 * prt_kernel_affinity() (p->cpus_ptr; the CPU it is on while its migration
 * is disabled), and the runtime keeps every placement and pick within it
 * (a policy that tries otherwise faults). So a pick is always a CPU the task
 * may run on, and the bridge inserts it into that CPU's local DSQ; its check
 * of p->cpus_ptr and of migration_disabled stays as a guard, counted
 * (fallback.not_allowed, fallback.migration_disabled). The view's copy
 * follows the kernel's:
 *   new (first enqueue)      prt_new() with the task's affinity
 *   set_cpumask(p)           prt_change_affinity() at once: the kernel calls
 *                            it under p's runqueue lock with p->cpus_ptr
 *                            already changed (sched_setaffinity(), cpusets,
 *                            migrate_disable_switch(), migrate_enable());
 *                            for a queued or running task, between the
 *                            quiescent and the enqueue of the dequeue/enqueue
 *                            pair that brackets every change of a task's
 *                            scheduling properties, so the view has just
 *                            blocked the thread and only its mask changes;
 *                            its unblock at that enqueue places it within
 *   every enqueue            the view's copy is compared with the task's
 *                            mask and changed first if they differ: this
 *                            pins a task whose migration is disabled
 *                            (SCX_OPS_ENQ_MIGRATION_DISABLED makes the
 *                            kernel enqueue it through the bridge; it is
 *                            enqueued before the kernel narrows its
 *                            cpus_ptr) and repairs any change the kernel did
 *                            not report (a migrate_enable() after a
 *                            migrate_disable() that never switched the task
 *                            out calls no set_cpumask): the view's copy lags
 *                            the kernel's by at most until the task's next
 *                            enqueue
 * A per-CPU kernel thread (nr_cpus_allowed == 1) is a pinned thread like any
 * other. When the kernel runs a task on a CPU the view's copy leaves out
 * (only while it carries out an affinity change: the task runs on until the
 * stopper migrates it), the view does not follow: it would break the
 * runtime's promise that a thread is only ever on an allowed core; the
 * thread's tick and yield on that CPU are not the policy's (counted as
 * view.disallowed_runs).
 *
 * Groups. A thread's group and group_weight inputs are the cgroup whose
 * cpu.weight the kernel applies to the task, and that weight. The module
 * cannot find them (the task's task_group is the scheduler's private
 * struct): the bridge can, through sched_ext (scx_bpf_task_cgroup(), the
 * weights of ops.cgroup_init() and ops.cgroup_set_weight(); bridge.bpf.c says
 * how the group is numbered), and passes them with every enqueue. They are
 * used once, when the task becomes a thread of the policy (prt_new() at its
 * first enqueue): the semantics fix a thread's inputs at its creation. So a
 * thread moved to another cgroup later keeps its group, and a thread whose
 * group's cpu.weight changes keeps the weight it was created with; both are
 * counted (groups.moves: moves of threads in the view; groups.weight_changes
 * and groups.weight_kept: the threads in the view whose weight now differs
 * from their group's). Without CONFIG_EXT_GROUP_SCHED the kernel calls no
 * cgroup callback and every task is in the root group (0, weight 100).
 * The stats file lists the groups of the threads in the view (read under
 * the lock, sorted after it), so a user sees which groups the policy got.
 *
 * The kfuncs take scalars (pid, start time, CPU, slice, group), not task
 * pointers: an out-of-tree module's BTF carries its own copy of struct
 * task_struct (measured with pahole 1.30 on 7.3.4+deb13), which the verifier
 * does not match with the kernel's, so a task pointer argument is refused.
 * A task is named by its pid and its start_time, never by its pid alone: an
 * exiting thread frees its pid (release_task()) before its last schedule()
 * and before exit_task(), so for a while a new task may hold the same pid
 * (prt_threads.h). The module finds the task of the callback by pid under
 * RCU and keeps it only if its start_time agrees (task_of()); dispatch hands
 * the bridge the pick's start time with its pid, and the bridge inserts the
 * task its pid names only if the start times agree (else fallback.task_gone,
 * and the bridge counts pid_reused).
 * A new thread's inputs (nice, SCHED_DEADLINE parameters, affinity) and the
 * masks compared above are read from that task_struct, under the runqueue
 * lock the callback holds, which keeps p->cpus_ptr stable.
 *
 * Context and locking: the kfuncs run inside sched_ext callbacks, with a
 * runqueue lock held and interrupts off. One raw spinlock over the whole
 * view, taken last; nothing under it allocates, sleeps or prints. No kfunc
 * is sleepable. One lock makes every event atomic, which is what the
 * semantics (and so the verifier's verdicts) assume: a handler may read any
 * core's state (least_loaded() over all cores) and change several. Per-core
 * locks would need the set of cores an event reads and writes before it
 * runs, or stale reads the semantics would have to allow; neither exists
 * yet (issue 14, item 2). The lock is held for the per-callback cost above.
 * The kick list is lock-free: the bridge takes kicks without the lock.
 */
#ifdef __KERNEL__
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/sched/ext.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <linux/timekeeping.h>
#include <linux/smp.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/llist.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#else
#include "prt_scx_user.h"	/* its benchmark (scripts/bench-host.sh) */
#endif
#include "prt.h"
#include "prt_threads.h"
#include "prt_kernel.h"

static int max_threads = 4096;
module_param(max_threads, int, 0444);
MODULE_PARM_DESC(max_threads, "threads the policy can schedule; more are refused (default 4096)");

/*
 * view_wc: measure view.wc_violation_ns. It evaluates the work-conservation
 * predicate of the whole view after every callback, O(number of CPUs) (more
 * with pinned threads), so it is off unless asked for: a measurement for
 * fidelity runs (kernel-runtime/scx/fidelity), not for production.
 */
static bool view_wc;
module_param(view_wc, bool, 0444);
MODULE_PARM_DESC(view_wc, "measure view.wc_violation_ns (costs O(CPUs) per callback; default off)");

/* prt_scx_enqueue's answers other than a CPU (as in bridge.bpf.c) */
#define PRT_SCX_REFUSED	(-1)
#define PRT_SCX_QUEUED	(-2)

enum refusal { R_NO_SLOT, R_FAULT, R_NOT_A_CORE, R_NR };
static const char * const refusal_names[R_NR] = { "no_slot", "fault", "not_a_core" };

/* what the bridge could not do as the module said (reported by the bridge) */
enum fallback { F_TASK_GONE, F_NOT_ALLOWED, F_MIGRATION_DISABLED, F_NOT_RUNNABLE, F_NR };
static const char * const fallback_names[F_NR] = {
	"task_gone", "not_allowed", "migration_disabled", "not_runnable"
};

struct scx_stats {
	u64 group_threads;	/* threads created in a group other than the root */
	u64 group_moves;	/* ops.cgroup_move of a thread in the view (kept its group) */
	u64 weight_changes;	/* ops.cgroup_set_weight calls */
	u64 weight_kept;	/* threads in the view then, keeping their creation weight */
	u64 placed;		/* enqueues placed on a core by the policy */
	u64 picked;		/* dispatches giving the CPU a task the policy picked */
	u64 picked_earlier;	/* of those, picked at an earlier event's settle */
	u64 direct;		/* enqueues inserted at once on the CPU that took the task */
	u64 direct_pending;	/* dispatches that found that insertion still on its way */
	u64 kept;		/* dispatches where the CPU keeps running its task */
	u64 idle;		/* dispatches where the policy picked nothing */
	u64 tick_preempt;	/* ticks after which the policy preempted the task */
	u64 forced;		/* view re-synchronised with what really ran */
	u64 kicks;		/* CPUs marked for the bridge to kick (a pick to carry out) */
	u64 balances;		/* periodic steals run */
	u64 attaches;		/* views made at an attach (ops.init) */
	u64 preempts;		/* `preempt c;` delivered to a core running a thread */
	u64 kicks_preempt;	/* of those, CPUs kicked to preempt (SCX_KICK_PREEMPT) */
	u64 set_cpumask;	/* ops.set_cpumask calls for a thread in the view */
	u64 affinity_changed;	/* prt_change_affinity() applied (either path) */
	u64 affinity_at_enqueue;	/* of those, found different at an enqueue */
	u64 placed_kthread;	/* of placed: per-CPU kernel threads */
	u64 picked_restricted;	/* of picked and direct: threads with a restricted affinity */
	u64 disallowed_runs;	/* running() on a CPU outside the view's affinity */
	u64 refused[R_NR];
	u64 fallback[F_NR];
	u64 view_wc_violation_ns;
	u64 wc_since;
	bool wc_bad;
};

/*
 * The view: the policy's machine, made afresh at every attach (prt_scx_attach)
 * for the CPUs online then (see "CPUs" in the header). Replaced only under
 * view_mutex, which the debugfs readers hold too; the kfuncs use it under
 * its lock, and none runs while an attach replaces it.
 */
static struct prt_machine *view;
static DEFINE_MUTEX(view_mutex);
static bool running;		/* the policy runs (no fault yet) */

/*
 * CPUs and cores: core c of the view is CPU core_cpu[c]; cpu_core[cpu] is
 * the core of a CPU, PRT_NONE for a CPU that was not online at the attach.
 * identity: core c is CPU c for every core (the online CPUs were 0..n-1),
 * so a task's cpumask is the view's affinity as it is.
 */
static s32 *core_cpu, *cpu_core;
static s32 *next_core_cpu;	/* the map the next attach fills */
static bool identity;
static unsigned long *affinity_scratch;	/* a cpumask made core bits, under the lock */
static struct scx_stats st;

static struct prt_threads threads;	/* (pid, start time) -> slot, under view->lock */

/*
 * What the host keeps per core of the view, beside the machine's core (its
 * CPU is core_cpu[c]). All but the kick fields are under view->lock.
 *
 * told: the thread the kernel was last told to run on this CPU: what its last
 * dispatch returned, or the pick it was last kicked for (NO_TAG: nothing).
 * inserted: the thread the bridge inserted into this CPU's local DSQ at its
 * enqueue and that has not run yet. sched_ext carries out an insertion into
 * another CPU's local DSQ from enqueue later (deferred until the enqueuing
 * CPU's rq lock is dropped); a dispatch of the CPU in between must not insert
 * the task again (sched_ext ignores that insertion and calls dispatch again,
 * up to its loop limit). Both name a thread by tag(): its slot and the slot's
 * generation, which untrack() advances, so that a slot serving a new task is
 * never mistaken for the old one and nothing needs clearing when a task goes.
 *
 * preempted: the thread a `preempt` delivered during the event under way
 * took from this core (PRT_NONE: none); mark_kicks() then kicks the CPU with
 * SCX_KICK_PREEMPT if the view gave the core another thread.
 *
 * settled: on the settled list, the cores the event under way settled
 * (its own and those whose pending reschedule it delivered), which are the
 * only cores whose current can have changed: mark_kicks() looks at them
 * only, so an event costs what it changed, not the number of CPUs.
 *
 * next_balance: when this core's periodic steal is next due (see tick).
 *
 * kick, kick_node: how the CPU is to be kicked (KICK_IDLE, KICK_PREEMPT) and
 * its node on kick_list, a lock-free list of CPUs to kick that any number of
 * CPUs can be on. A CPU is put on the list when its flags go from 0 to
 * non-zero; the bridge takes CPUs off with prt_scx_next_kick(), which moves
 * the whole list to the calling CPU's taken list (only that CPU reads it)
 * and clears a CPU's flags after reading its successor, so a CPU is on at
 * most one list at a time and no kick is lost.
 */
#define NO_TAG		U64_MAX
#define KICK_IDLE	1
#define KICK_PREEMPT	2

struct cpu_state {
	u64 told;
	u64 inserted;
	s32 preempted;
	bool settled;
	u64 next_balance;
	atomic_t kick;
	struct llist_node kick_node;
};

static struct cpu_state *cpus;	/* by core */
static struct llist_node **taken;	/* by CPU: the kicks it took off kick_list */
static u32 *generation;		/* by slot: advanced when the slot is freed */
static s32 *settled;		/* the cores settled by the event under way */
static s32 nr_settled;
static u64 nohz_next;		/* when idle cores' periodic steals are next looked at */
static LLIST_HEAD(kick_list);

static struct dentry *debug_dir;

static void check(int result)
{
	if (result == PRT_FAULT)
		running = false;
}

/*
 * The core of CPU cpu in the view; PRT_NONE for a CPU that is not one (it
 * came online after the attach: the kernel is about to restart the
 * scheduler, see "CPUs" in the header).
 */
static s32 core_of_cpu(s32 cpu)
{
	return cpu >= 0 && cpu < nr_cpu_ids ? cpu_core[cpu] : PRT_NONE;
}

static s32 this_core(void)
{
	return core_of_cpu(smp_processor_id());
}

/* The thread slot names now (NO_TAG for none): see struct cpu_state. */
static u64 tag(s32 slot)
{
	return slot == PRT_NONE ? NO_TAG : (u64)generation[slot] << 32 | (u32)slot;
}

/* The core the slot runs on in the view, else PRT_NONE. */
static s32 core_of(s32 slot)
{
	s32 c = view->threads[slot].cpu;

	return view->threads[slot].state == PRT_RUNNING && c >= 0 &&
	       view->cores[c].curr == slot ? c : PRT_NONE;
}

/* Removes a thread from the view for good and frees its slot. */
static void untrack(s32 slot)
{
	s32 c = core_of(slot);

	if (running && c != PRT_NONE)
		check(prt_terminate(view, c));
	prt_force_park(view, slot, PRT_TERMINATED);
	prt_release(view, slot);
	prt_threads_remove(&threads, slot);
	generation[slot]++;	/* the slot will serve another task */
}

/* Asks the bridge to kick cpu with flag (see struct cpu_state). */
static void post_kick(s32 cpu, int flag)
{
	if (!atomic_fetch_or(flag, &cpus[cpu].kick))
		llist_add(&cpus[cpu].kick_node, &kick_list);
}

/* Core c settled during the event under way. */
static void note_settled(s32 c)
{
	if (!cpus[c].settled) {
		cpus[c].settled = true;
		settled[nr_settled++] = c;
	}
}

/*
 * After an event: for each core it settled, tell the kernel what changed.
 * A core whose running thread a delivered preempt took, and that now holds
 * another thread (or none), is kicked to preempt; any other core other than
 * self (a CPU inside its own dispatch; -1 for none) whose view holds a
 * current the kernel has not been told of is kicked (SCX_KICK_IDLE: a CPU
 * that runs a task is not disturbed). Each pick is kicked for once.
 */
static void mark_kicks(s32 self)
{
	s32 i, c, cur;

	for (i = 0; i < nr_settled; i++) {
		struct cpu_state *cs = &cpus[settled[i]];

		c = settled[i];
		cs->settled = false;
		cur = view->cores[c].curr;
		if (!running) {
			cs->preempted = PRT_NONE;
			continue;
		}
		if (cs->preempted != PRT_NONE && cur != cs->preempted) {
			/* the kernel runs the preempted thread: stop it now */
			cs->told = tag(cur);
			st.kicks_preempt++;
			post_kick(c, KICK_PREEMPT);
		} else if (c != self && cur != PRT_NONE && tag(cur) != cs->told) {
			cs->told = tag(cur);
			st.kicks++;
			post_kick(c, KICK_IDLE);
		}
		cs->preempted = PRT_NONE;
	}
	nr_settled = 0;
}

/* Core c is about to lose its running thread t to a preempt request. */
static void note_preempt(s32 c, s32 t)
{
	if (!running || t == PRT_NONE)
		return;
	st.preempts++;
	cpus[c].preempted = t;
}

/*
 * The end of an event that ran on CPU cpu, in the per-core semantics
 * (docs/semantics.md, "Concurrency"): prt_complete() settles that core and
 * turns what the event changed elsewhere into pending reschedules; this host
 * holds one lock over the whole view, so it delivers them at once, lowest
 * core first (a kick latency of 0), noting the cores whose running thread a
 * delivered preempt request took. The kicks of mark_kicks() then tell the
 * kernel.
 */
static void settle_view(s32 cpu)
{
	s32 c;

	if (!running)
		return;
	note_settled(cpu);
	if (prt_preempt_requested(view, cpu))
		note_preempt(cpu, prt_current(view, cpu));
	check(prt_complete(view, cpu));
	for (c = prt_resched_next(view, 0); running && c < view->nr_cores;
	     c = prt_resched_next(view, 0)) {
		note_settled(c);
		if (prt_preempt_requested(view, c))
			note_preempt(c, prt_current(view, c));
		check(prt_reschedule(view, c));
	}
}

/* The end of an event on this CPU; self: a CPU inside its own dispatch. */
static void settle_except(s32 self)
{
	s32 core = this_core();

	/* a CPU outside the view: only what the event changed elsewhere */
	settle_view(core != PRT_NONE ? core : 0);
	mark_kicks(self);
}

static void settle(void)
{
	settle_except(-1);
}

/*
 * The periodic steal of core cpu, if due: an event of its own on that core
 * (prt_balance, then the core completes). Each core runs its own, from its
 * tick, or, idle, from the dispatch its NOHZ kick causes (nohz_kicks()).
 */
static void periodic_balance(s32 cpu)
{
	const struct prt_steal *steal = view->policy->steal;

	if (!running || !steal || !steal->period ||
	    view->now < cpus[cpu].next_balance)
		return;
	cpus[cpu].next_balance = view->now + (u64)steal->period(view);
	st.balances++;
	check(prt_balance(view, cpu) < 0 ? PRT_FAULT : PRT_OK);
	settle_view(cpu);
}

/*
 * Idle CPUs do not tick (NOHZ), but the semantics balance every core every
 * period. Once per period, the first CPU to tick after it is due kicks the
 * idle cores whose steal is due (the machine's idle mask: only idle cores are
 * visited), and each runs its steal itself, in the dispatch the kick causes.
 * As Linux's nohz idle balancing, without balancing on the idle CPUs' behalf.
 */
static void nohz_kicks(void)
{
	const struct prt_steal *steal = view->policy->steal;
	s32 c;

	if (!running || !steal || !steal->period || view->now < nohz_next)
		return;
	nohz_next = view->now + (u64)steal->period(view);
	for (c = prt_idle_next(view, 0); c < view->nr_cores;
	     c = prt_idle_next(view, c + 1))
		if (view->now >= cpus[c].next_balance)
			post_kick(c, KICK_IDLE);
}

/*
 * The task of the callback under way, by its pid and start time (see the
 * header), or NULL if there is none: the pid may already be another task's.
 * Call under rcu_read_lock().
 */
static struct task_struct *task_of(pid_t pid, u64 start)
{
	struct task_struct *p = pid_task(find_pid_ns(pid, &init_pid_ns), PIDTYPE_PID);

	return p && p->start_time == start ? p : NULL;
}

/*
 * The cores task p may run on, as the view numbers them: its cpumask
 * (prt_kernel_affinity()) as it is when core c is CPU c, else gathered
 * into affinity_scratch (O(cores), only after a hotplug left a hole).
 */
static const unsigned long *view_affinity(const struct task_struct *p)
{
	const unsigned long *mask = prt_kernel_affinity(p);
	s32 c;

	if (identity)
		return mask;
	bitmap_zero(affinity_scratch, view->nr_cores);
	for (c = 0; c < view->nr_cores; c++)
		if (test_bit(core_cpu[c], mask))
			__set_bit(c, affinity_scratch);
	return affinity_scratch;
}

static bool restricted(s32 slot)
{
	return !bitmap_full(prt_affinity(view, slot), view->nr_cores);
}

/*
 * Makes the view's copy of p's affinity the kernel's (see the header), as
 * an affinity change made by a thread running on this CPU. Returns whether
 * it changed.
 */
static bool sync_affinity(s32 slot, const struct task_struct *p)
{
	const unsigned long *mask = view_affinity(p);
	s32 core = this_core();

	if (!running || core == PRT_NONE ||
	    bitmap_equal(prt_affinity(view, slot), mask, view->nr_cores))
		return false;
	check(prt_change_affinity(view, core, slot, mask));
	st.affinity_changed++;
	return true;
}

/* Whether slot holds the task (pid, start); pid 0 names no task. */
static bool is_task(s32 slot, pid_t pid, u64 start)
{
	return pid && prt_threads_pid(&threads, slot) == pid &&
	       prt_threads_start(&threads, slot) == start;
}

/*
 * The task p (NULL if gone) becomes runnable: it enters the policy's view as
 * ready, in the queue the policy chooses. Returns its slot, or PRT_NONE with
 * the reason.
 */
static s32 admit(pid_t pid, u64 start, const struct task_struct *p, s32 group,
		 s32 group_weight, enum refusal *why)
{
	s32 core = this_core(), slot = prt_threads_lookup(&threads, pid, start);
	struct prt_thread_in in = { 0 };

	if (!running) {
		*why = R_FAULT;
		return PRT_NONE;
	}
	if (core == PRT_NONE) {
		*why = R_NOT_A_CORE;
		return PRT_NONE;
	}
	if (slot == PRT_NONE) {
		slot = prt_threads_add(&threads, pid, start);
		if (slot == PRT_NONE) {
			*why = R_NO_SLOT;
			return PRT_NONE;
		}
		if (p) {
			prt_kernel_thread_in(p, &in);
			in.affinity = view_affinity(p);
		}
		/* the bridge's, not prt_kernel_thread_in()'s root group */
		in.group = group;
		in.group_weight = group_weight;
		check(prt_new(view, core, slot, &in));
		/* as the policy got it: an invalid input became the root group */
		if (view->threads[slot].in.group)
			st.group_threads++;
		st.placed++;
		if (p && (p->flags & PF_KTHREAD) && p->nr_cpus_allowed == 1)
			st.placed_kthread++;
	} else {
		if (p && sync_affinity(slot, p))
			st.affinity_at_enqueue++;
		switch (view->threads[slot].state) {
		case PRT_BLOCKED:
			check(prt_unblock(view, core, slot));
			st.placed++;
			if (p && (p->flags & PF_KTHREAD) && p->nr_cpus_allowed == 1)
				st.placed_kthread++;
			break;
		case PRT_RUNNING:
			/*
			 * Picked for a core before the kernel queued it (it was
			 * still running elsewhere): it stays that core's pick,
			 * inserted now (prt_scx_enqueue).
			 */
			break;
		default:
			break;
		}
	}
	if (!running) {
		*why = R_FAULT;
		return PRT_NONE;
	}
	return slot;
}

/* The core whose queue holds the slot, else the core it was last on. */
static s32 target_core(s32 slot)
{
	s32 q = view->threads[slot].queue;

	if (q != PRT_NONE && view->queues[q].owner != PRT_NONE)
		return view->queues[q].owner;
	if (view->threads[slot].state == PRT_RUNNING && core_of(slot) != PRT_NONE)
		return core_of(slot);
	return prt_cpu(view, slot);
}

static u64 now_ns(void)
{
	return ktime_get_ns();
}

/*
 * Time during which the policy's own view was not work-conserving (a core
 * idle while a thread that may run on it waits, in a shared queue or on an
 * overloaded core: the runtime's prt_work_conserving(), the predicate of the
 * semantics with affinity), integrated over the kfuncs' calls.
 */
static void wc_note(void)
{
	bool bad;

	if (!view_wc)
		return;
	bad = running && !prt_work_conserving(view);

	if (st.wc_bad)
		st.view_wc_violation_ns += view->now - st.wc_since;
	st.wc_bad = bad;
	st.wc_since = view->now;
}

/* Every kfunc runs the machine under its lock, at the current time. */
static unsigned long lock_machine(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&view->lock, flags);
	view->now = now_ns();
	return flags;
}

static void unlock_machine(unsigned long flags)
{
	wc_note();
	raw_spin_unlock_irqrestore(&view->lock, flags);
}

/*
 * A view for the CPUs online now: a fresh machine whose core c is the c-th
 * online CPU (written to map), with their topology and capacities. NULL
 * when out of memory. Sleeps.
 */
static struct prt_machine *make_view(s32 *map)
{
	struct prt_machine *m = kzalloc(sizeof(*m), GFP_KERNEL);
	s32 n = 0, cpu;

	if (!m)
		return NULL;
	for_each_online_cpu(cpu)
		map[n++] = cpu;
	if (prt_machine_init(m, &prt_this_policy, n, max_threads)) {
		kfree(m);
		return NULL;
	}
	prt_kernel_set_topology(m, map);
	prt_kernel_set_capacities(m, map);
	prt_machine_start(m);
	return m;
}

static void free_view(struct prt_machine *m)
{
	if (m) {
		prt_machine_free(m);
		kfree(m);
	}
}

/*
 * Makes m (from make_view(map)) and a fresh thread table the view, with
 * every core's host state cleared, and boots it (every core settles once:
 * all idle). Returns the old view and table for the caller to free. Under
 * view_mutex, while no callback runs.
 */
static struct prt_machine *install_view(struct prt_machine *m, s32 *map,
					struct prt_threads *table)
{
	struct prt_machine *old = view;
	struct prt_threads swap = threads;
	s32 c, *old_map = core_cpu;

	view = m;
	threads = *table;
	*table = swap;
	core_cpu = map;
	next_core_cpu = old_map;
	identity = true;
	for (c = 0; c < nr_cpu_ids; c++)
		cpu_core[c] = PRT_NONE;
	for (c = 0; c < m->nr_cores; c++) {
		cpu_core[core_cpu[c]] = c;
		identity &= core_cpu[c] == c;
	}
	for (c = 0; c < nr_cpu_ids; c++) {
		cpus[c] = (struct cpu_state){ .told = NO_TAG, .inserted = NO_TAG,
					      .preempted = PRT_NONE };
		taken[c] = NULL;
	}
	llist_del_all(&kick_list);
	nr_settled = 0;
	nohz_next = 0;
	running = true;
	check(prt_boot(view));
	return old;
}

__bpf_kfunc_start_defs();

/*
 * ops.init (a sleepable callback): a scheduler attaches. The view is made
 * afresh for the CPUs online now: the bridge implements neither cpu_online
 * nor cpu_offline, so sched_ext ends the scheduler when a CPU comes or goes
 * (SCX_ECODE_ACT_RESTART) and the loader attaches it again (bridge.c), and
 * the view's cores are always the online CPUs. 0, or -ENOMEM (the attach
 * fails).
 */
__bpf_kfunc s32 prt_scx_attach(void)
{
	struct prt_machine *fresh, *old;
	struct prt_threads table;

	if (prt_threads_init(&table, max_threads))
		return -ENOMEM;
	fresh = make_view(next_core_cpu);
	if (!fresh) {
		prt_threads_free(&table);
		return -ENOMEM;
	}
	mutex_lock(&view_mutex);
	old = install_view(fresh, next_core_cpu, &table);
	mutex_unlock(&view_mutex);
	free_view(old);
	prt_threads_free(&table);
	st.attaches++;
	return 0;
}

/*
 * select_cpu: a hint only, the core the view holds the task for, else
 * prev_cpu. The policy places a waking task at enqueue, when the task is in
 * sched_ext's custody: placing it here let another CPU pick it before its
 * enqueue, and repairing that raced with the enqueue (a task lost to the
 * view, ended by the watchdog as a "runnable task stall").
 */
__bpf_kfunc s32 prt_scx_select_cpu(s32 pid, u64 start, s32 prev_cpu)
{
	unsigned long flags;
	s32 slot, core = PRT_NONE;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE &&
	    (view->threads[slot].state == PRT_READY ||
	     view->threads[slot].state == PRT_RUNNING))
		core = target_core(slot);
	unlock_machine(flags);
	return core >= 0 && core < view->nr_cores ? core_cpu[core] : prev_cpu;
}

/*
 * enqueue: PRT_SCX_REFUSED (-1: the bridge puts p on the global DSQ),
 * PRT_SCX_QUEUED (-2: p waits in the policy's queues; the CPU that picks it
 * dispatches it), or the CPU whose local DSQ the bridge inserts p into now:
 * the settle made p that core's current (an idle core took it at once, or
 * its pick, deferred while p still ran elsewhere, can now be carried out).
 * The kernel then reschedules that CPU itself, so it is not kicked, unless
 * the CPU still runs a thread that p's new or unblock handler preempted
 * (`preempt c;`): that CPU is kicked to preempt (mark_kicks()).
 */
__bpf_kfunc s32 prt_scx_enqueue(s32 pid, u64 start, s32 group, s32 group_weight)
{
	enum refusal why = R_FAULT;
	unsigned long flags;
	s32 slot, c, ret = PRT_SCX_REFUSED;

	flags = lock_machine();
	rcu_read_lock();
	slot = admit(pid, start, task_of(pid, start), group, group_weight, &why);
	rcu_read_unlock();
	if (slot == PRT_NONE)
		st.refused[why]++;
	else
		settle_view(this_core());
	if (slot != PRT_NONE && running) {
		c = view->threads[slot].state == PRT_RUNNING ? core_of(slot) : PRT_NONE;
		if (c == PRT_NONE) {
			ret = PRT_SCX_QUEUED;
		} else {
			cpus[c].told = tag(slot);
			cpus[c].inserted = tag(slot);
			st.direct++;
			if (restricted(slot))
				st.picked_restricted++;
			ret = core_cpu[c];
		}
	}
	mark_kicks(-1);
	unlock_machine(flags);
	return ret;
}

/*
 * dispatch: the pid the CPU should run, 0 for none, and its start time in
 * *start (the bridge inserts the task only if the pid still names it).
 * prev_pid and prev_start name the task the CPU was running (pid 0 for none)
 * and prev_runnable says whether it still may run; the bridge keeps prev
 * running when it comes back.
 */
__bpf_kfunc s32 prt_scx_dispatch(s32 cpu, s32 prev_pid, u64 prev_start, bool prev_runnable,
				 u64 *start)
{
	s32 cur, earlier, pid = 0, core = core_of_cpu(cpu);
	unsigned long flags;

	if (core == PRT_NONE)
		return 0;
	flags = lock_machine();
	if (!running)
		goto out;
	cur = prt_current(view, core);
	if (cur != PRT_NONE && is_task(cur, prev_pid, prev_start) && !prev_runnable) {
		/* it stopped without our seeing why: it blocked */
		check(prt_block(view, core));
		cur = prt_current(view, core);
	}
	earlier = cur;
	periodic_balance(core);	/* due when a NOHZ kick woke this idle CPU */
	/* as the semantics settle: exit_idle, schedule, the idle steal, enter_idle */
	settle_except(core);
	if (!running)
		goto out;
	cur = prt_current(view, core);
	cpus[core].told = tag(cur);	/* this dispatch tells the kernel; no kick needed */
	if (cur == PRT_NONE) {
		st.idle++;
		goto out;
	}
	pid = prt_threads_pid(&threads, cur);
	*start = prt_threads_start(&threads, cur);
	if (is_task(cur, prev_pid, prev_start) && prev_runnable) {
		st.kept++;
	} else if (tag(cur) == cpus[core].inserted) {
		st.direct_pending++;	/* on its way to the local DSQ */
		pid = 0;
	} else {
		st.picked++;
		if (cur == earlier)
			st.picked_earlier++;
		if (restricted(cur))
			st.picked_restricted++;
	}
out:
	unlock_machine(flags);
	return pid;
}

/* The bridge could not run the task on cpu as dispatched (enum fallback). */
__bpf_kfunc void prt_scx_dispatch_failed(s32 cpu, s32 pid, u64 start, s32 reason)
{
	s32 slot, core = core_of_cpu(cpu);
	unsigned long flags;

	flags = lock_machine();
	if (reason >= 0 && reason < F_NR)
		st.fallback[reason]++;
	slot = prt_threads_lookup(&threads, pid, start);
	if (slot != PRT_NONE && core != PRT_NONE &&
	    prt_current(view, core) == slot) {
		prt_force_current(view, core, PRT_NONE);
		note_settled(core);
		st.forced++;
	}
	if (slot != PRT_NONE && core != PRT_NONE &&
	    cpus[core].inserted == tag(slot))
		cpus[core].inserted = NO_TAG;
	/*
	 * F_NOT_RUNNABLE: only un-picked (back to a queue). If it sleeps, its
	 * quiescent blocks it; parking it here would race with an enqueue.
	 * The settle may give the CPU the same pick again: its told still
	 * names it, so it is not kicked for it (no dispatch loop).
	 */
	settle();
	unlock_machine(flags);
}

/* running: p starts on this CPU; the view follows if it expected another. */
__bpf_kfunc void prt_scx_running(s32 pid, u64 start)
{
	s32 core = this_core(), slot, c;
	unsigned long flags;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE && core != PRT_NONE &&
	    !prt_allowed(view, slot, core)) {
		/* an affinity change under way: the view does not follow */
		st.disallowed_runs++;
		slot = PRT_NONE;
	}
	if (running && slot != PRT_NONE && core != PRT_NONE &&
	    prt_current(view, core) != slot) {
		c = core_of(slot);
		if (c != PRT_NONE) {
			prt_force_current(view, c, PRT_NONE);
			if (cpus[c].inserted == tag(slot))
				cpus[c].inserted = NO_TAG;
		}
		prt_force_current(view, core, slot);
		st.forced++;
	}
	if (running && slot != PRT_NONE && core != PRT_NONE) {
		cpus[core].told = tag(slot);
		if (cpus[core].inserted == tag(slot))
			cpus[core].inserted = NO_TAG;	/* arrived */
	}
	settle();	/* the core the view expected p on may be free now */
	unlock_machine(flags);
}

/* stopping: a runnable task whose slice ran out yields; see the header. */
__bpf_kfunc void prt_scx_stopping(s32 pid, u64 start, bool runnable, u64 slice)
{
	s32 core = this_core(), slot;
	unsigned long flags;

	if (!runnable || slice)
		return;	/* blocking: quiescent; preempted by another class: resumes */
	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE && core != PRT_NONE &&
	    prt_current(view, core) == slot) {
		check(prt_yield(view, core));
		settle();
	}
	unlock_machine(flags);
}

/* quiescent: p is no longer runnable (it sleeps). */
__bpf_kfunc void prt_scx_quiescent(s32 pid, u64 start)
{
	unsigned long flags;
	s32 slot, c;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE) {
		c = core_of(slot);
		if (c != PRT_NONE) {
			check(prt_block(view, c));
		} else if (view->threads[slot].state == PRT_READY) {
			prt_force_park(view, slot, PRT_BLOCKED);
			st.forced++;
		}
	}
	settle();
	unlock_machine(flags);
}

/*
 * tick: true when the policy's tick handler took the CPU from p. The tick is
 * also when this core's periodic steal comes due, and when idle cores are
 * kicked for theirs (nohz_kicks()).
 */
__bpf_kfunc bool prt_scx_tick(s32 pid, u64 start)
{
	s32 core = this_core(), slot;
	unsigned long flags;
	bool preempt = false;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE && core != PRT_NONE &&
	    prt_current(view, core) == slot) {
		check(prt_tick(view, core));
		/* the core completes the tick: it may pick p again */
		settle_view(core);
		if (running && prt_current(view, core) != slot) {
			st.tick_preempt++;
			preempt = true;
		}
	}
	if (core != PRT_NONE)
		periodic_balance(core);
	nohz_kicks();
	mark_kicks(core);	/* this CPU dispatches when its slice ends */
	unlock_machine(flags);
	return preempt;
}

/*
 * The next CPU to kick, as cpu * 2 + 1 to kick it with SCX_KICK_PREEMPT or
 * cpu * 2 with SCX_KICK_IDLE, or -1 when there is none (see struct
 * cpu_state). The bridge calls it after each callback until -1. No lock.
 */
__bpf_kfunc s32 prt_scx_next_kick(void)
{
	struct llist_node **mine = &taken[smp_processor_id()], *node;
	s32 core;
	int flags;

	if (!*mine)
		*mine = llist_del_all(&kick_list);
	node = *mine;
	if (!node)
		return -1;
	*mine = node->next;	/* before the flags: then it may be re-added */
	core = container_of(node, struct cpu_state, kick_node) - cpus;
	flags = atomic_xchg(&cpus[core].kick, 0);
	return core_cpu[core] * 2 + !!(flags & KICK_PREEMPT);
}

/*
 * set_cpumask: p's affinity changed (see the header); the view's copy
 * follows at once.
 */
__bpf_kfunc void prt_scx_set_cpumask(s32 pid, u64 start)
{
	unsigned long flags;
	struct task_struct *p;
	s32 slot;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (running && slot != PRT_NONE) {
		st.set_cpumask++;
		rcu_read_lock();
		p = task_of(pid, start);
		if (p)
			sync_affinity(slot, p);
		rcu_read_unlock();
		settle();
	}
	unlock_machine(flags);
}

/* disable: p leaves sched_ext (it exits, or the scheduler detaches). */
__bpf_kfunc void prt_scx_disable(s32 pid, u64 start)
{
	unsigned long flags;
	s32 slot;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid, start);
	if (slot != PRT_NONE) {
		untrack(slot);
		settle();
	}
	unlock_machine(flags);
}

/*
 * cgroup_move: p moved to another cgroup. A thread in the view keeps the
 * group it was created in (see Groups in the header); the move is counted.
 */
__bpf_kfunc void prt_scx_cgroup_move(s32 pid, u64 start)
{
	unsigned long flags;

	flags = lock_machine();
	if (prt_threads_lookup(&threads, pid, start) != PRT_NONE)
		st.group_moves++;
	unlock_machine(flags);
}

/*
 * cgroup_set_weight: group's cpu.weight is now weight. The threads of the
 * group in the view keep the weight they were created with; those whose
 * weight now differs are counted. One pass over the slots used: a cgroup
 * write, not a scheduling path.
 */
__bpf_kfunc void prt_scx_cgroup_set_weight(s32 group, s32 weight)
{
	const struct prt_thread *th;
	unsigned long flags;
	s32 t;

	flags = lock_machine();
	st.weight_changes++;
	for (t = 0; t < view->nr_threads; t++) {
		th = &view->threads[t];
		if (th->state != PRT_NONEXISTENT && th->state != PRT_TERMINATED &&
		    th->in.group == group && th->in.group_weight != weight)
			st.weight_kept++;
	}
	unlock_machine(flags);
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(prt_scx_kfuncs)
BTF_ID_FLAGS(func, prt_scx_select_cpu)
BTF_ID_FLAGS(func, prt_scx_enqueue)
BTF_ID_FLAGS(func, prt_scx_dispatch)
BTF_ID_FLAGS(func, prt_scx_dispatch_failed)
BTF_ID_FLAGS(func, prt_scx_running)
BTF_ID_FLAGS(func, prt_scx_stopping)
BTF_ID_FLAGS(func, prt_scx_quiescent)
BTF_ID_FLAGS(func, prt_scx_tick)
BTF_ID_FLAGS(func, prt_scx_next_kick)
BTF_ID_FLAGS(func, prt_scx_attach, KF_SLEEPABLE)
BTF_ID_FLAGS(func, prt_scx_set_cpumask)
BTF_ID_FLAGS(func, prt_scx_disable)
BTF_ID_FLAGS(func, prt_scx_cgroup_move)
BTF_ID_FLAGS(func, prt_scx_cgroup_set_weight)
BTF_KFUNCS_END(prt_scx_kfuncs)

static const struct btf_kfunc_id_set prt_scx_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &prt_scx_kfuncs,
};

/* ---------------------------------------------------------------- debugfs */

/* A thread's group and weight, as the stats file lists them. */
struct group_row {
	s32 group;
	s32 weight;
};

static int group_row_cmp(const void *a, const void *b)
{
	const struct group_row *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return 0;
}

/*
 * The groups of the threads in the view other than the root: "groups.in_view
 * N" (distinct groups), then one line per group and weight, "group G weight W
 * threads N" (a group has two weights when its threads were created on both
 * sides of a cpu.weight change). rows[0 .. n - 1] were copied under the lock.
 */
static void show_groups(struct seq_file *s, struct group_row *rows, s32 n)
{
	s32 i, j, distinct = 0;

	sort(rows, n, sizeof(*rows), group_row_cmp, NULL);
	for (i = 0; i < n; i++)
		if (i == 0 || rows[i].group != rows[i - 1].group)
			distinct++;
	seq_printf(s, "groups.in_view %d\n", distinct);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !group_row_cmp(&rows[i], &rows[j]); j++)
			;
		seq_printf(s, "group %d weight %d threads %d\n", rows[i].group,
			   rows[i].weight, j - i);
	}
}

static int stats_show(struct seq_file *s, void *unused)
{
	struct prt_kernel_snapshot snap;
	struct group_row *rows;
	struct scx_stats cs;
	unsigned long flags;
	s32 t, n = 0, cores;
	int i;

	/* allocated here: nothing allocates under the machine's lock */
	rows = kvmalloc_array(max_threads, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		return -ENOMEM;
	mutex_lock(&view_mutex);
	raw_spin_lock_irqsave(&view->lock, flags);
	cores = view->nr_cores;
	prt_kernel_snapshot(&snap, view, &threads, "scx", running);
	cs = st;
	for (t = 0; t < view->nr_threads; t++) {
		const struct prt_thread *th = &view->threads[t];

		if (th->state != PRT_NONEXISTENT && th->state != PRT_TERMINATED &&
		    th->in.group) {
			rows[n].group = th->in.group;
			rows[n].weight = th->in.group_weight;
			n++;
		}
	}
	raw_spin_unlock_irqrestore(&view->lock, flags);
	mutex_unlock(&view_mutex);

	prt_kernel_show_head(s, &snap);
	seq_printf(s, "decisions.placed %llu\ndecisions.picked %llu\n", cs.placed, cs.picked);
	seq_printf(s, "decisions.kept %llu\ndecisions.idle %llu\n", cs.kept, cs.idle);
	seq_printf(s, "decisions.picked_earlier %llu\n", cs.picked_earlier);
	seq_printf(s, "decisions.direct %llu\n", cs.direct);
	seq_printf(s, "decisions.direct_pending %llu\n", cs.direct_pending);
	seq_printf(s, "decisions.tick_preempt %llu\n", cs.tick_preempt);
	seq_printf(s, "view.forced_moves %llu\n", cs.forced);
	seq_printf(s, "kicks %llu\n", cs.kicks);
	seq_printf(s, "balances %llu\n", cs.balances);
	seq_printf(s, "attaches %llu\n", cs.attaches);
	seq_printf(s, "view.cores %d\n", cores);
	seq_printf(s, "decisions.wakeup_preempt %llu\n", cs.preempts);
	seq_printf(s, "kicks_preempt %llu\n", cs.kicks_preempt);
	seq_printf(s, "view.wc_violation_ns %llu\n", cs.view_wc_violation_ns);
	seq_printf(s, "view.disallowed_runs %llu\n", cs.disallowed_runs);
	seq_printf(s, "affinity.set_cpumask %llu\n", cs.set_cpumask);
	seq_printf(s, "affinity.changed %llu\n", cs.affinity_changed);
	seq_printf(s, "affinity.at_enqueue %llu\n", cs.affinity_at_enqueue);
	seq_printf(s, "decisions.placed_kthread %llu\n", cs.placed_kthread);
	seq_printf(s, "decisions.picked_restricted %llu\n", cs.picked_restricted);
	for (i = 0; i < R_NR; i++)
		seq_printf(s, "refused.%s %llu\n", refusal_names[i], cs.refused[i]);
	for (i = 0; i < F_NR; i++)
		seq_printf(s, "fallback.%s %llu\n", fallback_names[i], cs.fallback[i]);
	seq_printf(s, "groups.threads %llu\n", cs.group_threads);
	seq_printf(s, "groups.moves %llu\n", cs.group_moves);
	seq_printf(s, "groups.weight_changes %llu\n", cs.weight_changes);
	seq_printf(s, "groups.weight_kept %llu\n", cs.weight_kept);
	show_groups(s, rows, n);
	kvfree(rows);
	prt_kernel_show_tail(s, &snap);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* ---------------------------------------------------------------- load, unload */

static void free_all(void)
{
	kfree(cpus);
	kfree(taken);
	kfree(generation);
	kfree(settled);
	kfree(core_cpu);
	kfree(next_core_cpu);
	kfree(cpu_core);
	bitmap_free(affinity_scratch);
	prt_threads_free(&threads);
	free_view(view);
}

static int __init scx_host_init(void)
{
	struct prt_threads table;
	struct prt_machine *m;
	int err;

	if (max_threads < 1 || max_threads > (1 << 20)) {
		pr_err("max_threads=%d is outside [1, 1048576]\n", max_threads);
		return -EINVAL;
	}
	cpus = kcalloc(nr_cpu_ids, sizeof(*cpus), GFP_KERNEL);
	taken = kcalloc(nr_cpu_ids, sizeof(*taken), GFP_KERNEL);
	settled = kcalloc(nr_cpu_ids, sizeof(*settled), GFP_KERNEL);
	core_cpu = kcalloc(nr_cpu_ids, sizeof(*core_cpu), GFP_KERNEL);
	next_core_cpu = kcalloc(nr_cpu_ids, sizeof(*next_core_cpu), GFP_KERNEL);
	cpu_core = kcalloc(nr_cpu_ids, sizeof(*cpu_core), GFP_KERNEL);
	affinity_scratch = bitmap_zalloc(nr_cpu_ids, GFP_KERNEL);
	generation = kcalloc(max_threads, sizeof(*generation), GFP_KERNEL);
	if (!cpus || !taken || !settled || !core_cpu || !next_core_cpu ||
	    !cpu_core || !affinity_scratch || !generation ||
	    prt_threads_init(&threads, max_threads)) {
		free_all();
		return -ENOMEM;
	}
	/* a view before the first attach, for the debugfs files */
	if (prt_threads_init(&table, max_threads)) {
		free_all();
		return -ENOMEM;
	}
	m = make_view(next_core_cpu);
	if (!m) {
		prt_threads_free(&table);
		free_all();
		return -ENOMEM;
	}
	install_view(m, next_core_cpu, &table);
	prt_threads_free(&table);

	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_STRUCT_OPS, &prt_scx_kfunc_set);
	if (err) {
		pr_err("cannot register the kfuncs: %d\n", err);
		free_all();
		return err;
	}
	debug_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0444, debug_dir, NULL, &stats_fops);
	prt_kernel_debugfs_state(debug_dir, &view, &view_mutex);
	pr_info("policy %s ready for sched_ext on %u CPUs, up to %d threads\n",
		prt_this_policy.name, num_online_cpus(), max_threads);
	return 0;
}

static void __exit scx_host_exit(void)
{
	debugfs_remove_recursive(debug_dir);
	free_all();
	pr_info("policy %s unloaded\n", prt_this_policy.name);
}

module_init(scx_host_init);
module_exit(scx_host_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Scheduling policy for sched_ext (generated, kernel-runtime)");
