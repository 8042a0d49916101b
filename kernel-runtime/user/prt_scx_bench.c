// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, userspace: the cost of the sched_ext host's callbacks
 * (scripts/bench-host.sh builds and runs it).
 *
 *   bench-host CPUS [THREADS_PER_CPU [STEPS [SEED]]]     defaults: 16 300000 1
 *
 * The host's own code, scx/prt_scx.c, is compiled into this file unchanged
 * (user/prt_scx_user.h stands in for the kernel), with the generated policy.
 * One thread plays the kernel on every CPU in turn and calls the host's
 * kfuncs in the order sched_ext calls the bridge's callbacks:
 *
 *   tick          tick(p) on a CPU running p; when the policy preempts p,
 *                 the switch below
 *   block         stopping(p, false), quiescent(p), then the switch
 *   wakeup        select_cpu(s) and enqueue(s) on a random busy CPU
 *   switch on c   dispatch(c, prev), stopping(prev) and enqueue(prev) if it
 *                 is still runnable, running(next)
 *   kicks         after each callback, the CPUs the host asks to kick:
 *                 SCX_KICK_PREEMPT ends the running task's slice (a switch),
 *                 SCX_KICK_IDLE makes an idle CPU dispatch
 *
 * THREADS_PER_CPU x CPUS tasks are started and kept about 15/16 runnable.
 * Time advances 1/HZ (4 ms) per CPUS ticks, so each CPU ticks about every
 * 4 ms, as a loaded machine at HZ=250 does, and the policy's periodic
 * balancing comes due at its own period.
 *
 * Each call is timed alone with CLOCK_MONOTONIC and the median cost of an
 * empty measurement subtracted. A callback that ran a balance (the host's
 * balance counter moved) is a balance sample, timed in the thread's CPU time
 * (see TIMED()); every other is a callback sample. Prints one line:
 *
 *   host NAME cpus=N callback_p50_ns=.. callback_p99_ns=.. balance_p50_ns=..
 *   balance_max_ns=.. callbacks=.. balances=..
 *
 * and, on stderr, the median of each kind of callback (select_cpu, enqueue,
 * dispatch, running, stopping, quiescent, tick), the balances' tail, and the
 * host's counters (kicks, faults, forced moves), so a run in which the model
 * lost its way shows it.
 */
#define _GNU_SOURCE
#include <time.h>
#include "prt_scx_user.h"

s32 prt_user_cpu;
u64 prt_user_now;
unsigned int nr_cpu_ids;
struct pid_namespace init_pid_ns;

static struct task_struct *tasks;	/* by pid - 1 */
static s32 nr_tasks;

struct task_struct *prt_user_task(int pid)
{
	return pid >= 1 && pid <= nr_tasks ? &tasks[pid - 1] : NULL;
}

#include "../scx/prt_scx.c"

/*
 * prt_kernel.c's functions, for nice-0 tasks that may run anywhere on a
 * machine shaped as a large server: SMT pairs, 16 CPUs per last-level
 * cache, 128 per NUMA node (each as far as the CPUs go).
 */
static unsigned long *all_cpus;

void prt_kernel_set_topology(struct prt_machine *m, const s32 *cpu_of_core)
{
	s32 c, cpu;

	for (c = 0; c < m->nr_cores; c++) {
		cpu = cpu_of_core ? cpu_of_core[c] : c;
		m->group[PRT_SMT][c] = cpu / 2;
		m->group[PRT_LLC][c] = cpu / 16;
		m->group[PRT_NUMA][c] = cpu / 128;
		m->group[PRT_MACHINE][c] = 0;
	}
}

void prt_kernel_set_capacities(struct prt_machine *m, const s32 *cpu_of_core)
{
}

const unsigned long *prt_kernel_affinity(const struct task_struct *p)
{
	return all_cpus;
}

void prt_kernel_thread_in(const struct task_struct *p, struct prt_thread_in *in)
{
	memset(in, 0, sizeof(*in));
	in->affinity = all_cpus;
}

void prt_kernel_debugfs_state(struct dentry *dir, struct prt_machine *const *m,
			      struct mutex *mutex)
{
}

void prt_kernel_snapshot(struct prt_kernel_snapshot *snap,
			 const struct prt_machine *m,
			 const struct prt_threads *t, const char *host, bool run)
{
}

