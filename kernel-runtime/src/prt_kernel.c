// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime: what the two kernel hosts share (see prt_kernel.h).
 * Kernel only: the userspace host has neither debugfs nor a topology to read.
 */
#include <linux/topology.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/sched/topology.h>
#include <linux/mutex.h>
#include <uapi/linux/sched.h>
#include "prt_kernel.h"

/* The CPU of core c: cpu_of_core[c], or c itself when there is no map. */
static s32 cpu_of(const s32 *cpu_of_core, s32 c)
{
	return cpu_of_core ? cpu_of_core[c] : c;
}

void prt_kernel_set_topology(struct prt_machine *m, const s32 *cpu_of_core)
{
	s32 c, cpu;

	for (c = 0; c < m->nr_cores; c++) {
		bool possible;

		cpu = cpu_of(cpu_of_core, c);
		possible = cpu_possible(cpu);
		/* a group is named by its first CPU: the same for all its cores */
		m->group[PRT_SMT][c] = possible ?
			cpumask_first(topology_sibling_cpumask(cpu)) : cpu;
		/* the package stands for the last-level cache here */
		m->group[PRT_LLC][c] = possible ?
			cpumask_first(topology_core_cpumask(cpu)) : cpu;
		m->group[PRT_NUMA][c] = possible ? cpu_to_node(cpu) : 0;
		m->group[PRT_MACHINE][c] = 0;
	}
}

void prt_kernel_set_capacities(struct prt_machine *m, const s32 *cpu_of_core)
{
	s32 c, cpu;

	for (c = 0; c < m->nr_cores; c++) {
		cpu = cpu_of(cpu_of_core, c);
		if (cpu_possible(cpu))
			prt_set_core_capacity(m, c, arch_scale_cpu_capacity(cpu));
	}
}

void prt_kernel_thread_in(const struct task_struct *p,
			  struct prt_thread_in *in)
{
	in->nice = task_nice(p);
	if (p->policy == SCHED_DEADLINE) {
		in->runtime = p->dl.dl_runtime;
		in->deadline = p->dl.dl_deadline;
		in->period = p->dl.dl_period;
	} else {
		in->runtime = 0;
		in->deadline = 0;
		in->period = 0;
	}
	/*
	 * The task's cgroup and its cpu.weight live in the scheduler's private
	 * struct task_group, which a module cannot read: the root group here.
	 * The sched_ext host replaces it by what its bridge reads through
	 * sched_ext (prt_scx.c, "Groups"); the monitor host keeps it.
	 */
	in->group = 0;
	in->group_weight = PRT_DEFAULT_GROUP_WEIGHT;
	in->affinity = prt_kernel_affinity(p);
}

const unsigned long *prt_kernel_affinity(const struct task_struct *p)
{
	if (p->migration_disabled)
		return cpumask_bits(cpumask_of(task_cpu(p)));
	return cpumask_bits(p->cpus_ptr);
}

static void seq_print(void *out, const char *text)
{
	seq_puts(out, text);
}

/* The file's private data: the host's machine pointer and its mutex. */
struct state_file {
	struct prt_machine *const *m;
	struct mutex *mutex;
};

static int state_show(struct seq_file *s, void *unused)
{
	const struct state_file *f = s->private;
	unsigned long flags;

	if (f->mutex)
		mutex_lock(f->mutex);
	raw_spin_lock_irqsave(&(*f->m)->lock, flags);
	prt_dump(*f->m, seq_print, s);
	raw_spin_unlock_irqrestore(&(*f->m)->lock, flags);
	if (f->mutex)
		mutex_unlock(f->mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

void prt_kernel_debugfs_state(struct dentry *dir, struct prt_machine *const *m,
			      struct mutex *mutex)
{
	static struct state_file file;	/* one host per module */

	file.m = m;
	file.mutex = mutex;
	debugfs_create_file("state", 0444, dir, &file, &state_fops);
}

void prt_kernel_snapshot(struct prt_kernel_snapshot *snap,
			 const struct prt_machine *m,
			 const struct prt_threads *threads, const char *host,
			 bool running)
{
	snap->policy = m->policy->name;
	snap->host = host;
	snap->running = running;
	snap->stats = m->stats;
	snap->faulted = m->faulted;
	snap->fault_line = m->fault_line;
	memcpy(snap->fault_msg, m->fault_msg, sizeof(snap->fault_msg));
	snap->tracked = prt_threads_used(threads);
}

void prt_kernel_show_head(struct seq_file *s,
			  const struct prt_kernel_snapshot *snap)
{
	int i;

	seq_printf(s, "policy %s\nhost %s\nrunning %d\n", snap->policy,
		   snap->host, snap->running);
	for (i = 0; i < PRT_NR_EVENTS; i++)
		seq_printf(s, "events.%s %llu\n", prt_event_name(i),
			   snap->stats.events[i]);
	seq_printf(s, "moves %llu\nstolen %llu\ninputs.invalid %llu\n",
		   snap->stats.moves, snap->stats.stolen,
		   snap->stats.bad_inputs);
}

void prt_kernel_show_tail(struct seq_file *s,
			  const struct prt_kernel_snapshot *snap)
{
	seq_printf(s, "threads.tracked %d\n", snap->tracked);
	if (snap->faulted)
		seq_printf(s, "fault line %d: %s\n", snap->fault_line,
			   snap->fault_msg);
}
