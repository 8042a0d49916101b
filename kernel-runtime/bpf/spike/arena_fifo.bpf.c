// SPDX-License-Identifier: GPL-2.0
/*
 * Spike (issue 16): can a sched_ext scheduler keep its whole state in a BPF
 * arena and work on it with ordinary C (pointers, loops over lengths read
 * from memory, a lock)? This one does, on Debian's 7.3.4 under QEMU
 * (spike/run.sh): one global ready queue sorted by key, in arena pages
 * allocated by the sleepable ops.init, a compare-and-swap lock in the arena,
 * a static subprogram and a global one that take arena pointers. What it
 * taught is in ../README.md ("What the verifier taught").
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#define BPF_STRUCT_OPS(name, args...) SEC("struct_ops/" #name) BPF_PROG(name, ##args)
#define BPF_STRUCT_OPS_SLEEPABLE(name, args...) SEC("struct_ops.s/" #name) BPF_PROG(name, ##args)
#define NUMA_NO_NODE (-1)
char _license[] SEC("license") = "GPL";
#define __arena __attribute__((address_space(1)))
struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 256);	/* pages */
} arena SEC(".maps");
#define can_loop ({ __label__ l_break, l_continue; bool ret = true; \
	asm volatile goto("may_goto %l[l_break]" :::: l_break); goto l_continue; \
	l_break: ret = false; l_continue:; ret; })
#define CAP 4096
struct queue { s32 head, size, room; s32 __arena *elem; s64 __arena *key; };
struct mach { u32 lock; s32 n; u64 enq, disp, fails, lockfail; struct queue __arena *q; };
struct mach __arena *__arena M;
u64 stat_enq, stat_disp, stat_lockfail, stat_fails;

static bool lock(struct mach __arena *m)
{
	while (can_loop)
		if (__sync_val_compare_and_swap(&m->lock, 0, 1) == 0)
			return true;
	return false;
}
static void unlock(struct mach __arena *m) { __sync_lock_test_and_set(&m->lock, 0); }

/* sorted insert by key (FIFO among equals), as prt_machine's queues */
static __noinline void push(struct queue __arena *q, s32 t, s64 key)
{
	s32 pos = q->size;
	for (s32 i = 0; i < q->size && can_loop; i++)
		if (q->key[q->head + i] > key) { pos = i; break; }
	if (q->head + q->size == q->room) {
		for (s32 i = 0; i < q->size && can_loop; i++) {
			q->elem[i] = q->elem[q->head + i];
			q->key[i] = q->key[q->head + i];
		}
		q->head = 0;
	}
	for (s32 i = q->size; i > pos && can_loop; i--) {
		q->elem[q->head + i] = q->elem[q->head + i - 1];
		q->key[q->head + i] = q->key[q->head + i - 1];
	}
	q->elem[q->head + pos] = t;
	q->key[q->head + pos] = key;
	q->size++;
}
__weak int pop(struct queue __arena *q __arg_arena)
{
	s32 t;
	if (!q || q->size == 0)
		return -1;
	t = q->elem[q->head];
	q->head++;
	q->size--;
	return t;
}

s32 BPF_STRUCT_OPS_SLEEPABLE(sp_init)
{
	struct mach __arena *m;
	struct queue __arena *q;
	m = (struct mach __arena *)bpf_arena_alloc_pages(&arena, NULL, 1, NUMA_NO_NODE, 0);
	q = (struct queue __arena *)bpf_arena_alloc_pages(&arena, NULL, 1, NUMA_NO_NODE, 0);
	if (!m || !q)
		return -12;
	q->room = 2 * CAP;
	q->elem = (s32 __arena *)bpf_arena_alloc_pages(&arena, NULL, 2 * CAP * 4 / 4096, NUMA_NO_NODE, 0);
	q->key = (s64 __arena *)bpf_arena_alloc_pages(&arena, NULL, 2 * CAP * 8 / 4096, NUMA_NO_NODE, 0);
	if (!q->elem || !q->key)
		return -12;
	m->q = q;
	M = m;
	return 0;
}
void BPF_STRUCT_OPS(sp_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct mach __arena *m = M;
	if (!m || !lock(m)) {
		__sync_fetch_and_add(&stat_lockfail, 1);
		scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SCX_SLICE_DFL, enq_flags);
		return;
	}
	if (m->q->size >= CAP) {
		unlock(m);
		scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SCX_SLICE_DFL, enq_flags);
		return;
	}
	push(m->q, p->pid, p->scx.dsq_vtime);
	m->enq++;
	unlock(m);
	__sync_fetch_and_add(&stat_enq, 1);
	scx_bpf_kick_cpu(scx_bpf_task_cpu(p), SCX_KICK_IDLE);
}
void BPF_STRUCT_OPS(sp_dispatch, s32 cpu, struct task_struct *prev)
{
	struct mach __arena *m = M;
	struct task_struct *p;
	s32 pid;
	for (int tries = 0; tries < 8; tries++) {
		if (!m || !lock(m))
			return;
		pid = pop(m->q);
		unlock(m);
		if (pid < 0)
			return;
		p = bpf_task_from_pid(pid);
		if (!p) {
			__sync_fetch_and_add(&stat_fails, 1);
			continue;
		}
		if (bpf_cpumask_test_cpu(cpu, p->cpus_ptr))
			scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, SCX_SLICE_DFL, 0);
		else
			scx_bpf_dsq_insert(p, SCX_DSQ_GLOBAL, SCX_SLICE_DFL, 0);
		bpf_task_release(p);
		__sync_fetch_and_add(&stat_disp, 1);
		return;
	}
}
void BPF_STRUCT_OPS(sp_exit, struct scx_exit_info *ei)
{
	bpf_printk("spike exit enq %llu disp %llu", stat_enq, stat_disp);
}
SEC(".struct_ops.link")
struct sched_ext_ops spike_ops = {
	.enqueue = (void *)sp_enqueue,
	.dispatch = (void *)sp_dispatch,
	.init = (void *)sp_init,
	.exit = (void *)sp_exit,
	.name = "spike",
};