void prt_kernel_show_head(struct seq_file *s, const struct prt_kernel_snapshot *snap)
{
}

void prt_kernel_show_tail(struct seq_file *s, const struct prt_kernel_snapshot *snap)
{
}

/* ---------------------------------------------------------------- the kernel's side */

#define TICK_NS		4000000ULL	/* HZ=250 */

static s32 *cur;		/* the pid each CPU runs, 0 when idle */
static bool *asleep;		/* by pid - 1 */
static s32 *sleepers, nr_sleepers;	/* the pids asleep */
static s32 *last_cpu;		/* by pid - 1 */
/* the callbacks timed, for the medians per kind on stderr */
enum kind { K_SELECT_CPU, K_ENQUEUE, K_DISPATCH, K_RUNNING, K_STOPPING, K_QUIESCENT, K_TICK, K_NR };
static const char * const kind_names[K_NR] = {
	"select_cpu", "enqueue", "dispatch", "running", "stopping", "quiescent", "tick"
};

static u64 *cb_ns, *bal_ns;
static u8 *cb_kind;	/* the kind of each callback sample */
static long nr_cb, nr_bal, cap_cb, cap_bal;
static u64 overhead, cpu_overhead;	/* of an empty measurement */

static u64 seed = 88172645463325252ULL;

static u32 next_random(void)
{
	return prt_user_random(&seed);
}

static inline u64 clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static inline u64 cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

/*
 * Whether a callback on cpu now may run its periodic steal (the thread's CPU
 * time is read only then: a system call between two callbacks would evict
 * the host's data from the cache and inflate the next one).
 */
static bool balance_due(s32 cpu)
{
	return prt_user_now >= cpus[cpu].next_balance;
}

static u64 balances(void)
{
	return st.balances;
}

/*
 * Times one callback: CALL runs as CPU cpu. Wall-clock time for the callback
 * samples; a balance is also timed in the thread's CPU time, which is the
 * sample kept: on a loaded machine a balance of tens of microseconds is
 * often preempted, and its wall time then measures the machine, not the host.
 */
#define TIMED(kind, cpu, call) ({						\
	bool due_ = balance_due(cpu);					\
	u64 b0 = balances(), t0, t1, c0 = 0, c1 = 0;			\
	prt_user_cpu = (cpu);						\
	if (due_)							\
		c0 = cpu_ns();						\
	t0 = clock_ns();						\
	__auto_type r_ = (call);					\
	t1 = clock_ns();						\
	if (due_)							\
		c1 = cpu_ns();						\
	record(kind, t1 - t0, due_ ? c1 - c0 : t1 - t0, balances() != b0); \
	r_;								\
})

static void record(enum kind kind, u64 ns, u64 cpu_time, bool balance)
{
	if (balance && nr_bal < cap_bal)
		bal_ns[nr_bal++] = cpu_time > cpu_overhead ? cpu_time - cpu_overhead : 0;
	else if (!balance && nr_cb < cap_cb) {
		cb_kind[nr_cb] = kind;
		cb_ns[nr_cb++] = ns > overhead ? ns - overhead : 0;
	}
}

/* The start time the host names task pid with, beside its pid. */
static u64 start_of(s32 pid)
{
	return tasks[pid - 1].start_time;
}

static int v_stopping(s32 pid, bool runnable, u64 slice)
{
	prt_scx_stopping(pid, start_of(pid), runnable, slice);
	return 0;
}

static int v_quiescent(s32 pid)
{
	prt_scx_quiescent(pid, start_of(pid));
	return 0;
}

static int v_running(s32 pid)
{
	prt_scx_running(pid, start_of(pid));
	return 0;
}

static void kicks(void);

/* What CPU c runs next: the bridge's dispatch, then running(next). */
static void switch_on(s32 c)
{
	s32 prev = cur[c], pid;
	bool runnable = prev && !asleep[prev - 1];
	u64 start = 0;

	pid = TIMED(K_DISPATCH, c, prt_scx_dispatch(c, prev, prev ? start_of(prev) : 0, runnable, &start));
	if (pid > 0 && pid == prev)
		return;		/* kept */
	if (prev && runnable) {
		TIMED(K_STOPPING, c, v_stopping(prev, true, 0));
		TIMED(K_ENQUEUE, c, prt_scx_enqueue(prev, start_of(prev), 0, 100));
	}
	cur[c] = 0;
	if (pid > 0 && !asleep[pid - 1]) {
		/* a pick running elsewhere waits for its own stop, as the bridge */
		s32 d;

		for (d = 0; d < (s32)nr_cpu_ids; d++)
			if (cur[d] == pid)
				return;
		cur[c] = pid;
		last_cpu[pid - 1] = c;
		TIMED(K_RUNNING, c, v_running(pid));
	}
}

