// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime/bpf: the sched_ext host of a policy built as a pure BPF
 * scheduler (issue 16, in progress; README.md).
 *
 * The runtime's machine (prt_machine.c) and the policy's generated C are
 * compiled, unchanged and in that order, into one program with this file
 * (build-check.sh writes the unit), over prt_bpf.h: the machine lives
 * in a BPF arena, made by ops.init for every possible CPU (core c is CPU c).
 * Every callback below is an event of docs/semantics.md on the CPU it runs
 * on, under the machine's lock, ended as the semantics end an event: that
 * core completes, and the pending reschedules it made elsewhere are
 * delivered at once (one lock: a kick latency of 0, as the module host).
 *
 * Tasks. A task is a thread of the policy from its first enqueue; its slot
 * is kept in task-local storage, so the kernel names the task and no pid is
 * ever looked up to find a slot. A thread the policy keeps ready is in no
 * dispatch queue: it stays in the machine's queues, in BPF's custody, until
 * the policy makes it a core's current; then it is inserted into that CPU's
 * local dispatch queue: from enqueue at once when it is the task at hand,
 * otherwise by that CPU's dispatch, which a kick brings about.
 *
 *   select_cpu(p)        the CPU p last ran on (no direct dispatch)
 *   enqueue(p)           new (first time) or unblock; a running thread that
 *                        comes back (its slice ended) yields
 *   dispatch(cpu, prev)  the core's current: prev keeps running, or the
 *                        pick is inserted into the CPU's local DSQ
 *   running(p)           the view follows what the kernel runs (counted)
 *   tick(p)              tick; p's slice ends when the policy took its core
 *   set_cpumask(p)       its affinity changed (also checked at unblock)
 *   quiescent(p)         block
 *   exit_task(p)         terminate; the slot is freed
 *
 * The machine's events are reached through global subprograms (entry_*),
 * which the verifier checks once each rather than inside every callback.
 *
 * Not yet here (the module host scx/prt_scx.c has them): the topology and
 * capacities of the real machine, only online CPUs as cores, telling the
 * kernel of the cores an event settled only (settle() looks at every core:
 * O(CPUs) per event, where the module host keeps a list), periodic steals
 * with NOHZ kicks, groups, the policy's own statistics
 * (host_stats below has the host's).
 */

#define HOST_SLICE_NS	(20ULL * 1000 * 1000)

/*
 * The tasks the policy does not hold (before ops.init has made the machine,
 * beyond its HOST_THREADS slots, after a fault) run from this DSQ, first
 * come first served; the kernel's SCX_DSQ_GLOBAL cannot be consumed with
 * scx_bpf_dsq_move_to_local() in 7.3, so the host makes its own.
 */
#define HOST_DSQ	0

/* How many threads the policy can hold (more tasks run from HOST_DSQ, counted). */
#define HOST_THREADS	4096

struct prt_bpf_heap prt_bpf_heap;

/* The host's state, in the arena beside the machine. */
struct host {
	struct prt_machine m;
	bool running;			/* no fault yet */

	pid_t __prt_arena *slot_pid;	/* the task of each slot, by pid and start time */
	u64 __prt_arena *slot_start;
	s32 __prt_arena *told;		/* per core: the slot the kernel was last told of */
	unsigned long __prt_arena *mask;	/* a task's cpumask as core bits */
	struct prt_thread_in in;	/* a new thread's inputs, in the arena for entry_new() */
};

/*
 * What the host did, in the object's .bss, where the loader (and bpftool
 * map dump) reads it: a thread the policy made current inserted by enqueue
 * (placed) or by its CPU's dispatch (picked), or kept running there (kept);
 * the policy's view made to follow the kernel (forced); tasks the policy
 * could not hold (refused: no free slot); CPUs kicked to dispatch or to
 * preempt; affinity changes the policy was told of, and picks for a CPU
 * the task may not run on, which the guard refused (not_allowed: the kernel
 * would end the scheduler). Written under the machine's lock, but picked
 * and the dispatch's not_allowed (after it).
 */
struct host_stats {
	u64 placed, picked, kept, forced, refused, kicks, preempt_kicks;
	u64 affinity_changes, not_allowed;
} host_stats;

/* The root: in the arena itself, so that every program that reads it is the arena's. */
struct host __prt_arena *__prt_arena prt_host;

struct task_ctx {
	s32 slot;	/* PRT_NONE until the task's first enqueue */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_ctx);
} task_ctxs SEC(".maps") __attribute__((visibility("default")));

