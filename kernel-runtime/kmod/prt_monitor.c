// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, kernel host: monitor mode.
 *
 * The module runs a generated policy beside the kernel's own scheduler on an
 * unpatched kernel. It attaches to the scheduler tracepoints (they are not
 * exported: for_each_kernel_tracepoint() finds them), keeps the policy's view
 * of cores and threads in a struct prt_machine, runs the policy's handlers on
 * real events and reports in debugfs what the policy would have decided and
 * whether the native scheduler kept every core busy.
 *
 * Mapping of real events to the policy's (the view mirrors reality: a core's
 * current thread is the task really running there):
 *   sched_wakeup_new(p)       new(p) on the waking CPU
 *   sched_wakeup(p)           unblock(p) (a task first seen is adopted: new)
 *   after new or unblock      the preemptions they asked for (`preempt c;`),
 *                             delivered as the semantics do: c's running
 *                             thread goes through `on preempt`; counted, and
 *                             the view keeps running the task (the kernel
 *                             decides on its own whether the wake-up preempts)
 *   sched_switch(prev, next)  prev: yield if still runnable, else block;
 *                             then schedule on this CPU: the policy's pick is
 *                             compared with next, and the view is set to run
 *                             next (a "forced" move when they differ)
 *   sched_process_exit(p)     terminate(p), and its slot is freed
 *   per-CPU hrtimer, 1/HZ     tick(current); a preemption the policy wants is
 *                             counted, and the view keeps running the task
 *   the same timer, every P   balance: this core's periodic steal (each core
 *                             its own, on its own timer)
 * The timers follow CPU hotplug (a CPU hotplug state): a CPU that comes
 * online starts its timer, one that goes offline stops it, so no timer is
 * migrated to another CPU and ticks a core that is not its own.
 * A run-time fault of the policy stops the monitoring of the policy (the
 * fault and its line are in the stats); the native checks go on.
 *
 * Affinity: a thread's affinity is the mask the kernel enforces for the task,
 * prt_kernel_affinity() (p->cpus_ptr; the CPU it is on while its migration
 * is disabled), read into prt_new() when the view first sees the task. No
 * tracepoint reports a change (sched_setaffinity(), cpusets,
 * migrate_disable()), so the module keeps its own copy of each task's mask
 * and compares it with the task's at every event of that task: its
 * sched_wakeup, and its sched_switch in (before the view's schedule, so the
 * view never runs it where it may not run) and out (after its yield or
 * block, so the view never takes it off a core it was allowed on while it
 * still ran there). A difference is an affinity change made now, on this
 * CPU: prt_change_affinity() (a thread running or waiting on a core it may
 * no longer use is placed again by its unblock handler) before the event's
 * own handler. Lag: the view learns of a change at the task's next wake-up
 * or switch; for a running task that must leave its CPU, at once (the
 * kernel's stopper preempts it); for one that may stay, when it next stops.
 *
 * Native work conservation: from the same tracepoints the module counts the
 * runnable tasks of each CPU and which one runs, and accumulates the time
 * during which some online CPU was wasted by the semantics' predicate with
 * affinity (prt_core_wasted()): it had no runnable task while a task that may
 * run on it waited on a CPU with two runnable tasks or more. While no
 * runnable task has a restricted affinity (counted, an O(1) test) this is
 * "a CPU idle while another is overloaded"; otherwise the waiting tasks'
 * masks are compared with the idle CPUs (native_wasted()).
 *
 * Locking: one raw spinlock, always taken last (the probes run under the
 * runqueue lock with interrupts off); nothing under it allocates, sleeps or
 * prints.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/tracepoint.h>
#include <linux/sched.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/hrtimer.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/timekeeping.h>
#include <linux/smp.h>
#include "prt.h"
#include "prt_threads.h"
#include "prt_kernel.h"

static int max_threads = 4096;
module_param(max_threads, int, 0444);
MODULE_PARM_DESC(max_threads, "threads the policy's view can track (default 4096)");

#define NR_DECISIONS	256
#define WARMUP_NS	(100 * NSEC_PER_MSEC)

enum decision_kind { D_PLACE, D_PICK, D_PREEMPT, D_STEAL };

static const char * const decision_names[] = { "place", "pick", "preempt", "steal" };

struct decision {
	u64 time;
	s32 cpu;
	s32 kind;
	s32 pid;	/* the thread decided about */
	s32 policy;	/* the policy's choice: a CPU, a pid, or -1 */
	s32 native;	/* what the kernel did */
};

struct monitor_stats {
	u64 place_agree, place_differ;
	u64 pick_agree, pick_differ, pick_idle;	/* idle: policy picks, kernel idles */
	u64 tick_preempt;
	u64 wakeup_preempt;	/* preemptions a new or unblock asked for, delivered */
	u64 forced;		/* view re-synchronised with reality */
	u64 untracked;		/* tasks not tracked: no free slot */
	u64 affinity_changed;	/* affinity changes found at a task's event */
	u64 view_not_wc;	/* events after which the view was not work-conserving */
	u64 wc_violation_ns, wc_episodes, wc_longest_ns;
};

static struct prt_machine machine;
static struct prt_machine *const monitor_machine = &machine;	/* for the state file */
static bool running;		/* the policy runs (no fault yet) */
static struct monitor_stats ms;
static struct decision decisions[NR_DECISIONS];
static u32 nr_decisions;

static struct prt_threads threads;	/* (pid, start time) -> slot, under machine.lock */

/*
 * Native runnable tasks per CPU, from the tracepoints: per slot whether its
 * task is runnable (also as a bitmap, runnable_slots) and on which CPU, and
 * its affinity (slot_aff, aff_longs words per slot: the module's copy, kept
 * apart from the view's so that the native checks go on after a fault); per
 * CPU the number of runnable tasks, the one running (native_curr) and
 * whether it has none (idle_cpus). nr_runnable_restricted counts the
 * runnable slots whose affinity leaves out a CPU.
 */
static bool *slot_runnable;
static s32 *slot_ncpu;
static unsigned long *runnable_slots;
static unsigned long *slot_aff;
static s32 aff_longs;
static s32 *native_count;
static s32 *native_curr;
static unsigned long *idle_cpus;
static s32 n_idle, n_over, nr_runnable_restricted;
static u64 wc_since, start_ns;
static u64 *next_balance_ns;	/* by CPU: when its periodic steal is next due */
static int tick_hp_state;	/* the CPU hotplug state of the timers */
static bool wc_violated;

static struct hrtimer __percpu *ticks;
static struct dentry *debug_dir;

static u64 now_ns(void)
{
	return ktime_get_mono_fast_ns();
}

/* ---------------------------------------------------------------- native WC */

static unsigned long *aff_of(s32 slot)
{
	return slot_aff + (size_t)slot * aff_longs;
}

static bool slot_restricted(s32 slot)
{
	return !bitmap_full(aff_of(slot), nr_cpu_ids);
}

/*
 * Whether some online CPU is wasted (see the header): a task waiting (not
 * running) on a CPU with two runnable tasks or more may run on a CPU that
 * has none. O(1) while no runnable task is restricted, else a walk over the
 * runnable tasks.
 */
static bool native_wasted(void)
{
	s32 s, d;

	if (n_idle == 0 || n_over == 0)
		return false;
	if (nr_runnable_restricted == 0)
		return true;	/* an overloaded CPU's waiting task may run anywhere */
	for_each_set_bit(s, runnable_slots, max_threads) {
		d = slot_ncpu[s];
		if (native_count[d] >= 2 && native_curr[d] != s &&
		    bitmap_intersects(aff_of(s), idle_cpus, nr_cpu_ids))
			return true;
	}
	return false;
}

static void wc_update(void)
{
	bool violated = native_wasted();
	u64 now = now_ns();

	if (violated == wc_violated)
		return;
	if (wc_violated && now - start_ns > WARMUP_NS) {
		u64 spell = now - wc_since;

		ms.wc_violation_ns += spell;
		ms.wc_episodes++;
		if (spell > ms.wc_longest_ns)
			ms.wc_longest_ns = spell;
	}
	wc_violated = violated;
	wc_since = now;
}

static void native_add(s32 cpu, s32 delta)
{
	s32 before, after;

	if (cpu < 0 || cpu >= nr_cpu_ids || !cpu_online(cpu))
		return;
	before = native_count[cpu];
	after = before + delta;
	native_count[cpu] = after;
	n_idle += (after == 0) - (before == 0);
	n_over += (after >= 2) - (before >= 2);
	if (after == 0)
		__set_bit(cpu, idle_cpus);
	else
		__clear_bit(cpu, idle_cpus);
}

static void native_runnable(s32 slot, s32 cpu, bool runnable)
{
	if (slot_runnable[slot] && (!runnable || slot_ncpu[slot] != cpu))
		native_add(slot_ncpu[slot], -1);
	if (runnable && (!slot_runnable[slot] || slot_ncpu[slot] != cpu))
		native_add(cpu, 1);
	if (slot_runnable[slot] != runnable) {
		if (runnable)
			__set_bit(slot, runnable_slots);
		else
			__clear_bit(slot, runnable_slots);
		if (slot_restricted(slot))
			nr_runnable_restricted += runnable ? 1 : -1;
	}
	slot_runnable[slot] = runnable;
	slot_ncpu[slot] = cpu;
	wc_update();
}

/* The module's copy of a slot's affinity becomes mask. */
static void native_affinity(s32 slot, const unsigned long *mask)
{
	if (slot_runnable[slot])
		nr_runnable_restricted -= slot_restricted(slot);
	bitmap_copy(aff_of(slot), mask, nr_cpu_ids);
	if (slot_runnable[slot])
		nr_runnable_restricted += slot_restricted(slot);
}

/* Which task runs on cpu (PRT_NONE: idle, or one not tracked). */
static void native_running(s32 cpu, s32 slot)
{
	native_curr[cpu] = slot;
	wc_update();
}

/* ---------------------------------------------------------------- the view */

static void decide(s32 cpu, enum decision_kind kind, s32 pid, s32 policy,
		   s32 native)
{
	struct decision *d = &decisions[nr_decisions++ % NR_DECISIONS];

	d->time = now_ns();
	d->cpu = cpu;
	d->kind = kind;
	d->pid = pid;
	d->policy = policy;
	d->native = native;
}

static s32 pid_of(s32 slot)
{
	return slot == PRT_NONE ? -1 : prt_threads_pid(&threads, slot);
}

static void check(int result)
{
	if (result == PRT_FAULT)
		running = false;
	else if (!prt_work_conserving(&machine))
		ms.view_not_wc++;
}

/* Makes the view run `slot` on `cpu`, as reality does. */
static void sync_current(s32 cpu, s32 slot)
{
	if (prt_current(&machine, cpu) != slot ||
	    (slot != PRT_NONE && machine.threads[slot].state != PRT_RUNNING)) {
		prt_force_current(&machine, cpu, slot);
		ms.forced++;
	}
}

/*
 * Right after a new or unblock handler, as the semantics do (Interpreter.settle
 * before it settles the cores): each core it asked to reschedule
 * (`preempt c;`), in increasing id, runs `on preempt` for its thread. The view
 * keeps mirroring reality: the preemption is counted and recorded, and the
 * thread keeps running in the view, as after a tick's preemption.
 */
static void deliver_preempts(void)
{
	s32 c, t;

	for (c = prt_preempt_next(&machine, 0); running && c < machine.nr_cores;
	     c = prt_preempt_next(&machine, c + 1)) {
		t = prt_current(&machine, c);
		check(prt_deliver_preempt(&machine, c));
		if (running && t != PRT_NONE) {
			ms.wakeup_preempt++;
			decide(c, D_PREEMPT, pid_of(t), -1, pid_of(t));
			sync_current(c, t);
		}
	}
}

/* The slot of a task, tracking it (a new event on `cpu`) if it is not yet. */
static s32 track(struct task_struct *p, s32 cpu, bool *created)
{
	s32 slot = prt_threads_lookup(&threads, p->pid, p->start_time);
	struct prt_thread_in in;

	*created = false;
	if (slot != PRT_NONE)
		return slot;
	if (p->flags & PF_EXITING)
		return PRT_NONE;	/* exited and released: do not adopt it again */
	slot = prt_threads_add(&threads, p->pid, p->start_time);
	if (slot == PRT_NONE) {
		ms.untracked++;
		return PRT_NONE;
	}
	slot_runnable[slot] = false;
	*created = true;
	prt_kernel_thread_in(p, &in);
	native_affinity(slot, in.affinity);
	check(prt_new(&machine, cpu, slot, &in));
	deliver_preempts();
	return slot;
}

/*
 * A task's affinity, compared at each of its events with the module's copy
 * (see the header); a change is made on cpu, before the event's handler.
 */
static void sync_affinity(struct task_struct *p, s32 slot, s32 cpu)
{
	const unsigned long *mask = prt_kernel_affinity(p);

	if (bitmap_equal(aff_of(slot), mask, nr_cpu_ids))
		return;
	ms.affinity_changed++;
	native_affinity(slot, mask);
	wc_update();
	if (!running)
		return;
	check(prt_change_affinity(&machine, cpu, slot, mask));
	deliver_preempts();
}

static void untrack(s32 slot)
{
	prt_release(&machine, slot);
	prt_threads_remove(&threads, slot);
}

/* Counts whether the policy placed p where the kernel did, and records it. */
static void compare_place(s32 cpu, struct task_struct *p, s32 slot)
{
	s32 placed = prt_cpu(&machine, slot);

	if (placed == task_cpu(p))
		ms.place_agree++;
	else
		ms.place_differ++;
	decide(cpu, D_PLACE, p->pid, placed, task_cpu(p));
}

static void on_new_task(struct task_struct *p, s32 cpu)
{
	bool created;
	s32 slot = track(p, cpu, &created);

	if (slot == PRT_NONE)
		return;
	native_runnable(slot, task_cpu(p), true);
	if (running && created)
		compare_place(cpu, p, slot);
}

/* ---------------------------------------------------------------- probes */

static void probe_wakeup_new(void *data, struct task_struct *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	on_new_task(p, smp_processor_id());
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

static void probe_wakeup(void *data, struct task_struct *p)
{
	s32 cpu = smp_processor_id(), slot;
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	slot = prt_threads_lookup(&threads, p->pid, p->start_time);
	if (slot == PRT_NONE) {
		on_new_task(p, cpu);
	} else {
		sync_affinity(p, slot, cpu);
		native_runnable(slot, task_cpu(p), true);
		if (running && machine.threads[slot].state == PRT_BLOCKED) {
			check(prt_unblock(&machine, cpu, slot));
			deliver_preempts();
			compare_place(cpu, p, slot);
		}
	}
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

static void switch_out(struct task_struct *prev, s32 cpu, bool runnable)
{
	bool created;
	s32 slot = track(prev, cpu, &created);

	if (slot == PRT_NONE)
		return;
	native_runnable(slot, cpu, runnable);
	if (running) {
		sync_current(cpu, slot);
		check(runnable ? prt_yield(&machine, cpu) : prt_block(&machine, cpu));
	}
	sync_affinity(prev, slot, cpu);	/* off the core now: see the header */
}

static void switch_in(struct task_struct *next, s32 cpu)
{
	bool created;
	s32 slot = PRT_NONE, pick;

	if (!is_idle_task(next)) {
		slot = track(next, cpu, &created);
		if (slot != PRT_NONE) {
			sync_affinity(next, slot, cpu);
			native_runnable(slot, cpu, true);
		}
	}
	native_running(cpu, slot);
	if (!running)
		return;
	if (machine.cores[cpu].idle && slot != PRT_NONE)
		check(prt_exit_idle(&machine, cpu));
	if (running && prt_current(&machine, cpu) == PRT_NONE)
		check(prt_schedule(&machine, cpu));
	if (!running)
		return;
	pick = prt_current(&machine, cpu);
	if (slot == PRT_NONE && pick != PRT_NONE)
		ms.pick_idle++;
	else if (pick == slot)
		ms.pick_agree++;
	else
		ms.pick_differ++;
	decide(cpu, D_PICK, is_idle_task(next) ? 0 : next->pid, pid_of(pick),
	       is_idle_task(next) ? 0 : next->pid);
	sync_current(cpu, slot);
	if (slot == PRT_NONE && !machine.cores[cpu].idle)
		check(prt_enter_idle(&machine, cpu));
}

static void probe_switch(void *data, bool preempt, struct task_struct *prev,
			 struct task_struct *next, unsigned int prev_state)
{
	s32 cpu = smp_processor_id();
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	if (!is_idle_task(prev))
		switch_out(prev, cpu, preempt || prev_state == TASK_RUNNING);
	switch_in(next, cpu);
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

/* 6.12's prototype; from 7.0 the tracepoint also passes bool group_dead. */
static void probe_exit(void *data, struct task_struct *p)
{
	s32 cpu = smp_processor_id(), slot;
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	slot = prt_threads_lookup(&threads, p->pid, p->start_time);
	if (slot != PRT_NONE) {
		native_runnable(slot, cpu, false);
		if (running) {
			sync_current(cpu, slot);
			check(prt_terminate(&machine, cpu));
		}
		prt_force_park(&machine, slot, PRT_TERMINATED);
		if (native_curr[cpu] == slot)
			native_curr[cpu] = PRT_NONE;	/* the slot will serve another task */
		untrack(slot);
	}
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

static void probe_migrate(void *data, struct task_struct *p, int dest_cpu)
{
	unsigned long flags;
	s32 slot;

	raw_spin_lock_irqsave(&machine.lock, flags);
	slot = prt_threads_lookup(&threads, p->pid, p->start_time);
	if (slot != PRT_NONE && slot_runnable[slot])
		native_runnable(slot, dest_cpu, true);
	raw_spin_unlock_irqrestore(&machine.lock, flags);
}

/* ---------------------------------------------------------------- ticks */

static enum hrtimer_restart tick_fn(struct hrtimer *timer)
{
	s32 cpu = smp_processor_id(), t;
	const struct prt_steal *steal = machine.policy->steal;
	unsigned long flags;

	raw_spin_lock_irqsave(&machine.lock, flags);
	machine.now = now_ns();
	t = prt_current(&machine, cpu);
	if (running && t != PRT_NONE) {
		check(prt_tick(&machine, cpu));
		if (running && prt_current(&machine, cpu) != t) {
			ms.tick_preempt++;
			decide(cpu, D_PREEMPT, pid_of(t), -1, pid_of(t));
			sync_current(cpu, t);
		}
	}
	if (running && steal && steal->period &&
	    machine.now >= next_balance_ns[cpu]) {
		int moved;

		next_balance_ns[cpu] = machine.now + (u64)steal->period(&machine);
		moved = prt_balance(&machine, cpu);
		check(moved < 0 ? PRT_FAULT : PRT_OK);
		if (moved > 0)
			decide(cpu, D_STEAL, -1, moved, -1);
	}
	raw_spin_unlock_irqrestore(&machine.lock, flags);
	hrtimer_forward_now(timer, ns_to_ktime(TICK_NSEC));
	return HRTIMER_RESTART;
}

/* CPU hotplug (run on the CPU): its timer starts when it comes online. */
static int tick_online(unsigned int cpu)
{
	hrtimer_start(this_cpu_ptr(ticks), ns_to_ktime(TICK_NSEC), HRTIMER_MODE_REL_PINNED);
	return 0;
}

/* ... and stops when it goes offline (and when the module unloads). */
static int tick_offline(unsigned int cpu)
{
	hrtimer_cancel(this_cpu_ptr(ticks));
	return 0;
}

/* ---------------------------------------------------------------- debugfs */

static int stats_show(struct seq_file *s, void *unused)
{
	struct prt_kernel_snapshot snap;
	struct monitor_stats st;
	unsigned long flags;
	u64 now, wc_ns;

	raw_spin_lock_irqsave(&machine.lock, flags);
	prt_kernel_snapshot(&snap, &machine, &threads, "monitor", running);
	st = ms;
	now = now_ns();
	wc_ns = st.wc_violation_ns + (wc_violated && now - start_ns > WARMUP_NS ?
				      now - wc_since : 0);
	raw_spin_unlock_irqrestore(&machine.lock, flags);

	prt_kernel_show_head(s, &snap);
	seq_printf(s, "decisions.place_agree %llu\ndecisions.place_differ %llu\n",
		   st.place_agree, st.place_differ);
	seq_printf(s, "decisions.pick_agree %llu\ndecisions.pick_differ %llu\n",
		   st.pick_agree, st.pick_differ);
	seq_printf(s, "decisions.pick_while_native_idle %llu\n", st.pick_idle);
	seq_printf(s, "decisions.tick_preempt %llu\n", st.tick_preempt);
	seq_printf(s, "decisions.wakeup_preempt %llu\n", st.wakeup_preempt);
	seq_printf(s, "view.forced_moves %llu\nview.not_work_conserving %llu\n",
		   st.forced, st.view_not_wc);
	seq_printf(s, "threads.untracked %llu\n", st.untracked);
	seq_printf(s, "affinity.changed %llu\n", st.affinity_changed);
	seq_printf(s, "native.wc_violation_ns %llu\nnative.wc_episodes %llu\n",
		   wc_ns, st.wc_episodes);
	seq_printf(s, "native.wc_longest_ns %llu\n", st.wc_longest_ns);
	prt_kernel_show_tail(s, &snap);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int decisions_show(struct seq_file *s, void *unused)
{
	struct decision d;
	unsigned long flags;
	u32 i, n, first;

	raw_spin_lock_irqsave(&machine.lock, flags);
	n = nr_decisions;
	raw_spin_unlock_irqrestore(&machine.lock, flags);
	first = n > NR_DECISIONS ? n - NR_DECISIONS : 0;
	seq_puts(s, "# time_ns cpu decision pid policy native\n");
	for (i = first; i < n; i++) {
		raw_spin_lock_irqsave(&machine.lock, flags);
		d = decisions[i % NR_DECISIONS];
		raw_spin_unlock_irqrestore(&machine.lock, flags);
		seq_printf(s, "%llu %d %s %d %d %d\n", d.time, d.cpu,
			   decision_names[d.kind], d.pid, d.policy, d.native);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(decisions);

/* ---------------------------------------------------------------- load, unload */

struct probe {
	const char *name;
	void *fn;
	struct tracepoint *tp;
};

static struct probe probes[] = {
	{ "sched_wakeup_new", probe_wakeup_new },
	{ "sched_wakeup", probe_wakeup },
	{ "sched_switch", probe_switch },
	{ "sched_process_exit", probe_exit },
	{ "sched_migrate_task", probe_migrate },
};

static void find_tracepoint(struct tracepoint *tp, void *unused)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(probes); i++)
		if (!strcmp(tp->name, probes[i].name))
			probes[i].tp = tp;
}

static void *zalloc_array(size_t n, size_t size)
{
	return kvcalloc(n, size, GFP_KERNEL);
}

static void free_all(void)
{
	prt_threads_free(&threads);
	kvfree(slot_runnable);
	kvfree(slot_ncpu);
	kvfree(runnable_slots);
	kvfree(slot_aff);
	kvfree(native_count);
	kvfree(native_curr);
	kvfree(idle_cpus);
	kvfree(next_balance_ns);
	if (machine.policy)
		prt_machine_free(&machine);
}

static void stop_ticks(void)
{
	int cpu;

	if (tick_hp_state > 0)
		cpuhp_remove_state(tick_hp_state);	/* tick_offline on every online CPU */
	tick_hp_state = 0;
	for_each_possible_cpu(cpu)
		hrtimer_cancel(per_cpu_ptr(ticks, cpu));
}

static int __init monitor_init(void)
{
	int i, err, cpu;

	if (max_threads < 16 || max_threads > (1 << 20)) {
		pr_err("max_threads=%d is outside [16, 1048576]\n", max_threads);
		return -EINVAL;
	}
	slot_runnable = zalloc_array(max_threads, sizeof(*slot_runnable));
	slot_ncpu = zalloc_array(max_threads, sizeof(*slot_ncpu));
	runnable_slots = zalloc_array(BITS_TO_LONGS(max_threads), sizeof(long));
	aff_longs = BITS_TO_LONGS(nr_cpu_ids);
	slot_aff = zalloc_array((size_t)max_threads * aff_longs, sizeof(long));
	native_count = zalloc_array(nr_cpu_ids, sizeof(*native_count));
	native_curr = zalloc_array(nr_cpu_ids, sizeof(*native_curr));
	idle_cpus = zalloc_array(BITS_TO_LONGS(nr_cpu_ids), sizeof(long));
	next_balance_ns = zalloc_array(nr_cpu_ids, sizeof(*next_balance_ns));
	if (prt_threads_init(&threads, max_threads) ||
	    !slot_runnable || !slot_ncpu || !runnable_slots || !slot_aff ||
	    !native_count || !native_curr || !idle_cpus || !next_balance_ns ||
	    prt_machine_init(&machine, &prt_this_policy, nr_cpu_ids, max_threads)) {
		free_all();
		return -ENOMEM;
	}
	prt_kernel_set_topology(&machine, NULL);
	prt_kernel_set_capacities(&machine, NULL);
	prt_machine_start(&machine);
	n_idle = num_online_cpus();
	bitmap_copy(idle_cpus, cpumask_bits(cpu_online_mask), nr_cpu_ids);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		native_curr[cpu] = PRT_NONE;
	start_ns = now_ns();
	wc_since = start_ns;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		next_balance_ns[cpu] = start_ns;
	running = true;

	ticks = alloc_percpu(struct hrtimer);
	if (!ticks) {
		free_all();
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		hrtimer_init(per_cpu_ptr(ticks, cpu), CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_PINNED);
	for_each_possible_cpu(cpu)
		per_cpu_ptr(ticks, cpu)->function = tick_fn;

	for_each_kernel_tracepoint(find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (!probes[i].tp) {
			pr_err("tracepoint %s not found\n", probes[i].name);
			err = -ENOENT;
			goto unregister;
		}
		err = tracepoint_probe_register(probes[i].tp, probes[i].fn, NULL);
		if (err) {
			pr_err("cannot attach to %s: %d\n", probes[i].name, err);
			goto unregister;
		}
	}
	err = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "prt_monitor:tick", tick_online,
				tick_offline);
	if (err < 0) {
		pr_err("cannot follow CPU hotplug: %d\n", err);
		i = ARRAY_SIZE(probes);
		goto unregister;
	}
	tick_hp_state = err;

	debug_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0444, debug_dir, NULL, &stats_fops);
	debugfs_create_file("decisions", 0444, debug_dir, NULL, &decisions_fops);
	prt_kernel_debugfs_state(debug_dir, &monitor_machine, NULL);
	pr_info("policy %s monitoring %u CPUs, up to %d threads\n",
		prt_this_policy.name, num_online_cpus(), max_threads);
	return 0;

unregister:
	while (--i >= 0)
		tracepoint_probe_unregister(probes[i].tp, probes[i].fn, NULL);
	tracepoint_synchronize_unregister();
	free_percpu(ticks);
	free_all();
	return err;
}

static void __exit monitor_exit(void)
{
	int i;

	debugfs_remove_recursive(debug_dir);
	for (i = 0; i < ARRAY_SIZE(probes); i++)
		tracepoint_probe_unregister(probes[i].tp, probes[i].fn, NULL);
	tracepoint_synchronize_unregister();
	stop_ticks();
	free_percpu(ticks);
	free_all();
	pr_info("policy %s unloaded\n", prt_this_policy.name);
}

module_init(monitor_init);
module_exit(monitor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Scheduling policy in monitor mode (generated, kernel-runtime)");