/* The CPUs the host asked to kick since the last callback, as the bridge kicks them. */
static void kicks(void)
{
	s32 k, c;

	while ((k = prt_scx_next_kick()) >= 0) {
		c = k / 2;
		if (k & 1)
			switch_on(c);		/* SCX_KICK_PREEMPT */
		else if (!cur[c])
			switch_on(c);		/* SCX_KICK_IDLE wakes an idle CPU */
	}
}

static void tick(s32 c)
{
	if (TIMED(K_TICK, c, prt_scx_tick(cur[c], cur[c] ? start_of(cur[c]) : 0)))
		switch_on(c);
	kicks();
}

static void block(s32 c)
{
	s32 pid = cur[c];

	asleep[pid - 1] = true;
	sleepers[nr_sleepers++] = pid;
	TIMED(K_STOPPING, c, v_stopping(pid, false, 1));
	TIMED(K_QUIESCENT, c, v_quiescent(pid));
	kicks();
	switch_on(c);
	kicks();
}

static void wake(s32 c)
{
	s32 i = next_random() % nr_sleepers, pid = sleepers[i], cpu;

	sleepers[i] = sleepers[--nr_sleepers];
	asleep[pid - 1] = false;
	TIMED(K_SELECT_CPU, c, prt_scx_select_cpu(pid, start_of(pid), last_cpu[pid - 1]));
	cpu = TIMED(K_ENQUEUE, c, prt_scx_enqueue(pid, start_of(pid), 0, 100));
	if (cpu >= 0 && cpu < (s32)nr_cpu_ids && !cur[cpu]) {
		cur[cpu] = pid;
		last_cpu[pid - 1] = cpu;
		TIMED(K_RUNNING, cpu, v_running(pid));
	}
	kicks();
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 quantile(u64 *v, long n, double q)
{
	return n ? v[(long)(q * (double)(n - 1))] : 0;
}

/* The median of an empty measurement of each clock, as TIMED() nests them. */
static void measure_overhead(void)
{
	u64 v[1001], w[1001];
	int i;

	for (i = 0; i < 1001; i++) {
		u64 c0 = cpu_ns(), t0 = clock_ns(), t1 = clock_ns();

		w[i] = cpu_ns() - c0;
		v[i] = t1 - t0;
	}
	qsort(v, 1001, sizeof(*v), cmp_u64);
	qsort(w, 1001, sizeof(*w), cmp_u64);
	overhead = v[500];
	cpu_overhead = w[500];
}

/* On stderr, the median and the count of each kind of callback sample. */
static void print_kind_medians(void)
{
	u64 *v = malloc((nr_cb ? nr_cb : 1) * sizeof(*v));
	long i, n;
	int k;

	fprintf(stderr, "callback p50 by kind:");
	for (k = 0; k < K_NR; k++) {
		for (i = n = 0; i < nr_cb; i++)
			if (cb_kind[i] == k)
				v[n++] = cb_ns[i];
		qsort(v, n, sizeof(*v), cmp_u64);
		fprintf(stderr, " %s %llu (%ld)", kind_names[k],
			(unsigned long long)quantile(v, n, 0.5), n);
	}
	fprintf(stderr, " ns\n");
	free(v);
}

int main(int argc, char **argv)
{
	long cpus = argc > 1 ? atol(argv[1]) : 0;
	long per_cpu = argc > 2 ? atol(argv[2]) : 16;
	long steps = argc > 3 ? atol(argv[3]) : 300000, s;
	s32 c, i, busy;

	if (argc > 4)
		seed = strtoull(argv[4], NULL, 10) | 1;
	if (cpus < 1 || cpus > 8192 || per_cpu < 1 || steps < 1) {
		fprintf(stderr, "usage: bench-host CPUS [THREADS_PER_CPU [STEPS [SEED]]]\n");
		return 2;
	}
	nr_cpu_ids = (unsigned int)cpus;
	nr_tasks = (s32)(cpus * per_cpu);
	max_threads = nr_tasks;
	tasks = calloc(nr_tasks, sizeof(*tasks));
	asleep = calloc(nr_tasks, sizeof(*asleep));
	sleepers = calloc(nr_tasks, sizeof(*sleepers));
	last_cpu = calloc(nr_tasks, sizeof(*last_cpu));
	cur = calloc(cpus, sizeof(*cur));
	all_cpus = calloc(BITS_TO_LONGS(cpus), sizeof(long));
	cap_cb = 16 * steps;
	cap_bal = steps;
	cb_ns = malloc(cap_cb * sizeof(*cb_ns));
	cb_kind = malloc(cap_cb * sizeof(*cb_kind));
	bal_ns = malloc(cap_bal * sizeof(*bal_ns));
	for (c = 0; c < cpus; c++)
		all_cpus[c / BITS_PER_LONG] |= 1UL << (c % BITS_PER_LONG);
	for (i = 0; i < nr_tasks; i++) {
		tasks[i].pid = i + 1;
		tasks[i].start_time = 1000 * (u64)(i + 1);	/* any, one per task */
		tasks[i].nr_cpus_allowed = (int)cpus;
		last_cpu[i] = i % cpus;
	}
	if (prt_user_module_init() || prt_scx_attach())
		return 1;
	prt_user_now = 1;
	/* every task starts (its first enqueue), from a CPU of its own */
	for (i = 0; i < nr_tasks; i++) {
		prt_user_cpu = i % cpus;
		c = prt_scx_enqueue(i + 1, start_of(i + 1), 0, 100);
		if (c >= 0 && c < cpus && !cur[c]) {
			cur[c] = i + 1;
			prt_user_cpu = c;
			prt_scx_running(i + 1, start_of(i + 1));
		}
		kicks();
	}
	for (c = 0; c < cpus; c++)
		if (!cur[c])
			switch_on(c);
	nr_cb = nr_bal = 0;
	measure_overhead();

	for (s = 0; s < steps; s++) {
		u32 r = next_random() % 100;

		c = next_random() % cpus;
		for (busy = 0; !cur[c] && busy < cpus; busy++)
			c = (c + 1) % cpus;
		prt_user_now += TICK_NS / cpus;
		if (!cur[c])
			switch_on(c);	/* every CPU idle: the idle loop */
		else if (r < 8 && nr_sleepers < nr_tasks / 16)
			block(c);
		else if (r < 16 && nr_sleepers)
			wake(c);
		else
			tick(c);
	}
	print_kind_medians();
	qsort(cb_ns, nr_cb, sizeof(*cb_ns), cmp_u64);
	qsort(bal_ns, nr_bal, sizeof(*bal_ns), cmp_u64);
	printf("host %s cpus=%ld callback_p50_ns=%llu callback_p99_ns=%llu balance_p50_ns=%llu balance_max_ns=%llu callbacks=%ld balances=%ld\n",
	       prt_this_policy.name, cpus,
	       (unsigned long long)quantile(cb_ns, nr_cb, 0.5),
	       (unsigned long long)quantile(cb_ns, nr_cb, 0.99),
	       (unsigned long long)quantile(bal_ns, nr_bal, 0.5),
	       (unsigned long long)(nr_bal ? bal_ns[nr_bal - 1] : 0), nr_cb, nr_bal);
	fprintf(stderr, "balance p90 %llu p99 %llu p99.9 %llu ns; callback p99.9 %llu ns\n",
		(unsigned long long)quantile(bal_ns, nr_bal, 0.9),
		(unsigned long long)quantile(bal_ns, nr_bal, 0.99),
		(unsigned long long)quantile(bal_ns, nr_bal, 0.999),
		(unsigned long long)quantile(cb_ns, nr_cb, 0.999));
	fprintf(stderr, "running=%d fault=%s kicks=%llu kicks_preempt=%llu forced=%llu picked=%llu kept=%llu idle=%llu\n",
		running, view->faulted ? view->fault_msg : "none",
		(unsigned long long)st.kicks, (unsigned long long)st.kicks_preempt,
		(unsigned long long)st.forced, (unsigned long long)st.picked,
		(unsigned long long)st.kept, (unsigned long long)st.idle);
	return running ? 0 : 1;
}
