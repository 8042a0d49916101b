// SPDX-License-Identifier: GPL-2.0
/*
 * The sched_ext bridge: a fixed struct_ops program that forwards sched_ext's
 * callbacks to the policy module loaded beside it (kfuncs prt_scx_*, see
 * prt_scx.c) and carries out its decisions. It makes no decision of its own
 * except the two fallbacks, both counted:
 *   - a task the module refuses (no free slot, or the policy faulted) runs
 *     from SCX_DSQ_GLOBAL;
 *   - a task the module picks that cannot run on the CPU (gone, not in its
 *     cpumask, or preempted inside migrate_disable() on another CPU) is
 *     dropped or goes to SCX_DSQ_GLOBAL, which respects both. The module
 *     keeps every pick within the task's affinity, which it reads from the
 *     task (p->cpus_ptr, the CPU it is on while its migration is disabled)
 *     at its enqueues and at set_cpumask: this guard is used only when the
 *     kernel changes the task's mask between the module's pick and the
 *     insertion here (the module's set_cpumask comes just after).
 * Tasks whose migration is disabled are enqueued through the bridge too
 * (SCX_OPS_ENQ_MIGRATION_DISABLED), so that the policy schedules them as
 * threads pinned to their CPU rather than sched_ext queueing them locally
 * behind the policy's back.
 * The same object serves every policy; the loader sets the ops name.
 *
 * Groups. A thread's group input is the cgroup whose cpu.weight the kernel
 * applies to it: scx_bpf_task_cgroup(p), the cgroup of p's task_group, that
 * is p's nearest cgroup (itself or an ancestor) with the cpu controller
 * enabled. Its number is 0 for the root cgroup, else the cgroup's ID's low 32
 * bits: the kernfs inode number, which kernfs allocates cyclically in
 * 1..INT_MAX, so it is a valid (non-negative) group, unique among the live
 * cgroups, and, until the hierarchy has made 2^31 nodes, the cgroup's ID
 * itself — the inode number of its directory (`stat -c %i`), so a user can
 * tell which cgroup a group is. An ID needs no table and stays the same for
 * the cgroup's life and across attaches; numbers assigned in order of first
 * appearance would depend on the order of the callbacks, which differs from
 * one run to the next. Policies compare groups only for equality.
 * The weight is the cpu.weight sched_ext reports: ops.cgroup_init() (for
 * every cgroup with the cpu controller, at attach and when one is made) and
 * ops.cgroup_set_weight(), kept in the cgroup's local storage, which the
 * kernel frees with the cgroup. The root cgroup has no cpu.weight: 100. Both
 * are passed with every enqueue; the module uses them only when the task
 * becomes a thread of the policy (its first enqueue), as the semantics fix
 * a thread's inputs at its creation. A cgroup with no storage (none is
 * expected: cgroup_init precedes any task in it) is passed with weight 0,
 * an invalid input that the runtime replaces by the root group and counts
 * (inputs.invalid). Later moves (ops.cgroup_move) and weight changes are
 * reported to the module, which counts them and keeps the thread's inputs.
 *
 * After every callback that runs the policy, the bridge kicks the CPUs the
 * module asks for (prt_scx_next_kick, one CPU per call until -1): the event
 * and the pending reschedules the module delivered with it may give another
 * CPU a pick (an idle one, or one whose thread blocked), carried out only
 * when that CPU dispatches. SCX_KICK_IDLE wakes a CPU that idles (or is
 * inside its dispatch) and leaves a busy one alone: it dispatches when its
 * task stops. A CPU whose running task the policy's `preempt c;` took, and
 * that the view gave another pick, is kicked with SCX_KICK_PREEMPT instead,
 * which ends the running task's slice at once. Any CPU up to nr_cpu_ids can
 * be kicked. Modules cannot call scx_bpf_kick_cpu (a BPF kfunc), hence the
 * question per callback.
 *
 * Built with clang -target bpf against vmlinux.h of the target kernel.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

/* the policy decides preemption at each tick; the slice only bounds a run */
#define SLICE_NS	(20ULL * 1000 * 1000)

/* the policy module's kfuncs */
extern s32 prt_scx_select_cpu(s32 pid, u64 start, s32 prev_cpu) __ksym;
extern s32 prt_scx_enqueue(s32 pid, u64 start, s32 group, s32 group_weight) __ksym;
extern s32 prt_scx_dispatch(s32 cpu, s32 prev_pid, u64 prev_start, bool prev_runnable,
			    u64 *start) __ksym;