static struct task_ctx *ctx_of(struct task_struct *p)
{
	return bpf_task_storage_get(&task_ctxs, p, NULL, 0);
}

/*
 * The machine's events as global subprograms: the verifier checks each once,
 * for any machine (an arena pointer), instead of once more inside every
 * callback that calls it, which exhausted its memory. They take the machine
 * as arena pointers (__arg_arena) and call the runtime's functions. Global:
 * visible (the runtime around them is hidden) and never inlined.
 */
#pragma GCC visibility push(default)

__noinline int entry_new(struct prt_machine __prt_arena *m __arg_arena, s32 core, s32 t,
			 struct prt_thread_in __prt_arena *in __arg_arena)
{
	return prt_new(prt_plain(m), core, t, prt_plain(in));
}

__noinline int entry_unblock(struct prt_machine __prt_arena *m __arg_arena, s32 core, s32 t)
{
	return prt_unblock(prt_plain(m), core, t);
}

__noinline int entry_yield(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_yield(prt_plain(m), core);
}

__noinline int entry_tick(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_tick(prt_plain(m), core);
}

__noinline int entry_block(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_block(prt_plain(m), core);
}

__noinline int entry_terminate(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_terminate(prt_plain(m), core);
}

/* The end of an event on core: it completes, then every pending reschedule is delivered. */
__noinline int entry_complete(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	if (prt_complete(prt_plain(m), core) == PRT_FAULT)
		return PRT_FAULT;
	return prt_reschedule_all(prt_plain(m));
}

__noinline s32 entry_free_slot(struct prt_machine __prt_arena *m __arg_arena)
{
	return prt_free_slot(prt_plain(m));
}

__noinline int entry_force_current(struct prt_machine __prt_arena *m __arg_arena, s32 c, s32 t)
{
	prt_force_current(prt_plain(m), c, t);
	return 0;
}

/*
 * t's affinity becomes mask (core bits) if it differs, as a change made by
 * a thread running on core.
 */
__noinline int entry_sync_affinity(struct prt_machine __prt_arena *m __arg_arena, s32 core, s32 t,
				   unsigned long __prt_arena *mask __arg_arena)
{
	struct prt_machine *pm = prt_plain(m);
	const unsigned long *now = prt_affinity(pm, t), *want = prt_plain(mask);
	s32 w;

	for (w = 0; w < pm->affinity_longs && can_loop; w++)
		if (now[w] != want[w])
			return prt_change_affinity(pm, core, t, want);
	return PRT_SKIPPED;
}

/* t parked in state (blocked, or terminated and its slot freed). */
__noinline int entry_park(struct prt_machine __prt_arena *m __arg_arena, s32 t, s32 state)
{
	prt_force_park(prt_plain(m), t, state);
	if (state == PRT_TERMINATED)
		prt_release(prt_plain(m), t);
	return 0;
}

#pragma GCC visibility pop

/* The machine of h, as the entry points take it. */
static struct prt_machine __prt_arena *machine(struct host *h)
{
	return (struct prt_machine __prt_arena *)&h->m;
}

/* Takes the machine's lock at the current time; NULL before ops.init. */
static struct host *begin(void)
{
	struct host __prt_arena *ha = prt_host;
	struct host *h;

	if (!ha)
		return NULL;
	h = prt_plain(ha);
	prt_bpf_lock(&h->m.lock);
	h->m.now = (s64)scx_bpf_now();
	return h;
}

/* begin() for p's thread; NULL when p is not a thread of the policy yet. */
static struct host *begin_thread(struct task_struct *p, struct task_ctx **tc)
{
	*tc = ctx_of(p);
	if (!*tc || (*tc)->slot == PRT_NONE)
		return NULL;
	return begin();
}

static void end(struct host *h)
{
	prt_bpf_unlock(&h->m.lock);
}

/* The machine's fault text in prt_bpf_text, where scx_bpf_error() can read it. */
__noinline __prt_visible int fault_text(struct prt_machine __prt_arena *m __arg_arena)
{
	const char *msg = prt_plain(m)->fault_msg;
	int k;

	for (k = 0; k < PRT_BPF_TEXT - 1 && msg[k]; k++)
		prt_bpf_text[k] = msg[k];
	prt_bpf_text[k] = 0;
	return k;
}

