// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, userspace host: nanoseconds per event of a generated
 * policy (kernel-runtime/scripts/bench.sh builds and runs it).
 *
 *   bench [cores [threads [samples]]]      defaults: 64 1000 200000
 *
 * Starts `threads` threads on `cores` cores and settles them, then times
 * single events on that loaded machine: schedule (on a core whose thread
 * just yielded), tick, unblock (of a thread that just blocked) and balance.
 * The work that puts the machine back in shape between two timed events is
 * not timed. Each event is timed alone with CLOCK_MONOTONIC; the median cost
 * of an empty measurement is subtracted. Prints median, p90 and mean.
 */
#define _GNU_SOURCE
#include <time.h>
#include "prt.h"

static inline u64 clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 overhead;

static void report(const char *event, u64 *ns, int n)
{
	double sum = 0;
	int i;

	qsort(ns, n, sizeof(*ns), cmp_u64);
	for (i = 0; i < n; i++)
		sum += (double)ns[i];
	printf("%-9s median %5llu ns   p90 %5llu ns   mean %7.1f ns   (%d samples)\n",
	       event,
	       (unsigned long long)(ns[n / 2] > overhead ? ns[n / 2] - overhead : 0),
	       (unsigned long long)(ns[n * 9 / 10] > overhead ?
				    ns[n * 9 / 10] - overhead : 0),
	       sum / n - (double)overhead, n);
}

static u64 seed = 88172645463325252ULL;

static u32 next_random(void)
{
	return prt_user_random(&seed);
}

static struct prt_machine m;

static void check(int r, const char *what)
{
	if (r == PRT_FAULT) {
		fprintf(stderr, "policy fault during %s: line %d: %s\n", what,
			m.fault_line, m.fault_msg);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	int cores = argc > 1 ? atoi(argv[1]) : 64;
	int threads = argc > 2 ? atoi(argv[2]) : 1000;
	int samples = argc > 3 ? atoi(argv[3]) : 200000;
	u64 *ns = calloc(samples, sizeof(u64));
	int i, n, t;

	if (!ns || prt_machine_init(&m, &prt_this_policy, cores, threads)) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	prt_topology_sizes(&m, 2, 8, 32);
	prt_machine_start(&m);
	check(prt_boot(&m), "boot");
	m.now = 1000;
	for (t = 0; t < threads; t++) {
		check(prt_new(&m, t % cores, t, NULL), "new");
		check(prt_complete(&m, t % cores), "complete");
		m.now += 1000;
	}
	check(prt_reschedule_all(&m), "reschedule");

	for (i = 0; i < samples; i++) {
		u64 a = clock_ns();

		ns[i] = clock_ns() - a;
	}
	qsort(ns, samples, sizeof(*ns), cmp_u64);
	overhead = ns[samples / 2];
	printf("policy %s, %d cores, %d threads; timer overhead %llu ns subtracted\n",
	       prt_this_policy.name, cores, threads, (unsigned long long)overhead);

	/* schedule: a core's thread yields (untimed), then the core schedules */
	for (i = 0, n = 0; i < samples; i++) {
		int c = next_random() % cores;
		u64 a;

		m.now += 250000;
		if (prt_current(&m, c) == PRT_NONE)
			check(prt_settle_core(&m, c), "settle");
		if (prt_yield(&m, c) != PRT_OK)
			continue;
		a = clock_ns();
		check(prt_schedule(&m, c), "schedule");
		ns[n++] = clock_ns() - a;
		check(prt_settle_core(&m, c), "settle");
	}
	report("schedule", ns, n);

	/* tick: on a core that runs a thread */
	for (i = 0, n = 0; i < samples; i++) {
		int c = next_random() % cores;
		u64 a;

		m.now += 250000;
		if (prt_current(&m, c) == PRT_NONE) {
			check(prt_settle_core(&m, c), "settle");
			continue;
		}
		a = clock_ns();
		check(prt_tick(&m, c), "tick");
		ns[n++] = clock_ns() - a;
		check(prt_settle_core(&m, c), "settle");
	}
	report("tick", ns, n);

	/* unblock: a thread blocks (untimed), then it is woken */
	for (i = 0, n = 0; i < samples; i++) {
		int c = next_random() % cores;
		s64 victim = prt_current(&m, c);
		u64 a;

		m.now += 250000;
		if (victim == PRT_NONE || prt_block(&m, c) != PRT_OK) {
			check(prt_settle_core(&m, c), "settle");
			continue;
		}
		check(prt_settle_core(&m, c), "settle");
		a = clock_ns();
		check(prt_unblock(&m, next_random() % cores, (s32)victim), "unblock");
		ns[n++] = clock_ns() - a;
	}
	report("unblock", ns, n);

	/* balance: the periodic steal on a random core */
	for (i = 0, n = 0; i < samples / 10; i++) {
		int c = next_random() % cores;
		u64 a;

		m.now += 250000;
		a = clock_ns();
		check(prt_balance(&m, c) < 0 ? PRT_FAULT : PRT_OK, "balance");
		ns[n++] = clock_ns() - a;
		check(prt_complete(&m, c), "complete");
		check(prt_reschedule_all(&m), "reschedule");
	}
	report("balance", ns, n);
	prt_machine_free(&m);
	free(ns);
	return 0;
}
