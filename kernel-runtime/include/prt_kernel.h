/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime: what the two kernel hosts share.
 *
 * Both hosts (kmod/prt_monitor.c beside the kernel's scheduler, scx/prt_scx.c
 * as the real scheduler through sched_ext) hold one struct prt_machine for
 * the policy and show it the same way: the machine's topology read from the
 * kernel's, a debugfs "state" file with the machine's dump, and a "stats"
 * file whose common lines (policy, host, running, events, moves, threads,
 * fault) come from here, followed by what each host counts itself.
 *
 * Locking: the hosts guard the machine with machine->lock (a raw spinlock,
 * interrupts off). prt_kernel_snapshot() is called with it held; the other
 * functions take it themselves where they read the machine, and print only
 * after releasing it.
 */
#ifndef PRT_KERNEL_H
#define PRT_KERNEL_H

#ifdef __KERNEL__
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#endif
#include "prt.h"
#include "prt_threads.h"

struct mutex;

/* What the common stats lines show, copied under machine->lock. */
struct prt_kernel_snapshot {
	const char *policy;
	const char *host;	/* "monitor" or "scx" */
	bool running;		/* the policy runs: no fault yet */
	struct prt_stats stats;
	bool faulted;
	int fault_line;
	char fault_msg[sizeof_field(struct prt_machine, fault_msg)];
	int tracked;		/* threads in the policy's view */
};

/*
 * Sets the machine's core groups from the kernel's topology: SMT siblings,
 * the package (standing for the last-level cache), the NUMA node, and the
 * whole machine. Core c is CPU cpu_of_core[c] (NULL: core c is CPU c). CPUs
 * that are not possible form groups of their own.
 */
void prt_kernel_set_topology(struct prt_machine *m, const s32 *cpu_of_core);

/*
 * Sets each core's capacity input (core c is CPU cpu_of_core[c], or c) from
 * the kernel's arch_scale_cpu_capacity() (SCHED_CAPACITY_SCALE, 1024, for
 * the fastest CPUs and on machines whose CPUs are all alike). Call before
 * prt_machine_start().
 */
void prt_kernel_set_capacities(struct prt_machine *m, const s32 *cpu_of_core);

/*
 * A task's inputs, read from its task_struct: nice from task_nice(p); for a
 * SCHED_DEADLINE task (p->policy) runtime, deadline and period from p->dl
 * (dl_runtime, dl_deadline, dl_period), else 0; the root group (group 0,
 * weight 100: a module cannot read the task's cgroup; the sched_ext host
 * then sets the group its bridge passes); its affinity from
 * prt_kernel_affinity(). in->affinity then points into the task (or to a
 * constant mask): use it while p's affinity cannot change, under p's
 * runqueue lock or p->pi_lock, as both hosts' callers are.
 */
void prt_kernel_thread_in(const struct task_struct *p,
			  struct prt_thread_in *in);

/*
 * The cores task p may run on now, as a cpumask's bits (CPU c is core c):
 * p->cpus_ptr, the mask the kernel enforces (sched_setaffinity(), cpusets,
 * a per-CPU kernel thread's single CPU, and the single CPU a task preempted
 * inside migrate_disable() is pinned to once it has been switched out);
 * except that a task whose migration is disabled is pinned to the CPU it is
 * on even before the kernel narrows p->cpus_ptr (sched_ext enqueues such a
 * task before __schedule() calls migrate_disable_switch(), and refuses to
 * move it: task_can_run_on_remote_rq()). Stable under p's runqueue lock or
 * p->pi_lock.
 */
const unsigned long *prt_kernel_affinity(const struct task_struct *p);

/*
 * Creates DIR/state: prt_dump() of the machine *m, taken under its lock and,
 * unless NULL, under mutex (a host that replaces its machine holds it then).
 */
void prt_kernel_debugfs_state(struct dentry *dir, struct prt_machine *const *m,
			      struct mutex *mutex);

/* Fills @snap from the machine; call with m->lock held. */
void prt_kernel_snapshot(struct prt_kernel_snapshot *snap,
			 const struct prt_machine *m,
			 const struct prt_threads *threads, const char *host,
			 bool running);

/* The first lines of a stats file: policy, host, running, events, moves. */
void prt_kernel_show_head(struct seq_file *s,
			  const struct prt_kernel_snapshot *snap);

/* The last lines of a stats file: threads.tracked and the fault, if any. */
void prt_kernel_show_tail(struct seq_file *s,
			  const struct prt_kernel_snapshot *snap);

#endif /* PRT_KERNEL_H */
