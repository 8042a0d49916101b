// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, userspace: checks include/prt_threads.h, the kernel hosts'
 * table of threads, against a plain model (a slot per task in an array, the
 * free slots as a stack) over seeded random adds and removes. After every
 * operation it compares the lookup of every task, the slot an add gives, the
 * count in use, and the map's shape: as many entries as threads, each naming
 * its thread's slot and reachable from its home with no free entry between.
 *
 * A task is a (pid, start time) pair. The task sets include sets that all
 * hash to one home (found by search, stride 0 below), so probe chains are
 * long and wrap around the end of the map, and deletion has to shift
 * entries back across it; and sets where several tasks hold one pid with
 * different start times (reuse > 1: a pid freed by an exiting thread and
 * taken by a new one while the old is still in the table).
 *
 * Built with gcc -Iinclude -Iuser (ThreadsTableTest in org.policy.generator
 * builds it with the sanitizers and runs it). Argument: a seed (default 1).
 * Prints "ok N" (N operations), or the first disagreement and exits with 1.
 */
#include "prt.h"
#include "prt_threads.h"

#define PID_MAX		4194304		/* the kernel's largest pid_max */
#define MAX_SPAN	512
#define OPS		20000

struct config {
	s32 capacity;
	s32 span;	/* tasks known to the test: pid 1 + (k / reuse) * stride mod PID_MAX */
	u32 stride;	/* 0: the first span tasks whose home is task (1, 1)'s */
	s32 reuse;	/* tasks per pid, start times 1 .. reuse */
};

static const struct config configs[] = {
	{ 1, 3, 1, 1 },
	{ 3, 8, 1, 1 },
	{ 16, 48, 1, 1 },
	{ 16, 40, 0, 1 },	/* one home for all: a single chain */
	{ 16, 40, 1024, 1 },
	{ 100, 300, 7, 1 },
	{ 200, 500, 2654435, 1 },	/* large pids, spread out */
	{ 64, 200, 128, 1 },
	{ 3, 8, 1, 2 },		/* pids reused while the old task is still known */
	{ 16, 48, 1, 3 },
	{ 100, 300, 7, 4 },
};

static u64 rng;

/* xorshift64*, a number in [0, bound) */
static u32 next(u32 bound)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (u32)((rng * 0x2545F4914F6CDD1DULL) >> 32) % bound;
}

static struct prt_threads th;	/* global: a failed check leaves it allocated, not leaked */
static pid_t pids[MAX_SPAN];
static u64 starts[MAX_SPAN];	/* task k is (pids[k], starts[k]) */
static s32 model_slot[MAX_SPAN];	/* the slot of task k, or PRT_NONE */
static s32 model_free[MAX_SPAN];	/* free slots, the next to take on top */
static s32 model_nr_free;

static int fail(const struct config *c, int op, const char *what, long a, long b)
{
	printf("capacity %d span %d stride %u reuse %d, operation %d: %s: table %ld, model %ld\n",
	       c->capacity, c->span, c->stride, c->reuse, op, what, a, b);
	return 1;
}

/* The map's shape: every entry names its task's slot and is reachable. */
static int check_map(const struct config *c, int op)
{
	u32 size = th.table_mask + 1, j, i;
	s32 entries = 0;

	for (j = 0; j < size; j++) {
		pid_t pid = th.table_pid[j];

		if (!pid)
			continue;
		entries++;
		if (th.slot_pid[th.table_slot[j]] != pid ||
		    th.slot_start[th.table_slot[j]] != th.table_start[j])
			return fail(c, op, "entry names a slot of another task", pid, j);
		for (i = prt_threads_hash(&th, pid, th.table_start[j]); i != j;
		     i = (i + 1) & th.table_mask)
			if (!th.table_pid[i])
				return fail(c, op, "free entry inside a probe chain", i, j);
	}
	if (entries != prt_threads_used(&th))
		return fail(c, op, "map entries vs threads", entries, prt_threads_used(&th));
	return 0;
}

static int check(const struct config *c, int op)
{
	s32 k;

	if (prt_threads_used(&th) != c->capacity - model_nr_free)
		return fail(c, op, "threads in use", prt_threads_used(&th),
			    c->capacity - model_nr_free);
	for (k = 0; k < c->span; k++)
		if (prt_threads_lookup(&th, pids[k], starts[k]) != model_slot[k])
			return fail(c, op, "lookup", prt_threads_lookup(&th, pids[k], starts[k]),
				    model_slot[k]);
	return check_map(c, op);
}

static int run(const struct config *c)
{
	s32 k, slot, pid;
	int op;

	if (prt_threads_init(&th, c->capacity))
		return fail(c, 0, "init", -ENOMEM, 0);
	if (th.table_mask + 1 < 2 * (u32)c->capacity || th.table_mask + 1 >= 4 * (u32)c->capacity)
		return fail(c, 0, "map size", th.table_mask + 1, 2 * c->capacity);
	pid = 1;
	for (k = 0; k < c->span; k++) {
		starts[k] = 1 + k % c->reuse;
		if (c->stride) {
			pids[k] = 1 + (pid_t)(((u64)(k / c->reuse) * c->stride) % PID_MAX);
		} else {
			while (k > 0 && prt_threads_hash(&th, pid, 1) != prt_threads_hash(&th, 1, 1))
				pid++;
			pids[k] = pid++;
		}
		model_slot[k] = PRT_NONE;
	}
	for (k = 0; k < c->capacity; k++)
		model_free[k] = c->capacity - 1 - k;
	model_nr_free = c->capacity;

	for (op = 1; op <= OPS; op++) {
		k = next(c->span);
		slot = model_slot[k];
		if (slot != PRT_NONE) {
			pid = prt_threads_pid(&th, slot);
			if (pid != pids[k])
				return fail(c, op, "pid of slot", pid, pids[k]);
			if (prt_threads_start(&th, slot) != starts[k])
				return fail(c, op, "start of slot", (long)prt_threads_start(&th, slot),
					    (long)starts[k]);
			prt_threads_remove(&th, slot);
			pid = prt_threads_pid(&th, slot);
			if (pid != 0)
				return fail(c, op, "removed slot's pid", pid, 0);
			model_free[model_nr_free++] = slot;
			model_slot[k] = PRT_NONE;
		} else {
			slot = prt_threads_add(&th, pids[k], starts[k]);
			if (model_nr_free == 0) {
				if (slot != PRT_NONE)
					return fail(c, op, "add to a full table", slot, PRT_NONE);
			} else {
				if (slot != model_free[model_nr_free - 1])
					return fail(c, op, "slot added", slot,
						    model_free[model_nr_free - 1]);
				model_nr_free--;
				model_slot[k] = slot;
			}
			/* unmapping a task the map does not hold changes nothing */
			prt_threads_unmap(&th, pids[k] + PID_MAX, starts[k]);
			prt_threads_unmap(&th, pids[k], starts[k] + c->reuse);
		}
		if (check(c, op))
			return 1;
	}
	prt_threads_free(&th);
	prt_threads_free(&th);	/* twice is allowed */
	return th.table_pid || th.free_slots ? fail(c, 0, "free", 1, 0) : 0;
}

int main(int argc, char **argv)
{
	size_t i;

	rng = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
	rng = rng * 0x9E3779B97F4A7C15ULL | 1;	/* never 0 */
	for (i = 0; i < ARRAY_SIZE(configs); i++)
		if (run(&configs[i]))
			return 1;
	printf("ok %d\n", (int)(ARRAY_SIZE(configs) * OPS));
	return 0;
}
