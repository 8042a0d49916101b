/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime, kernel hosts: the table of the threads a policy knows.
 *
 * The machine (prt.h) names threads by slot, 0 .. capacity - 1; the hosts
 * name a task by its pid and its start time (task_struct.start_time, the
 * monotonic ns of its fork). A pid alone does not name one task: a thread
 * that exits frees its pid in release_task(), often before its last
 * schedule() and always before sched_ext's exit_task(), so a new task may
 * hold the same pid while the old one still has callbacks to come. Two tasks
 * never share both (the second fork starts after the first released the
 * pid). Both kernel hosts (kmod/prt_monitor.c, scx/prt_scx.c) keep the same
 * table between the two: a (pid, start) -> slot hash map (open addressing,
 * linear probing, deletion by backward shift, so no tombstones) and the
 * slots not in use, a stack. Everything is allocated by
 * prt_threads_init(); adding, finding and removing a thread never allocate,
 * sleep or print, so they may run under the scheduler's own locks.
 *
 * Locking: the table has no lock of its own. The callers serialise every
 * call on one table; the hosts do it with the machine's raw spinlock
 * (m->lock), which they hold around each event anyway. prt_threads_init()
 * and prt_threads_free() run before the table is shared and after it no
 * longer is (module init and exit).
 *
 * user/prt_threads_test.c checks the table against a plain model in
 * userspace (prt_host.h supplies hash_32() and kvcalloc() there).
 */
#ifndef PRT_THREADS_H
#define PRT_THREADS_H

#include "prt.h"

/**
 * struct prt_threads - the threads a policy knows: (pid, start) -> slot
 * @table_pid: the map's keys' pids; 0 marks a free entry (pid 0, the idle
 *             task, is never in the table)
 * @table_start: the map's keys' start times, beside their pids
 * @table_slot: the map's values, beside their keys
 * @table_mask: the map's size - 1; the size is the least power of two that
 *              is at least twice @capacity, so no probe chain fills it
 * @table_bits: log2 of the map's size
 * @slot_pid: the pid in each slot, 0 for a free slot
 * @slot_start: the start time of the task in each slot
 * @free_slots: the free slots, a stack; the first to be taken is on top
 * @nr_free: how many slots are free, the stack's height
 * @capacity: how many slots there are
 */
struct prt_threads {
	pid_t __prt_arena *table_pid;
	u64 __prt_arena *table_start;
	s32 __prt_arena *table_slot;
	u32 table_mask;
	u32 table_bits;
	pid_t __prt_arena *slot_pid;
	u64 __prt_arena *slot_start;
	s32 __prt_arena *free_slots;
	s32 nr_free;
	s32 capacity;
};

/**
 * prt_threads_free() - Frees the table's memory.
 * @th: the table: initialised, partly initialised, or all zero
 *
 * Safe to call on a table prt_threads_init() failed to set up, and twice.
 *
 * Context: process context, no lock held; no other call on @th may run.
 */
static inline void prt_threads_free(struct prt_threads *th)
{
	kvfree(th->table_pid);
	kvfree(th->table_start);
	kvfree(th->table_slot);
	kvfree(th->slot_pid);
	kvfree(th->slot_start);
	kvfree(th->free_slots);
	*th = (struct prt_threads){};
}

/**
 * prt_threads_init() - Allocates an empty table of @capacity slots.
 * @th: the table, all zero (a static variable, or after prt_threads_free())
 * @capacity: how many threads the table can hold, at least 1; the caller
 *            bounds it (the hosts accept at most 1 << 20)
 *
 * Slots are then taken lowest first: the first thread added gets slot 0.
 *
 * Context: process context, may sleep; no other call on @th may run.
 * Return: 0, or -ENOMEM with nothing left allocated.
 */
static inline int prt_threads_init(struct prt_threads *th, s32 capacity)
{
	u32 size = 2, bits = 1;
	s32 i;

	while (size < 2 * (u32)capacity && PRT_LOOP) {
		size <<= 1;
		bits++;
	}
	th->table_mask = size - 1;
	th->table_bits = bits;
	th->table_pid = kvcalloc(size, sizeof(*th->table_pid), GFP_KERNEL);
	th->table_start = kvcalloc(size, sizeof(*th->table_start), GFP_KERNEL);
	th->table_slot = kvcalloc(size, sizeof(*th->table_slot), GFP_KERNEL);
	th->slot_pid = kvcalloc(capacity, sizeof(*th->slot_pid), GFP_KERNEL);
	th->slot_start = kvcalloc(capacity, sizeof(*th->slot_start), GFP_KERNEL);
	th->free_slots = kvcalloc(capacity, sizeof(*th->free_slots), GFP_KERNEL);
	if (!th->table_pid || !th->table_start || !th->table_slot || !th->slot_pid ||
	    !th->slot_start || !th->free_slots) {
		prt_threads_free(th);
		return -ENOMEM;
	}
	for (i = 0; i < capacity && PRT_LOOP; i++)
		th->free_slots[i] = capacity - 1 - i;
	th->nr_free = capacity;
	th->capacity = capacity;
	return 0;
}

/**
 * prt_threads_hash() - The map entry where the probe for a task starts.
 * @th: the table
 * @pid: the task's pid
 * @start: the task's start time
 *
 * hash_32() keeps the top bits of a multiplicative hash, which depend on
 * every bit of its argument: pids that differ only in their high bits (a
 * multiple of the table's size apart) still start their probes apart, and
 * so do the tasks that held one pid in turn.
 *
 * Return: an index into @th->table_pid.
 */
