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
 * After each of these events the view is settled as the semantics settle the
 * abstract machine (docs/semantics.md): every core without a current thread
 * runs schedule, a core that has just lost its thread also the idle steal
 * (on enter_idle), and a core that already idles only when its queues got
 * work. A settle decides picks for other CPUs than the one the event runs on,
 * and sched_ext calls a CPU's dispatch only when it stops a task, goes idle
 * or is kicked. A task the settle at its own enqueue gives to a core is
 * inserted into that CPU's local DSQ from enqueue (inserted[]). For the
 * other picks, the module marks each CPU whose view now holds a pick the
 * kernel has not been told of (told[]: the pick that CPU's last dispatch
 * returned, or that it was last kicked for), at most once per pick, and the
 * bridge kicks the marked CPUs (prt_scx_kicks, SCX_KICK_IDLE: a CPU that is
 * running a task is not disturbed, it dispatches when that task stops; an
 * idle CPU, or one inside its dispatch, reschedules and dispatches again).
 * Modules cannot kick: scx_bpf_kick_cpu is a BPF kfunc, not exported.
 *
 * Remote preemption: a new or unblock handler's `preempt c;` is delivered at
 * the settle that follows, as the semantics do: c's running thread goes
 * through `on preempt` (back to a queue) before the cores settle. When the
 * view then holds another current for c than the thread it took the CPU
 * from, the kernel must stop that thread now: c is marked in preempt_pending
 * and the bridge kicks it with SCX_KICK_PREEMPT (prt_scx_kicks_preempt), which
 * ends the running task's slice; the task goes back through stopping (no
 * yield: the view no longer runs it there) and enqueue (already ready: the
 * view keeps it where on preempt put it), and c's dispatch returns the pick.
 * When the settle gives c's old thread back to c, nothing is kicked.
 * Per event: one settle (bounded by the cores and their queues) and at most
 * one kick per CPU; no allocation.
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
 * The kfuncs take scalars (pid, CPU, slice, group), not task pointers: an
 * out-of-tree module's BTF carries its own copy of struct task_struct
 * (measured with pahole 1.30 on 7.3.4+deb13), which the verifier does not
 * match with the kernel's, so a task pointer argument is refused. The module
 * names the task itself: by pid under RCU (task_of()), which is the very
 * task of the callback, alive and holding its pid while the callback runs.
 * A new thread's inputs (nice, SCHED_DEADLINE parameters, affinity) and the
 * masks compared above are read from that task_struct, under the runqueue
 * lock the callback holds, which keeps p->cpus_ptr stable.
 *
 * Context: the kfuncs run inside sched_ext callbacks, with a runqueue lock
 * held and interrupts off. One raw spinlock, taken last; nothing under it
 * allocates, sleeps or prints. No kfunc is sleepable.
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
#else
#include "prt_scx_user.h"	/* its benchmark (scripts/bench-host.sh) */
#endif
#include "prt.h"
#include "prt_threads.h"
#include "prt_kernel.h"

static int max_threads = 4096;
module_param(max_threads, int, 0444);
MODULE_PARM_DESC(max_threads, "threads the policy can schedule; more are refused (default 4096)");

/* prt_scx_enqueue's answers other than a CPU (as in bridge.bpf.c) */
#define PRT_SCX_REFUSED	(-1)
#define PRT_SCX_QUEUED	(-2)

enum refusal { R_NO_SLOT, R_FAULT, R_NR };
static const char * const refusal_names[R_NR] = { "no_slot", "fault" };

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

static struct prt_machine machine;
static bool running;		/* the policy runs (no fault yet) */
static struct scx_stats st;

static struct prt_threads threads;	/* pid -> slot, under machine.lock */

/*
 * told[c]: the slot the kernel was last told to run on CPU c — what c's last
 * dispatch returned, or the pick c was last kicked for (PRT_NONE: nothing).
 * A CPU whose view holds another current is marked in kick_pending (bit c,
 * the first 64 CPUs), which the bridge collects and kicks. Under machine.lock;
 * kick_pending is atomic because the bridge takes it without the lock.
 */