extern void prt_scx_dispatch_failed(s32 cpu, s32 pid, u64 start, s32 reason) __ksym;
extern void prt_scx_running(s32 pid, u64 start) __ksym;
extern void prt_scx_stopping(s32 pid, u64 start, bool runnable, u64 slice) __ksym;
extern void prt_scx_quiescent(s32 pid, u64 start) __ksym;
extern bool prt_scx_tick(s32 pid, u64 start) __ksym;
extern s32 prt_scx_next_kick(void) __ksym;
extern s32 prt_scx_attach(void) __ksym;
extern void prt_scx_set_cpumask(s32 pid, u64 start) __ksym;
extern void prt_scx_disable(s32 pid, u64 start) __ksym;
extern void prt_scx_cgroup_move(s32 pid, u64 start) __ksym;
extern void prt_scx_cgroup_set_weight(s32 group, s32 weight) __ksym;

/* the kernel's (CONFIG_EXT_GROUP_SCHED); no extern: checkpatch flags one returning a pointer */
struct cgroup *scx_bpf_task_cgroup(struct task_struct *p) __ksym;
extern void bpf_cgroup_release(struct cgroup *cgrp) __ksym;

enum { F_TASK_GONE, F_NOT_ALLOWED, F_MIGRATION_DISABLED, F_NOT_RUNNABLE };	/* as prt_scx.c's enum fallback */
enum { PRT_SCX_REFUSED = -1, PRT_SCX_QUEUED = -2 };	/* prt_scx_enqueue's answers, as in prt_scx.c */

/* read by the loader */
u64 nr_global;		/* refused tasks put on SCX_DSQ_GLOBAL */
u64 nr_local;		/* tasks inserted on the local DSQ the module chose */
u64 nr_direct;		/* of those, inserted at their enqueue (the settle gave them a CPU) */
u64 nr_fallback;	/* picks that could not be carried out */
u64 nr_in_flight;	/* picks of a task still running elsewhere: deferred */
u64 nr_not_queued;	/* picks of a task that is not runnable */
u64 nr_in_dsq;		/* picks of a task already on a dispatch queue */
u64 nr_pid_reused;	/* picks whose pid another task holds now (the pick exited) */
u64 nr_kick_preempt;	/* CPUs kicked with SCX_KICK_PREEMPT (the policy's preempt c;) */
s32 exit_kind;
bool exit_restart;	/* the kernel asks the loader to attach again (CPU hotplug) */
char exit_reason[128];
char exit_msg[256];
char exit_dump[8192];	/* the kernel's debug dump on an error exit (tasks, DSQs) */
u64 nr_cgroup_init;	/* cgroups whose weight the bridge keeps (ops.cgroup_init) */
u64 nr_cgroup_no_weight;	/* enqueues of a task whose cgroup has no storage */

#define DEFAULT_GROUP_WEIGHT	100	/* cpu.weight's default, and the root's */
#define ENOMEM			12	/* not in vmlinux.h (a macro) */

/* a cgroup's cpu.weight, in its local storage */
struct group {
	u32 weight;
};

struct {
	__uint(type, BPF_MAP_TYPE_CGRP_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct group);
} groups SEC(".maps");

/* The group number of a cgroup other than the root (see the header). */
static __always_inline s32 group_of(struct cgroup *cgrp)
{
	return (s32)(u32)cgrp->kn->id;
}

/*
 * The CPUs the module asks to kick, each kicked once, as it says. The loop
 * is an open-coded iterator (the kernel's bpf_for): bounded by nr_cpu_ids,
 * since the module hands out each CPU at most once per request.
 */
static void kick(void)
{
	struct bpf_iter_num it;
	s32 *i, k;

	/* each CPU the module asks for once: at most nr_cpu_ids of them */
	bpf_iter_num_new(&it, 0, scx_bpf_nr_cpu_ids());
	while ((i = bpf_iter_num_next(&it))) {
		k = prt_scx_next_kick();
		if (k < 0)
			break;
		if (k & 1) {
			scx_bpf_kick_cpu(k >> 1, SCX_KICK_PREEMPT);
			__sync_fetch_and_add(&nr_kick_preempt, 1);
		} else {
			scx_bpf_kick_cpu(k >> 1, SCX_KICK_IDLE);
		}
	}
	bpf_iter_num_destroy(&it);
}

SEC("struct_ops/pol_select_cpu")
s32 BPF_PROG(pol_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	s32 cpu = prt_scx_select_cpu(p->pid, p->start_time, prev_cpu);

	/* a hint the kernel would replace (select_fallback_rq()) if not allowed */
	return cpu >= 0 && bpf_cpumask_test_cpu(cpu, p->cpus_ptr) ? cpu : prev_cpu;
}

/*
 * Inserts p into cpu's local DSQ as the module decided; if p may not run there
 * now (not in its cpumask, or preempted inside migrate_disable() on another
 * CPU), the module is told and p goes to SCX_DSQ_GLOBAL, which respects both.
 */