/* A fault ends the scheduler, with the policy's line and what happened (docs/semantics.md). */
static void check(struct host *h, int result)
{
	if (result == PRT_FAULT && h->running) {
		h->running = false;
		fault_text(machine(h));
		prt_bpf_error("prt: the policy faulted at its line %d: %s",
			      h->m.fault_line, prt_bpf_text);
	}
}

/*
 * The end of an event on core: it completes, then every pending reschedule
 * is delivered. Then the kernel is told of each core whose current changed:
 * a core that lost the thread it was told to run is kicked to preempt it,
 * a core given one is kicked to dispatch (the task at hand, p, is inserted
 * at once instead).
 */
static void settle(struct host *h, s32 core, struct task_struct *p, s32 slot)
{
	struct prt_machine *m = &h->m;
	s32 c, cur, was;

	check(h, entry_complete(machine(h), core));
	for (c = 0; c < m->nr_cores && can_loop; c++) {
		cur = m->cores[c].curr;
		was = h->told[c];
		if (cur == was)
			continue;
		h->told[c] = cur;
		if (cur != PRT_NONE && cur == slot && p) {
			if (bpf_cpumask_test_cpu(c, p->cpus_ptr)) {
				scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL_ON | c, HOST_SLICE_NS, 0);
				host_stats.placed++;
			} else {	/* a guard: the policy keeps within the affinity it was told */
				scx_bpf_dsq_insert(p, HOST_DSQ, HOST_SLICE_NS, 0);
				host_stats.not_allowed++;
			}
		} else if (was != PRT_NONE) {
			scx_bpf_kick_cpu(c, SCX_KICK_PREEMPT);
			host_stats.preempt_kicks++;
		} else if (cur != PRT_NONE && c != core) {
			scx_bpf_kick_cpu(c, SCX_KICK_IDLE);
			host_stats.kicks++;
		}
	}
}

/* The core of the CPU a callback runs on. */
static s32 this_core(struct host *h)
{
	s32 cpu = bpf_get_smp_processor_id();

	return cpu < h->m.nr_cores ? cpu : 0;
}

/* The core p is on, if the policy runs and that CPU is one of its cores; else PRT_NONE. */
static s32 live_core(struct host *h, struct task_struct *p)
{
	s32 core = scx_bpf_task_cpu(p);

	return h->running && core < h->m.nr_cores ? core : PRT_NONE;
}

/* p's cpumask as the machine's core bits, in h->mask. */
static void read_mask(struct host *h, struct task_struct *p)
{
	s32 c, n = h->m.nr_cores;

	for (c = 0; c < n && can_loop; c++) {
		if (bpf_cpumask_test_cpu(c, p->cpus_ptr))
			h->mask[c / 64] |= 1UL << (c % 64);
		else
			h->mask[c / 64] &= ~(1UL << (c % 64));
	}
}

/* The policy's copy of p's affinity made the kernel's, as a change made on core. */
static void sync_affinity(struct host *h, s32 core, struct task_struct *p, s32 slot)
{
	int result;

	read_mask(h, p);
	result = entry_sync_affinity(machine(h), core, slot,
				     (unsigned long __prt_arena *)h->mask);
	check(h, result);
	if (result != PRT_SKIPPED)
		host_stats.affinity_changes++;
}

/* A new thread for p: a free slot, its inputs, its new event. */
static s32 admit(struct host *h, struct task_struct *p, struct task_ctx *tc)
{
	struct prt_thread_in *in = &h->in;
	s32 slot = entry_free_slot(machine(h));

	if (slot == PRT_NONE) {
		host_stats.refused++;
		return PRT_NONE;
	}
	read_mask(h, p);
	memset(in, 0, sizeof(*in));
	in->nice = p->static_prio - 120;
	in->group_weight = PRT_DEFAULT_GROUP_WEIGHT;
	in->affinity = h->mask;
	h->slot_pid[slot] = p->pid;
	h->slot_start[slot] = p->start_time;
	tc->slot = slot;
	check(h, entry_new(machine(h), this_core(h), slot,
			   (struct prt_thread_in __prt_arena *)in));
	return slot;
}