static s32 *told;

/*
 * inserted[c]: the slot the bridge inserted into CPU c's local DSQ at its
 * enqueue and that has not run yet (PRT_NONE: none). sched_ext carries out an
 * insertion into another CPU's local DSQ from enqueue later (deferred until
 * the enqueuing CPU's rq lock is dropped); a dispatch of c in between must
 * not insert the task again (sched_ext ignores that insertion and calls
 * dispatch again, up to its loop limit). Under machine.lock.
 */
static s32 *inserted;
static atomic64_t kick_pending;

/*
 * preempted (bit c, the first 64 CPUs): the settle under way delivered a
 * preemption to core c, whose running thread was preempted_slot[c]; read and
 * cleared by mark_kicks(), which marks c in preempt_pending for the bridge to
 * kick with SCX_KICK_PREEMPT. Under machine.lock; preempt_pending is atomic
 * like kick_pending.
 */
static u64 preempted;
static s32 *preempted_slot;
static atomic64_t preempt_pending;

static struct dentry *debug_dir;

static void check(int result)
{
	if (result == PRT_FAULT)
		running = false;
}

static s32 core_of(s32 slot)
{
	s32 c;

	for (c = 0; c < machine.nr_cores; c++)
		if (machine.cores[c].curr == slot)
			return c;
	return PRT_NONE;
}

/* Removes a thread from the view for good and frees its slot. */
static void untrack(s32 slot)
{
	s32 c = core_of(slot);

	if (running && c != PRT_NONE)
		check(prt_terminate(&machine, c));
	prt_force_park(&machine, slot, PRT_TERMINATED);
	prt_release(&machine, slot);
	prt_threads_remove(&threads, slot);
	for (c = 0; c < machine.nr_cores; c++) {
		/* the slot will serve another task */
		if (told[c] == slot)
			told[c] = PRT_NONE;
		if (inserted[c] == slot)
			inserted[c] = PRT_NONE;
	}
}

/*
 * After an event, as the semantics do after every event: settle every core
 * (prt_settle), then mark the CPUs whose view holds a current the kernel has
 * not been told of, for the bridge to kick, except self (a CPU inside its
 * own dispatch; -1 for none). Each pick is marked once.
 */
static void mark_kicks(s32 self)
{
	u64 mask = 0, stop = 0;
	s32 c, n = min_t(s32, machine.nr_cores, 64);

	if (!running) {
		preempted = 0;
		return;
	}
	for (c = 0; c < n; c++) {
		s32 cur = machine.cores[c].curr;

		if ((preempted & (1ULL << c)) && cur != preempted_slot[c]) {
			/* the kernel runs the preempted thread: stop it now */
			told[c] = cur;
			stop |= 1ULL << c;
		} else if (c != self && cur != PRT_NONE && cur != told[c]) {
			told[c] = cur;
			mask |= 1ULL << c;
		}
	}
	preempted = 0;
	if (mask) {
		st.kicks += hweight64(mask);
		atomic64_or(mask, &kick_pending);
	}
	if (stop) {
		st.kicks_preempt += hweight64(stop);
		atomic64_or(stop, &preempt_pending);
	}
}

/* Core c is about to lose its running thread to a preempt request. */
static void note_preempt(s32 c, s32 t)
{
	if (!running || t == PRT_NONE)
		return;
	st.preempts++;
	if (c < 64) {
		preempted |= 1ULL << c;
		preempted_slot[c] = t;
	}
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
	if (prt_preempt_requested(&machine, cpu))
		note_preempt(cpu, prt_current(&machine, cpu));
	check(prt_complete(&machine, cpu));
	for (c = prt_resched_next(&machine, 0); running && c < machine.nr_cores;
	     c = prt_resched_next(&machine, 0)) {
		if (prt_preempt_requested(&machine, c))
			note_preempt(c, prt_current(&machine, c));
		check(prt_reschedule(&machine, c));
	}
}

/* The end of an event on this CPU; self: a CPU inside its own dispatch. */
static void settle_except(s32 self)
{
	if (!running)
		return;
	settle_view(smp_processor_id());
	mark_kicks(self);
}