static __always_inline void insert_on(struct task_struct *p, s32 cpu, u64 enq_flags)
{
	if (!bpf_cpumask_test_cpu(cpu, p->cpus_ptr)) {
		__sync_fetch_and_add(&nr_fallback, 1);
		prt_scx_dispatch_failed(cpu, p->pid, p->start_time, F_NOT_ALLOWED);
		scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SLICE_NS, enq_flags);
	} else if (p->migration_disabled && scx_bpf_task_cpu(p) != cpu) {
		__sync_fetch_and_add(&nr_fallback, 1);
		prt_scx_dispatch_failed(cpu, p->pid, p->start_time, F_MIGRATION_DISABLED);
		scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SLICE_NS, enq_flags);
	} else {
		__sync_fetch_and_add(&nr_local, 1);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL_ON | cpu, SLICE_NS, enq_flags);
	}
}

/*
 * The module queues p in the policy's view; when the settle that follows
 * makes p a core's current (an idle core took it), p is inserted into that
 * CPU's local DSQ at once and the kernel reschedules the CPU: no dispatch
 * round trip. Refused tasks run from SCX_DSQ_GLOBAL.
 */
SEC("struct_ops/pol_enqueue")
void BPF_PROG(pol_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct cgroup *cgrp = scx_bpf_task_cgroup(p);
	s32 group = 0, weight = DEFAULT_GROUP_WEIGHT, cpu;
	struct group *g;

	if (cgrp->level) {
		group = group_of(cgrp);
		g = bpf_cgrp_storage_get(&groups, cgrp, 0, 0);
		if (g) {
			weight = g->weight;
		} else {
			weight = 0;	/* repaired and counted by the runtime */
			__sync_fetch_and_add(&nr_cgroup_no_weight, 1);
		}
	}
	bpf_cgroup_release(cgrp);
	cpu = prt_scx_enqueue(p->pid, p->start_time, group, weight);

	if (cpu == PRT_SCX_REFUSED) {
		__sync_fetch_and_add(&nr_global, 1);
		scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SLICE_NS, enq_flags);
	} else if (cpu >= 0) {
		__sync_fetch_and_add(&nr_direct, 1);
		insert_on(p, cpu, enq_flags);
	}
	kick();
}

static __always_inline void dispatch(s32 cpu, struct task_struct *prev)
{
	bool prev_runnable = prev && (prev->scx.flags & SCX_TASK_QUEUED);
	s32 prev_pid = prev ? prev->pid : 0;
	u64 prev_start = prev ? prev->start_time : 0, start = 0;
	struct task_struct *p;
	s32 pid;

	pid = prt_scx_dispatch(cpu, prev_pid, prev_start, prev_runnable, &start);
	if (pid <= 0)
		return;
	if (prev && prev_runnable && pid == prev_pid && start == prev_start) {
		prev->scx.slice = SLICE_NS;	/* the policy keeps it running */
		return;
	}
	/*
	 * The pid names the pick only if the start time agrees: an exiting
	 * thread frees its pid before sched_ext forgets it, and a new task may
	 * have taken the pid since (prt_threads.h).
	 */
	p = bpf_task_from_pid(pid);
	if (p && p->start_time != start) {
		__sync_fetch_and_add(&nr_pid_reused, 1);
		bpf_task_release(p);
		p = NULL;
	}
	if (!p) {
		__sync_fetch_and_add(&nr_fallback, 1);
		prt_scx_dispatch_failed(cpu, pid, start, F_TASK_GONE);
		return;
	}
	if (scx_bpf_task_running(p)) {
		/*
		 * Still on the CPU it was preempted on (its stopping and enqueue
		 * have not happened yet): inserting it would be ignored and
		 * sched_ext would call dispatch again at once. The CPU waits for
		 * the task's enqueue: the module then marks the CPU to be kicked.
		 */
		__sync_fetch_and_add(&nr_in_flight, 1);
		bpf_task_release(p);
		return;
	}
	if (!(p->scx.flags & SCX_TASK_QUEUED)) {
		/* not runnable: the view lags a sleep; the module parks it */
		__sync_fetch_and_add(&nr_not_queued, 1);
		prt_scx_dispatch_failed(cpu, pid, start, F_NOT_RUNNABLE);
		bpf_task_release(p);
		return;
	}
	if (p->scx.dsq) {
		/* already on a dispatch queue: inserting it again would be ignored */
		__sync_fetch_and_add(&nr_in_dsq, 1);
		bpf_task_release(p);
		return;
	}
	insert_on(p, cpu, 0);
	bpf_task_release(p);
	if (prev && prev_runnable)
		prev->scx.slice = 0;	/* prev goes back through enqueue */
}