SEC("struct_ops/host_select_cpu")
s32 BPF_PROG(host_select_cpu, struct task_struct *p, s32 prev_cpu,
	     u64 wake_flags)
{
	return prev_cpu;
}

SEC("struct_ops/host_enqueue")
void BPF_PROG(host_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tc = ctx_of(p);
	struct host *h = begin();
	s32 core, slot;

	if (!h)
		goto unheld;
	if (!tc || !h->running) {
		end(h);
		goto unheld;
	}
	core = this_core(h);
	slot = tc->slot;
	if (slot == PRT_NONE) {
		slot = admit(h, p, tc);
		if (slot == PRT_NONE) {
			end(h);
			goto unheld;
		}
	} else if (h->m.threads[slot].state == PRT_BLOCKED) {
		sync_affinity(h, core, p, slot);	/* a change not reported */
		check(h, entry_unblock(machine(h), core, slot));
	} else if (h->m.threads[slot].state == PRT_RUNNING) {
		s32 c = h->m.threads[slot].cpu;

		check(h, entry_yield(machine(h), c));
		core = c;
	}
	settle(h, core, p, slot);
	end(h);
	return;
unheld:
	scx_bpf_dsq_insert(p, HOST_DSQ, HOST_SLICE_NS, enq_flags);
}

SEC("struct_ops/host_dispatch")
void BPF_PROG(host_dispatch, s32 cpu, struct task_struct *prev)
{
	struct host *h = begin();
	struct task_struct *p;
	struct task_ctx *tc;
	s32 cur;
	pid_t pid;
	u64 start;

	if (!h)
		return;
	if (cpu >= h->m.nr_cores || !h->running) {
		end(h);
		scx_bpf_dsq_move_to_local(HOST_DSQ);
		return;
	}
	if (h->m.cores[cpu].curr == PRT_NONE)
		settle(h, cpu, NULL, PRT_NONE);
	cur = h->m.cores[cpu].curr;
	h->told[cpu] = cur;
	tc = prev ? ctx_of(prev) : NULL;
	if (cur != PRT_NONE && tc && tc->slot == cur &&
	    (prev->scx.flags & SCX_TASK_QUEUED)) {
		prev->scx.slice = HOST_SLICE_NS;
		host_stats.kept++;
		end(h);
		return;
	}
	pid = cur == PRT_NONE ? 0 : h->slot_pid[cur];
	start = cur == PRT_NONE ? 0 : h->slot_start[cur];
	end(h);
	if (!pid) {
		scx_bpf_dsq_move_to_local(HOST_DSQ);
		return;
	}
	p = bpf_task_from_pid(pid);
	if (!p)
		return;
	if (p->start_time == start) {
		if (bpf_cpumask_test_cpu(cpu, p->cpus_ptr)) {
			scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, HOST_SLICE_NS, 0);
			__sync_fetch_and_add(&host_stats.picked, 1);
		} else {	/* the guard, as in settle() */
			__sync_fetch_and_add(&host_stats.not_allowed, 1);
		}
	}
	bpf_task_release(p);
}

SEC("struct_ops/host_running")
void BPF_PROG(host_running, struct task_struct *p)
{
	struct task_ctx *tc;
	struct host *h = begin_thread(p, &tc);
	s32 core;

	if (!h)
		return;
	core = live_core(h, p);
	/*
	 * Not on a CPU the policy's copy of p's affinity leaves out: the kernel
	 * runs p there only while it carries out an affinity change (until the
	 * stopper migrates it), and the policy must not see p run where it may not.
	 */
	if (core != PRT_NONE && h->m.cores[core].curr != tc->slot &&
	    prt_allowed(&h->m, tc->slot, core)) {
		entry_force_current(machine(h), core, tc->slot);
		h->told[core] = tc->slot;
		host_stats.forced++;
	}
	end(h);
}

SEC("struct_ops/host_tick")
void BPF_PROG(host_tick, struct task_struct *p)
{
	struct task_ctx *tc;
	struct host *h = begin_thread(p, &tc);
	s32 core;

	if (!h)
		return;
	core = live_core(h, p);
	if (core != PRT_NONE && h->m.cores[core].curr == tc->slot) {
		check(h, entry_tick(machine(h), core));
		settle(h, core, NULL, PRT_NONE);
		if (h->m.cores[core].curr != tc->slot)
			p->scx.slice = 0;
	}
	end(h);
}

