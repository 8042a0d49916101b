// SPDX-License-Identifier: GPL-2.0
/*
 * kick_latency: how long one core takes to make another reschedule, the
 * simulator's --kick-latency (docs/simulator.md).
 *
 * Two threads, pinned to two CPUs, wake each other in turn through a futex:
 * each wakeup is a cross-CPU wakeup of a sleeping thread (the waker's
 * try_to_wake_up(), the IPI or the idle CPU's poll, the wakee's schedule()
 * and return to user space). Half a round trip is one such wakeup. Printed:
 * its p10, p50 and p90 over ROUNDS round trips, in ns.
 *
 * Usage: kick_latency [CPU_A CPU_B] (default 0 1).
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 20000

static volatile int turn;
static int cpu_a, cpu_b;

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set)) {
		fprintf(stderr, "kick_latency: cannot run on CPU %d\n", cpu);
		exit(1);
	}
}

/* Sleeps while turn is still value. */
static void wait_while(int value)
{
	while (turn == value)
		syscall(SYS_futex, &turn, FUTEX_WAIT, value, NULL, NULL, 0);
}

static void hand_over(int value)
{
	turn = value;
	syscall(SYS_futex, &turn, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void *partner(void *unused __attribute__((unused)))
{
	int i;

	pin(cpu_b);
	for (i = 0; i < ROUNDS; i++) {
		wait_while(2 * i);
		hand_over(2 * i + 2);
	}
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static uint64_t half[ROUNDS];
	pthread_t other;
	int i;

	cpu_a = argc > 2 ? atoi(argv[1]) : 0;
	cpu_b = argc > 2 ? atoi(argv[2]) : 1;
	pin(cpu_a);
	if (pthread_create(&other, NULL, partner, NULL)) {
		fprintf(stderr, "kick_latency: cannot start a thread\n");
		return 1;
	}
	for (i = 0; i < ROUNDS; i++) {
		uint64_t start = now_ns();

		hand_over(2 * i + 1);
		wait_while(2 * i + 1);
		half[i] = (now_ns() - start) / 2;
	}
	pthread_join(other, NULL);
	qsort(half, ROUNDS, sizeof(half[0]), by_value);
	printf("cross-CPU wakeup (CPU %d <-> %d, %d round trips): p10=%llu p50=%llu p90=%llu ns\n",
	       cpu_a, cpu_b, ROUNDS, (unsigned long long)half[ROUNDS / 10],
	       (unsigned long long)half[ROUNDS / 2],
	       (unsigned long long)half[ROUNDS * 9 / 10]);
	return 0;
}
