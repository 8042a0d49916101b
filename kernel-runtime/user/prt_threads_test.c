// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, userspace: checks include/prt_threads.h, the kernel hosts'
 * table of threads, against a plain model (a slot per pid in an array, the
 * free slots as a stack) over seeded random adds and removes. After every
 * operation it compares the lookup of every pid, the slot an add gives, the
 * count in use, and the map's shape: as many entries as threads, each naming
 * its thread's slot and reachable from its home with no free entry between.
 *
 * The pid sets include sets of pids that all hash to one home (found by
 * search, stride 0 below), so probe chains are long and wrap around the end
 * of the map, and deletion has to shift entries back across it.
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
	s32 span;	/* pids known to the test: 1 + k * stride mod PID_MAX */
	u32 stride;	/* 0: the first span pids whose home is pid 1's */
};

static const struct config configs[] = {
	{ 1, 3, 1 },
	{ 3, 8, 1 },
	{ 16, 48, 1 },
	{ 16, 40, 0 },		/* one home for all: a single chain */
	{ 16, 40, 1024 },
	{ 100, 300, 7 },
	{ 200, 500, 2654435 },	/* large pids, spread out */
	{ 64, 200, 128 },
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
static s32 model_slot[MAX_SPAN];	/* the slot of pids[k], or PRT_NONE */
static s32 model_free[MAX_SPAN];	/* free slots, the next to take on top */
static s32 model_nr_free;

static int fail(const struct config *c, int op, const char *what, long a, long b)
{
	printf("capacity %d span %d stride %u, operation %d: %s: table %ld, model %ld\n",
	       c->capacity, c->span, c->stride, op, what, a, b);
	return 1;
}

/* The map's shape: every entry names its pid's slot and is reachable. */
static int check_map(const struct config *c, int op)
{
	u32 size = th.table_mask + 1, j, i;
	s32 entries = 0;

	for (j = 0; j < size; j++) {
		pid_t pid = th.table_pid[j];

		if (!pid)
			continue;
		entries++;
		if (th.slot_pid[th.table_slot[j]] != pid)
			return fail(c, op, "entry names a slot of another pid", pid, j);
		for (i = prt_threads_hash(&th, pid); i != j; i = (i + 1) & th.table_mask)
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
		if (prt_threads_lookup(&th, pids[k]) != model_slot[k])
			return fail(c, op, "lookup", prt_threads_lookup(&th, pids[k]),
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
		if (c->stride) {
			pids[k] = 1 + (pid_t)(((u64)k * c->stride) % PID_MAX);
		} else {
			while (k > 0 && prt_threads_hash(&th, pid) != prt_threads_hash(&th, 1))
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
			prt_threads_remove(&th, slot);
			pid = prt_threads_pid(&th, slot);
			if (pid != 0)
				return fail(c, op, "removed slot's pid", pid, 0);
			model_free[model_nr_free++] = slot;
			model_slot[k] = PRT_NONE;
		} else {
			slot = prt_threads_add(&th, pids[k]);
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
			/* unmapping a pid the map does not hold changes nothing */
			prt_threads_unmap(&th, pids[k] + PID_MAX);
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