/*
 * p's affinity changed: the kernel calls this with p->cpus_ptr changed,
 * between the quiescent and the enqueue that bracket the change of a queued
 * or running task (so the policy has just blocked it), or for a task that
 * is not runnable; the policy's copy follows at once, and its unblock then
 * places it within.
 */
SEC("struct_ops/host_set_cpumask")
void BPF_PROG(host_set_cpumask, struct task_struct *p, const struct cpumask *cpumask)
{
	struct task_ctx *tc;
	struct host *h = begin_thread(p, &tc);
	s32 core;

	if (!h)
		return;
	if (h->running) {
		core = this_core(h);
		sync_affinity(h, core, p, tc->slot);
		settle(h, core, NULL, PRT_NONE);
	}
	end(h);
}

SEC("struct_ops/host_quiescent")
void BPF_PROG(host_quiescent, struct task_struct *p, u64 deq_flags)
{
	struct task_ctx *tc;
	struct host *h = begin_thread(p, &tc);
	s32 slot, c;

	if (!h)
		return;
	slot = tc->slot;
	if (h->running && h->m.threads[slot].state == PRT_RUNNING) {
		c = h->m.threads[slot].cpu;
		check(h, entry_block(machine(h), c));
		settle(h, c, NULL, PRT_NONE);
	} else if (h->running && h->m.threads[slot].state == PRT_READY) {
		entry_park(machine(h), slot, PRT_BLOCKED);
		host_stats.forced++;
	}
	end(h);
}

SEC("struct_ops/host_exit_task")
void BPF_PROG(host_exit_task, struct task_struct *p,
	      struct scx_exit_task_args *args)
{
	struct task_ctx *tc;
	struct host *h = begin_thread(p, &tc);
	s32 slot;

	if (!h)
		return;
	slot = tc->slot;
	tc->slot = PRT_NONE;
	if (h->m.threads[slot].state == PRT_RUNNING) {
		s32 c = h->m.threads[slot].cpu;

		check(h, entry_terminate(machine(h), c));
		settle(h, c, NULL, PRT_NONE);
	}
	entry_park(machine(h), slot, PRT_TERMINATED);
	h->slot_pid[slot] = 0;
	end(h);
}

SEC("struct_ops/host_init_task")
s32 BPF_PROG(host_init_task, struct task_struct *p,
	     struct scx_init_task_args *args)
{
	struct task_ctx *tc;

	tc = bpf_task_storage_get(&task_ctxs, p, NULL,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!tc)
		return -ENOMEM;
	tc->slot = PRT_NONE;
	return 0;
}

/* The machine, for every possible CPU, in the arena (the only sleepable callback). */
SEC("struct_ops.s/host_init")
s32 BPF_PROG(host_init)
{
	struct host __prt_arena *ha = kvzalloc(sizeof(struct host), GFP_KERNEL);
	s32 nr = scx_bpf_nr_cpu_ids(), c;
	struct host *h;

	if (!ha)
		return -ENOMEM;
	if (scx_bpf_create_dsq(HOST_DSQ, NUMA_NO_NODE))
		return -ENOMEM;
	h = prt_plain(ha);
	/* opaque: a loop bounded by a constant is walked whole by the verifier (prt_bpf.h) */
	if (prt_machine_init(&h->m, &prt_this_policy, nr, prt_opaque(HOST_THREADS)))
		return -ENOMEM;
	h->slot_pid = kvcalloc(HOST_THREADS, sizeof(pid_t), GFP_KERNEL);
	h->slot_start = kvcalloc(HOST_THREADS, sizeof(u64), GFP_KERNEL);
	h->told = kvcalloc(nr, sizeof(s32), GFP_KERNEL);
	h->mask = kvcalloc(BITS_TO_LONGS(nr), sizeof(unsigned long), GFP_KERNEL);
	if (!h->slot_pid || !h->slot_start || !h->told || !h->mask)
		return -ENOMEM;
	for (c = 0; c < nr && can_loop; c++)
		h->told[c] = PRT_NONE;
	prt_topology_sizes(&h->m, 0, 0, 0);
	prt_machine_start(&h->m);
	h->running = prt_boot(&h->m) == PRT_OK;
	prt_host = ha;
	return 0;
}

SEC("struct_ops/host_exit")
void BPF_PROG(host_exit, struct scx_exit_info *ei)
{
}