static inline u32 prt_threads_hash(const struct prt_threads *th, pid_t pid, u64 start)
{
	return hash_32((u32)pid ^ (u32)start ^ (u32)(start >> 32), th->table_bits);
}

/**
 * prt_threads_lookup() - The slot of a task.
 * @th: the table
 * @pid: the task's pid, not 0
 * @start: the task's start time
 *
 * Context: the caller serialises the calls on @th; any context.
 * Return: the task's slot, or PRT_NONE if the table does not hold it.
 */
static inline s32 prt_threads_lookup(const struct prt_threads *th, pid_t pid, u64 start)
{
	u32 i;

	for (i = prt_threads_hash(th, pid, start); th->table_pid[i] && PRT_LOOP;
	     i = (i + 1) & th->table_mask)
		if (th->table_pid[i] == pid && th->table_start[i] == start)
			return th->table_slot[i];
	return PRT_NONE;
}

/**
 * prt_threads_add() - Gives a free slot to a task.
 * @th: the table
 * @pid: the task's pid, not 0
 * @start: the task's start time; (@pid, @start) not in the table
 *         (prt_threads_lookup() said so)
 *
 * Takes the slot on top of the free stack (the one the last
 * prt_threads_remove() freed, else the lowest never used) and maps the task
 * to it. The table has room: the map is at most half full.
 *
 * Context: the caller serialises the calls on @th; any context, does not
 * allocate.
 * Return: the slot, or PRT_NONE when every slot is taken.
 */
static inline s32 prt_threads_add(struct prt_threads *th, pid_t pid, u64 start)
{
	s32 slot;
	u32 i;

	if (th->nr_free == 0)
		return PRT_NONE;
	slot = th->free_slots[--th->nr_free];
	th->slot_pid[slot] = pid;
	th->slot_start[slot] = start;
	i = prt_threads_hash(th, pid, start);
	while (th->table_pid[i] && PRT_LOOP)
		i = (i + 1) & th->table_mask;
	th->table_pid[i] = pid;
	th->table_start[i] = start;
	th->table_slot[i] = slot;
	return slot;
}

/**
 * prt_threads_unmap() - Removes a task from the map.
 * @th: the table
 * @pid: the task's pid
 * @start: the task's start time; nothing happens if the map does not hold
 *         (@pid, @start)
 *
 * Deletion with backward shift: each later entry of the probe chain whose
 * home is not cyclically between the emptied entry and itself moves back
 * into the hole, so every chain stays unbroken without tombstones.
 *
 * Context: the caller serialises the calls on @th; any context.
 */
static inline void prt_threads_unmap(struct prt_threads *th, pid_t pid, u64 start)
{
	u32 i = prt_threads_hash(th, pid, start), j, home;

	while (th->table_pid[i] && (th->table_pid[i] != pid || th->table_start[i] != start) && PRT_LOOP)
		i = (i + 1) & th->table_mask;
	if (!th->table_pid[i])
		return;
	th->table_pid[i] = 0;
	for (j = (i + 1) & th->table_mask; th->table_pid[j] && PRT_LOOP; j = (j + 1) & th->table_mask) {
		home = prt_threads_hash(th, th->table_pid[j], th->table_start[j]);
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && home <= i && home > j)) {
			th->table_pid[i] = th->table_pid[j];
			th->table_start[i] = th->table_start[j];
			th->table_slot[i] = th->table_slot[j];
			th->table_pid[j] = 0;
			i = j;
		}
	}
}

/**
 * prt_threads_remove() - Frees a slot in use, and forgets its pid.
 * @th: the table
 * @slot: a slot prt_threads_add() gave and not yet removed
 *
 * The slot goes on top of the free stack: the next prt_threads_add() takes
 * it. Releasing the thread in the machine (prt_release()) is the caller's.
 *
 * Context: the caller serialises the calls on @th; any context.
 */
static inline void prt_threads_remove(struct prt_threads *th, s32 slot)
{
	prt_threads_unmap(th, th->slot_pid[slot], th->slot_start[slot]);
	th->slot_pid[slot] = 0;
	th->slot_start[slot] = 0;
	th->free_slots[th->nr_free++] = slot;
}

/**
 * prt_threads_pid() - The pid in a slot.
 * @th: the table
 * @slot: a slot, 0 .. @th->capacity - 1
 *
 * Context: the caller serialises the calls on @th; any context.
 * Return: the pid, or 0 if the slot is free.
 */
static inline pid_t prt_threads_pid(const struct prt_threads *th, s32 slot)
{
	return th->slot_pid[slot];
}

/**
 * prt_threads_start() - The start time of the task in a slot.
 * @th: the table
 * @slot: a slot in use
 *
 * Context: the caller serialises the calls on @th; any context.
 * Return: the start time the task was added with.
 */
static inline u64 prt_threads_start(const struct prt_threads *th, s32 slot)
{
	return th->slot_start[slot];
}

/**
 * prt_threads_used() - How many slots are in use.
 * @th: the table
 *
 * Context: the caller serialises the calls on @th; any context.
 * Return: the number of threads the table holds.
 */
static inline s32 prt_threads_used(const struct prt_threads *th)
{
	return th->capacity - th->nr_free;
}

#endif /* PRT_THREADS_H */