SEC("struct_ops/pol_dispatch")
void BPF_PROG(pol_dispatch, s32 cpu, struct task_struct *prev)
{
	dispatch(cpu, prev);
	kick();
}

SEC("struct_ops/pol_running")
void BPF_PROG(pol_running, struct task_struct *p)
{
	prt_scx_running(p->pid, p->start_time);
	kick();
}

SEC("struct_ops/pol_stopping")
void BPF_PROG(pol_stopping, struct task_struct *p, bool runnable)
{
	prt_scx_stopping(p->pid, p->start_time, runnable, p->scx.slice);
	kick();
}

SEC("struct_ops/pol_quiescent")
void BPF_PROG(pol_quiescent, struct task_struct *p, u64 deq_flags)
{
	prt_scx_quiescent(p->pid, p->start_time);
	kick();
}

SEC("struct_ops/pol_tick")
void BPF_PROG(pol_tick, struct task_struct *p)
{
	if (prt_scx_tick(p->pid, p->start_time))
		p->scx.slice = 0;	/* the policy preempted it */
	kick();
}

/*
 * The kernel calls this with p->cpus_ptr already changed; the module reads it
 * from the task (the cpumask argument is that same mask).
 */
SEC("struct_ops/pol_set_cpumask")
void BPF_PROG(pol_set_cpumask, struct task_struct *p, const struct cpumask *cpumask)
{
	prt_scx_set_cpumask(p->pid, p->start_time);
	kick();
}

SEC("struct_ops/pol_disable")
void BPF_PROG(pol_disable, struct task_struct *p)
{
	prt_scx_disable(p->pid, p->start_time);
	/* no kick here (also run at detach): the next callback kicks what it marked */
}

SEC("struct_ops.s/pol_cgroup_init")
s32 BPF_PROG(pol_cgroup_init, struct cgroup *cgrp, struct scx_cgroup_init_args *args)
{
	struct group *g;

	g = bpf_cgrp_storage_get(&groups, cgrp, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!g)
		return -ENOMEM;	/* the kernel refuses the cgroup, or the attach */
	g->weight = args->weight;
	__sync_fetch_and_add(&nr_cgroup_init, 1);
	return 0;
}

SEC("struct_ops/pol_cgroup_set_weight")
void BPF_PROG(pol_cgroup_set_weight, struct cgroup *cgrp, u32 weight)
{
	struct group *g = bpf_cgrp_storage_get(&groups, cgrp, 0, 0);

	if (g)
		g->weight = weight;
	prt_scx_cgroup_set_weight(cgrp->level ? group_of(cgrp) : 0, weight);
}

/* p keeps the group it was created in (the module counts the move) */
SEC("struct_ops/pol_cgroup_move")
void BPF_PROG(pol_cgroup_move, struct task_struct *p, struct cgroup *from, struct cgroup *to)
{
	prt_scx_cgroup_move(p->pid, p->start_time);
}

/* the module makes its view afresh for the CPUs online now */
SEC("struct_ops.s/pol_init")
s32 BPF_PROG(pol_init)
{
	return prt_scx_attach();
}

SEC("struct_ops/pol_exit")
void BPF_PROG(pol_exit, struct scx_exit_info *ei)
{
	exit_restart = !!(ei->exit_code & SCX_ECODE_ACT_RESTART);
	bpf_probe_read_kernel_str(exit_reason, sizeof(exit_reason), ei->reason);
	bpf_probe_read_kernel_str(exit_msg, sizeof(exit_msg), ei->msg);
	if (ei->dump)
		bpf_probe_read_kernel_str(exit_dump, sizeof(exit_dump), ei->dump);
	exit_kind = ei->kind;
}

SEC(".struct_ops.link")
struct sched_ext_ops pol_ops = {
	.select_cpu	= (void *)pol_select_cpu,
	.enqueue	= (void *)pol_enqueue,
	.dispatch	= (void *)pol_dispatch,
	.running	= (void *)pol_running,
	.stopping	= (void *)pol_stopping,
	.quiescent	= (void *)pol_quiescent,
	.tick		= (void *)pol_tick,
	.set_cpumask	= (void *)pol_set_cpumask,
	.disable	= (void *)pol_disable,
	.cgroup_init	= (void *)pol_cgroup_init,
	.cgroup_set_weight	= (void *)pol_cgroup_set_weight,
	.cgroup_move	= (void *)pol_cgroup_move,
	.init		= (void *)pol_init,
	.exit		= (void *)pol_exit,
	.flags		= SCX_OPS_ENQ_LAST | SCX_OPS_ENQ_MIGRATION_DISABLED,
	.timeout_ms	= 10000,
	.exit_dump_len	= 8192,
	.name		= "prt-policy-name-placeholder",	/* set by bridge.c */
};
