// SPDX-License-Identifier: GPL-2.0
/*
 * A mixed workload for the QEMU test: for about DURATION_MS, WORKERS processes
 * spin, sleep, yield and wake each other through pipes, and short-lived
 * children are forked and exit, so that every scheduler event happens.
 *
 *   workload WORKERS DURATION_MS
 */
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

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

static void worker(int id, long long end, int in, int out)
{
	unsigned int seed = 12345u * (id + 1);
	char token = 'x';

	while (now_ms() < end) {
		int r = rand_r(&seed) % 10;

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
}

int main(int argc, char **argv)
{
	int workers = argc > 1 ? atoi(argv[1]) : 6;
	long long end = now_ms() + (argc > 2 ? atoi(argv[2]) : 2000);
	int ring[2 * 64][2];
	int i;

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
			worker(i, end, ring[i][0], ring[(i + 1) % workers][1]);
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
