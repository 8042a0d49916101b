// SPDX-License-Identifier: GPL-2.0
/*
 * A mixed workload for the QEMU tests: for about DURATION_MS, WORKERS processes
 * spin, sleep, yield and wake each other through pipes, and short-lived
 * children are forked and exit, so that every scheduler event happens.
 *
 *   workload WORKERS DURATION_MS [PIN_CPU]
 *   workload spin DURATION_MS [OUTSIDE_MS]
 *   workload burn DURATION_MS
 *
 * With PIN_CPU, worker 0 first pins itself to that CPU (sched_setaffinity()),
 * then asks sched_getcpu() after each of its steps where it runs, and prints
 * "pinned CPU samples N elsewhere M": M steps found it on another CPU.
 *
 * spin: one process spins for DURATION_MS while others change its affinity
 * (taskset -p). Each sample reads its affinity, its CPU, and its affinity
 * again. sched_setaffinity() changes the mask first and moves the task
 * after (the kernel's stopper preempts it), so a task may read its new mask
 * while still on a CPU the mask leaves out: that is a transient. A sample on
 * a CPU outside the mask read around it (the same mask both times) is an
 * error when the task is still outside that same mask OUTSIDE_MS (or the
 * milliseconds given after DURATION_MS) after it was first seen outside: the
 * stopper that moves it must get its CPU's turn, and under an emulator that
 * runs every vCPU on one host thread a turn takes longer the more vCPUs
 * there are. It prints "spin samples N outside M transient T
 * masks K": M such errors, T transients (seen outside, then inside or
 * moved), K the number of times the mask read differed from the one before
 * (the changes it saw). It yields every millisecond, so that a policy that
 * never preempts (e.g. EDF of tasks without a period) does not leave the
 * tasks queued behind it, the script's taskset among them, waiting.
 *
 * burn: one process only computes for DURATION_MS (wall time), never
 * sleeping or yielding: a CPU-bound thread whose share of a CPU is all the
 * scheduler's doing (the sched_ext test of groups measures it per cgroup).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define OUTSIDE_MS	50

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void spin(long us)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000 < us);
}

/* Whether the caller runs on cpu now; counts the samples. */
static void where(int cpu, long *samples, long *elsewhere)
{
	if (cpu < 0)
		return;
	++*samples;
	if (sched_getcpu() != cpu)
		++*elsewhere;
}

static void worker(int id, long long end, int in, int out, int pin)
{
	unsigned int seed = 12345u * (id + 1);
	long samples = 0, elsewhere = 0;
	char token = 'x';

	if (pin >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(pin, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			printf("pinned %d failed\n", pin);
			pin = -1;
		}
	}
	while (now_ms() < end) {
		int r = rand_r(&seed) % 10;

		where(pin, &samples, &elsewhere);
		if (r < 4) {
			spin(200 + rand_r(&seed) % 2000);
		} else if (r < 6) {
			struct timespec ts = { 0, (rand_r(&seed) % 1000) * 1000L };

			nanosleep(&ts, NULL);
		} else if (r < 7) {
			sched_yield();
		} else if (r < 9) {
			struct pollfd pfd = { .fd = in, .events = POLLIN };

			/* wake the next worker, wait (at most 5 ms) to be woken */
			if (write(out, &token, 1) == 1 && poll(&pfd, 1, 5) == 1)
				(void)read(in, &token, 1);
		} else {
			pid_t child = fork();

			if (child == 0) {
				spin(100);
				_exit(0);
			}
			if (child > 0)
				waitpid(child, NULL, 0);
		}
	}
	if (pin >= 0) {
		printf("pinned %d samples %ld elsewhere %ld\n", pin, samples, elsewhere);
		fflush(stdout);
	}
}

static int spin_checked(long long end, long long outside_ms)
{
	long samples = 0, outside = 0, transient = 0, masks = 0;
	long long since = -1;	/* when first seen outside the mask, else -1 */
	long long yielded = now_ms();
	cpu_set_t a, b, last;
	int cpu;

	CPU_ZERO(&last);
	if (sched_getaffinity(0, sizeof(last), &last))
		return 1;
	while (now_ms() < end) {
		if (now_ms() - yielded >= 1) {
			sched_yield();
			yielded = now_ms();
		}
		if (sched_getaffinity(0, sizeof(a), &a))
			return 1;
		cpu = sched_getcpu();
		if (sched_getaffinity(0, sizeof(b), &b))
			return 1;
		samples++;
		if (!CPU_EQUAL(&a, &b))
			continue;
		if (!CPU_EQUAL(&a, &last)) {
			masks++;
			if (since >= 0)
				transient++;	/* a new mask: start again */
			since = -1;
		}
		last = a;
		if (CPU_ISSET(cpu, &a)) {
			if (since >= 0)
				transient++;
			since = -1;
		} else if (since < 0) {
			since = now_ms();
		} else if (now_ms() - since >= outside_ms) {
			outside++;
			since = -1;
		}
	}
	printf("spin samples %ld outside %ld transient %ld masks %ld\n",
	       samples, outside, transient, masks);
	return 0;
}

int main(int argc, char **argv)
{
	int workers = argc > 1 ? atoi(argv[1]) : 6;
	long long end = now_ms() + (argc > 2 ? atoi(argv[2]) : 2000);
	int pin = argc > 3 ? atoi(argv[3]) : -1;
	int ring[2 * 64][2];
	int i;

	if (argc > 1 && !strcmp(argv[1], "spin"))
		return spin_checked(end, argc > 3 ? atoi(argv[3]) : OUTSIDE_MS);
	if (argc > 1 && !strcmp(argv[1], "burn")) {
		spin((end - now_ms()) * 1000);
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (workers < 2)
		workers = 2;
	if (workers > 64)
		workers = 64;
	for (i = 0; i < workers; i++)
		if (pipe(ring[i]))
			return 1;
	for (i = 0; i < workers; i++) {
		if (fork() == 0) {
			/* a ring: a token written to the next worker comes back from the previous */
			worker(i, end, ring[i][0], ring[(i + 1) % workers][1], i == 0 ? pin : -1);
			_exit(0);
		}
	}
	/* keep the ring moving: every worker's pipe gets a token now and then */
	while (now_ms() < end) {
		char token = 'y';

		for (i = 0; i < workers; i++)
			(void)write(ring[i][1], &token, 1);
		usleep(2000);
	}
	for (i = 0; i < workers; i++)
		close(ring[i][1]);
	while (wait(NULL) > 0)
		;
	return 0;
}