static void settle(void)
{
	settle_except(-1);
}

/*
 * The task of the callback under way, by its pid (see the header), or NULL
 * if there is none. Call under rcu_read_lock().
 */
static struct task_struct *task_of(pid_t pid)
{
	return pid_task(find_pid_ns(pid, &init_pid_ns), PIDTYPE_PID);
}

static bool restricted(s32 slot)
{
	return !bitmap_full(prt_affinity(&machine, slot), machine.nr_cores);
}

/*
 * Makes the view's copy of p's affinity the kernel's (see the header), as
 * an affinity change made by a thread running on this CPU. Returns whether
 * it changed.
 */
static bool sync_affinity(s32 slot, const struct task_struct *p)
{
	const unsigned long *mask = prt_kernel_affinity(p);

	if (!running ||
	    bitmap_equal(prt_affinity(&machine, slot), mask, machine.nr_cores))
		return false;
	check(prt_change_affinity(&machine, smp_processor_id(), slot, mask));
	st.affinity_changed++;
	return true;
}

/*
 * The task p (NULL if gone) becomes runnable: it enters the policy's view as
 * ready, in the queue the policy chooses. Returns its slot, or PRT_NONE with
 * the reason.
 */
static s32 admit(pid_t pid, const struct task_struct *p, s32 group,
		 s32 group_weight, enum refusal *why)
{
	s32 cpu = smp_processor_id(), slot = prt_threads_lookup(&threads, pid);
	struct prt_thread_in in = { 0 };

	if (!running) {
		*why = R_FAULT;
		return PRT_NONE;
	}
	if (slot == PRT_NONE) {
		slot = prt_threads_add(&threads, pid);
		if (slot == PRT_NONE) {
			*why = R_NO_SLOT;
			return PRT_NONE;
		}
		if (p)
			prt_kernel_thread_in(p, &in);
		/* the bridge's, not prt_kernel_thread_in()'s root group */
		in.group = group;
		in.group_weight = group_weight;
		check(prt_new(&machine, cpu, slot, &in));
		/* as the policy got it: an invalid input became the root group */
		if (machine.threads[slot].in.group)
			st.group_threads++;
		st.placed++;
		if (p && (p->flags & PF_KTHREAD) && p->nr_cpus_allowed == 1)
			st.placed_kthread++;
	} else {
		if (p && sync_affinity(slot, p))
			st.affinity_at_enqueue++;
		switch (machine.threads[slot].state) {
		case PRT_BLOCKED:
			check(prt_unblock(&machine, cpu, slot));
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
	s32 q = machine.threads[slot].queue;

	if (q != PRT_NONE && machine.queues[q].owner != PRT_NONE)
		return machine.queues[q].owner;
	if (machine.threads[slot].state == PRT_RUNNING && core_of(slot) != PRT_NONE)
		return core_of(slot);
	return prt_cpu(&machine, slot);
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
	bool bad = running && !prt_work_conserving(&machine);

	if (st.wc_bad)
		st.view_wc_violation_ns += machine.now - st.wc_since;
	st.wc_bad = bad;
	st.wc_since = machine.now;
}

/* Every kfunc runs the machine under its lock, at the current time. */
static unsigned long lock_machine(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	return flags;
}

static void unlock_machine(unsigned long flags)
{
	wc_note();
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

__bpf_kfunc_start_defs();

/*
 * select_cpu: a hint only, the core the view holds the task for, else
 * prev_cpu. The policy places a waking task at enqueue, when the task is in
 * sched_ext's custody: placing it here let another CPU pick it before its
 * enqueue, and repairing that raced with the enqueue (a task lost to the
 * view, ended by the watchdog as a "runnable task stall").
 */
__bpf_kfunc s32 prt_scx_select_cpu(s32 pid, s32 prev_cpu)
{
	unsigned long flags;
	s32 slot, cpu = prev_cpu;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE &&
	    (machine.threads[slot].state == PRT_READY ||
	     machine.threads[slot].state == PRT_RUNNING))
		cpu = target_core(slot);
	unlock_machine(flags);
	return cpu >= 0 && cpu < nr_cpu_ids ? cpu : prev_cpu;
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
__bpf_kfunc s32 prt_scx_enqueue(s32 pid, s32 group, s32 group_weight)
{
	enum refusal why = R_FAULT;
	unsigned long flags;
	s32 slot, c, ret = PRT_SCX_REFUSED;

	flags = lock_machine();
	rcu_read_lock();
	slot = admit(pid, task_of(pid), group, group_weight, &why);
	rcu_read_unlock();
	if (slot == PRT_NONE)
		st.refused[why]++;
	settle_view(smp_processor_id());
	if (slot != PRT_NONE && running) {
		c = machine.threads[slot].state == PRT_RUNNING ? core_of(slot) : PRT_NONE;
		if (c == PRT_NONE) {
			ret = PRT_SCX_QUEUED;
		} else {
			told[c] = slot;
			inserted[c] = slot;
			st.direct++;
			if (restricted(slot))
				st.picked_restricted++;
			ret = c;
		}
	}
	mark_kicks(-1);
	unlock_machine(flags);
	return ret;
}

/*
 * dispatch: the pid the CPU should run, 0 for none. prev_pid is the task the
 * CPU was running (0 for none) and prev_runnable whether it still may run; the
 * bridge keeps prev running when its pid comes back.
 */
__bpf_kfunc s32 prt_scx_dispatch(s32 cpu, s32 prev_pid, bool prev_runnable)
{
	unsigned long flags;
	s32 cur, earlier, pid = 0;

	if (cpu < 0 || cpu >= machine.nr_cores)
		return 0;
	flags = lock_machine();
	if (!running)
		goto out;
	cur = prt_current(&machine, cpu);
	if (cur != PRT_NONE && prt_threads_pid(&threads, cur) == prev_pid && !prev_runnable) {
		/* it stopped without our seeing why: it blocked */
		check(prt_block(&machine, cpu));
		cur = prt_current(&machine, cpu);
	}
	earlier = cur;
	/* as the semantics settle: exit_idle, schedule, the idle steal, enter_idle */
	settle_except(cpu);
	if (!running)
		goto out;
	cur = prt_current(&machine, cpu);
	told[cpu] = cur;	/* this dispatch tells the kernel; no kick needed */
	if (cur == PRT_NONE) {
		st.idle++;
		goto out;
	}
	pid = prt_threads_pid(&threads, cur);
	if (pid == prev_pid && prev_runnable) {
		st.kept++;
	} else if (cur == inserted[cpu]) {
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

/* The bridge could not run pid on cpu as dispatched (enum fallback). */
__bpf_kfunc void prt_scx_dispatch_failed(s32 cpu, s32 pid, s32 reason)
{
	unsigned long flags;
	s32 slot;

	flags = lock_machine();
	if (reason >= 0 && reason < F_NR)
		st.fallback[reason]++;
	slot = prt_threads_lookup(&threads, pid);
	if (slot != PRT_NONE && cpu >= 0 && cpu < machine.nr_cores &&
	    prt_current(&machine, cpu) == slot) {
		prt_force_current(&machine, cpu, PRT_NONE);
		st.forced++;
	}
	if (slot != PRT_NONE && cpu >= 0 && cpu < machine.nr_cores && inserted[cpu] == slot)
		inserted[cpu] = PRT_NONE;
	/*
	 * F_NOT_RUNNABLE: only un-picked (back to a queue). If it sleeps, its
	 * quiescent blocks it; parking it here would race with an enqueue.
	 * The settle may give the CPU the same pick again: told[cpu] still
	 * names it, so it is not kicked for it (no dispatch loop).
	 */
	settle();
	unlock_machine(flags);
}

/* running: p starts on this CPU; the view follows if it expected another. */
__bpf_kfunc void prt_scx_running(s32 pid)
{
	s32 cpu = smp_processor_id(), slot, c;
	unsigned long flags;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE && cpu < machine.nr_cores &&
	    !prt_allowed(&machine, slot, cpu)) {
		/* an affinity change under way: the view does not follow */
		st.disallowed_runs++;
		slot = PRT_NONE;
	}
	if (running && slot != PRT_NONE && cpu < machine.nr_cores &&
	    prt_current(&machine, cpu) != slot) {
		c = core_of(slot);
		if (c != PRT_NONE) {
			prt_force_current(&machine, c, PRT_NONE);
			if (inserted[c] == slot)
				inserted[c] = PRT_NONE;
		}
		prt_force_current(&machine, cpu, slot);
		st.forced++;
	}
	if (running && slot != PRT_NONE && cpu < machine.nr_cores) {
		told[cpu] = slot;
		if (inserted[cpu] == slot)
			inserted[cpu] = PRT_NONE;	/* arrived */
	}
	settle();	/* the core the view expected p on may be free now */
	unlock_machine(flags);
}

/* stopping: a runnable task whose slice ran out yields; see the header. */
__bpf_kfunc void prt_scx_stopping(s32 pid, bool runnable, u64 slice)
{
	s32 cpu = smp_processor_id(), slot;
	unsigned long flags;

	if (!runnable || slice)
		return;	/* blocking: quiescent; preempted by another class: resumes */
	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE && cpu < machine.nr_cores &&
	    prt_current(&machine, cpu) == slot) {
		check(prt_yield(&machine, cpu));
		settle();
	}
	unlock_machine(flags);
}

/* quiescent: p is no longer runnable (it sleeps). */
__bpf_kfunc void prt_scx_quiescent(s32 pid)
{
	unsigned long flags;
	s32 slot, c;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE) {
		c = core_of(slot);
		if (c != PRT_NONE) {
			check(prt_block(&machine, c));
		} else if (machine.threads[slot].state == PRT_READY) {
			prt_force_park(&machine, slot, PRT_BLOCKED);
			st.forced++;
		}
	}
	settle();
	unlock_machine(flags);
}

/* tick: true when the policy's tick handler took the CPU from p. */
__bpf_kfunc bool prt_scx_tick(s32 pid)
{
	s32 cpu = smp_processor_id(), slot;
	const struct prt_steal *steal = machine.policy->steal;
	static u64 last_balance;
	unsigned long flags;
	bool preempt = false;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE && cpu < machine.nr_cores &&
	    prt_current(&machine, cpu) == slot) {
		check(prt_tick(&machine, cpu));
		/* the semantics settle after the tick: the CPU may pick p again */
		settle_except(cpu);
		if (running && prt_current(&machine, cpu) != slot) {
			st.tick_preempt++;
			preempt = true;
		}
	}
	/*
	 * The periodic steal runs for every core, as in the semantics: idle CPUs
	 * do not tick (NOHZ), so the CPU whose tick comes due runs it for all;
	 * the settle then gives the cores that stole their threads, and marks
	 * their CPUs for the bridge to kick.
	 */
	if (running && steal && steal->period &&
	    machine.now - last_balance >= (u64)steal->period(&machine)) {
		s32 c;

		last_balance = machine.now;
		for (c = 0; running && c < machine.nr_cores; c++) {
			/* each steal is an event on its own core */
			st.balances++;
			check(prt_balance(&machine, c) < 0 ? PRT_FAULT : PRT_OK);
			if (running)
				settle_view(c);
		}
	}
	settle_except(cpu);	/* this CPU dispatches when its slice ends */
	unlock_machine(flags);
	return preempt;
}

/*
 * The CPUs (bit i: CPU i, the first 64) marked since the last call: their
 * view holds a pick the kernel has not been told of (see the header). The
 * bridge kicks them with SCX_KICK_IDLE after each callback. No lock: the
 * mask is taken atomically, so each mark is kicked once, by whichever
 * callback comes first.
 */
__bpf_kfunc u64 prt_scx_kicks(void)
{
	return atomic64_xchg(&kick_pending, 0);
}

/*
 * The CPUs (bit i: CPU i, the first 64) to preempt: a delivered `preempt c;`
 * took the CPU from its running thread in the view and the settle gave it
 * another pick (or none). The bridge kicks them with SCX_KICK_PREEMPT, before
 * the SCX_KICK_IDLE ones (a CPU in both is kicked once, to preempt).
 */
__bpf_kfunc u64 prt_scx_kicks_preempt(void)
{
	return atomic64_xchg(&preempt_pending, 0);
}

/*
 * set_cpumask: p's affinity changed (see the header); the view's copy
 * follows at once.
 */
__bpf_kfunc void prt_scx_set_cpumask(s32 pid)
{
	unsigned long flags;
	struct task_struct *p;
	s32 slot;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
	if (running && slot != PRT_NONE) {
		st.set_cpumask++;
		rcu_read_lock();
		p = task_of(pid);
		if (p)
			sync_affinity(slot, p);
		rcu_read_unlock();
		settle();
	}
	unlock_machine(flags);
}

/* disable: p leaves sched_ext (it exits, or the scheduler detaches). */
__bpf_kfunc void prt_scx_disable(s32 pid)
{
	unsigned long flags;
	s32 slot;

	flags = lock_machine();
	slot = prt_threads_lookup(&threads, pid);
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
__bpf_kfunc void prt_scx_cgroup_move(s32 pid)
{
	unsigned long flags;

	flags = lock_machine();
	if (prt_threads_lookup(&threads, pid) != PRT_NONE)
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
	for (t = 0; t < machine.nr_threads; t++) {
		th = &machine.threads[t];
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
BTF_ID_FLAGS(func, prt_scx_kicks)
BTF_ID_FLAGS(func, prt_scx_kicks_preempt)
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
	s32 t, n = 0;
	int i;

	/* allocated here: nothing allocates under the machine's lock */
	rows = kvmalloc_array(machine.capacity, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		return -ENOMEM;
	raw_spin_lock_irqsave(&machine.lock, flags);
	prt_kernel_snapshot(&snap, &machine, &threads, "scx", running);
	cs = st;
	for (t = 0; t < machine.nr_threads; t++) {
		const struct prt_thread *th = &machine.threads[t];

		if (th->state != PRT_NONEXISTENT && th->state != PRT_TERMINATED &&
		    th->in.group) {
			rows[n].group = th->in.group;
			rows[n].weight = th->in.group_weight;
			n++;
		}
	}
	raw_spin_unlock_irqrestore(&machine.lock, flags);

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
	kfree(told);
	prt_threads_free(&threads);
	if (machine.policy)
		prt_machine_free(&machine);
}

static int __init scx_host_init(void)
{
	int err, c;

	if (max_threads < 1 || max_threads > (1 << 20)) {
		pr_err("max_threads=%d is outside [1, 1048576]\n", max_threads);
		return -EINVAL;
	}
	told = kmalloc_array(3 * nr_cpu_ids, sizeof(*told), GFP_KERNEL);
	inserted = told ? told + nr_cpu_ids : NULL;
	preempted_slot = told ? told + 2 * nr_cpu_ids : NULL;
	if (!told || prt_threads_init(&threads, max_threads) ||
	    prt_machine_init(&machine, &prt_this_policy, nr_cpu_ids, max_threads)) {
		free_all();
		return -ENOMEM;
	}
	for (c = 0; c < nr_cpu_ids; c++) {
		told[c] = PRT_NONE;
		inserted[c] = PRT_NONE;
		preempted_slot[c] = PRT_NONE;
	}
	prt_kernel_set_topology(&machine);
	prt_kernel_set_capacities(&machine);
	prt_machine_start(&machine);
	running = true;
	check(prt_boot(&machine));	/* every core settles once: all idle */

	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_STRUCT_OPS, &prt_scx_kfunc_set);
	if (err) {
		pr_err("cannot register the kfuncs: %d\n", err);
		free_all();
		return err;
	}
	debug_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0444, debug_dir, NULL, &stats_fops);
	prt_kernel_debugfs_state(debug_dir, &machine);
	pr_info("policy %s ready for sched_ext on %u CPUs, up to %d threads\n",
		prt_this_policy.name, num_possible_cpus(), max_threads);
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
