/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime, BPF host: the kernel vocabulary the runtime and the
 * generated policies use (prt_host.h), for a BPF program (clang -target bpf,
 * -DPRT_BPF), so that the machine's own C (prt_machine.c) runs inside a pure
 * BPF sched_ext scheduler. README.md explains the design; in short:
 *
 * Memory. Everything the machine allocates lives in one BPF arena (a map of
 * pages that BPF code reads and writes as plain memory). kvzalloc() hands out
 * pieces of arena pages, zeroed, and is called only where the module
 * allocates: at the machine's creation, in the sleepable ops.init; nothing
 * is freed before the program is unloaded, which frees the arena whole. A
 * pointer into the arena that is stored in memory (a field of the machine,
 * a global) has the arena's address space (__prt_arena); a pointer held in a
 * local or passed to a function is an ordinary one, made from the former by
 * prt_plain(). The verifier then checks no bounds on arena accesses (a
 * stray one reads zeros or faults the scheduler out, never the kernel).
 *
 * Loops. The verifier accepts a loop whose bound it cannot see only through
 * can_loop (the may_goto instruction, which the kernel lets run 8M times at
 * most per program invocation): every loop of this file has it, and the
 * runtime's loops have it through PRT_LOOP.
 *
 * Calls. BPF has no indirect calls, so the runtime reaches the policy's
 * functions through prt_policy_of(m), which is the generated descriptor
 * itself here: its function pointers are then constants the compiler turns
 * into direct calls.
 *
 * Locks. The machine's lock is a compare-and-swap word in the arena, taken
 * with IRQs already off (every sched_ext callback that touches the machine
 * runs under its runqueue's lock) and never around a kernel lock, so it can
 * take part in no cycle of waits; it gives up after can_loop's bound and
 * ends the scheduler with an error (scx_bpf_error) rather than hang.
 */
#ifndef PRT_BPF_H
#define PRT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

#define __prt_arena	__attribute__((address_space(1)))
/* An arena pointer as an ordinary one: the same memory, for locals and arguments. */
#define prt_plain(p)	((__typeof_unqual__(*(p)) *)(p))
/* And back: what a global subprogram takes (__arg_arena), the verifier's own view of the arena. */
#define prt_arena_ptr(p)	((__typeof_unqual__(*(p)) __prt_arena *)(p))

/*
 * can_loop: true until the program has looped as long as the kernel allows
 * (the may_goto instruction jumps then).
 */
static __always_inline bool prt_bpf_can_loop(void)
{
	asm volatile goto("may_goto %l[stop]" :::: stop);
	return true;
stop:
	return false;
}

/*
 * Calls. The verifier checks a static function again at each call, in the
 * context of every path that reaches it, so that the branches and loop
 * exits of the event path multiply its work (a million instructions for a
 * queue insertion). A global subprogram (__noinline __prt_visible) is
 * checked once, alone, for any arguments, and its caller goes on from a
 * single state. prt_machine.c makes its heavy functions such: a wrapper
 * taking arena pointers (__arg_arena, the verifier's view of arena memory)
 * defined right after the function, and a macro that sends the calls after
 * it there.
 */
#define __prt_visible	__attribute__((visibility("default")))

/*
 * Loops. A loop converges in the verifier (its states at the may_goto are
 * widened, then pruned) only while its counter is imprecise: when a branch
 * after the loop is decided by the counter's value (say `offset < size`,
 * where the loop has taught the verifier that size > w * 64), the counter
 * becomes precise and the verifier walks every iteration until its limit.
 * prt_opaque(x) is x as a value the verifier knows nothing of (the result
 * of a global subprogram): a loop's result goes through it before such a
 * branch. Elsewhere it is x itself (prt_host.h).
 */
__noinline __prt_visible u64 prt_bpf_opaque(u64 x)
{
	asm volatile("" : "+r"(x));	/* nor may the compiler see through it */
	return x;
}
#define prt_opaque(x)	((__typeof__(x))prt_bpf_opaque((u64)(x)))

#define can_loop	prt_bpf_can_loop()
#define PRT_LOOP	can_loop

#ifndef ENOMEM
#define ENOMEM		12
#endif

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NUMA_NO_NODE	(-1)
#define GFP_KERNEL	0

/* The one arena: 1 << 16 pages (256 MiB) of address space, pages made when allocated. */
struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1 << 16);
} prt_arena SEC(".maps") __attribute__((visibility("default")));

static inline int fls64(u64 x)
{
	int n = 0;

	if (!x)
		return 0;
	if (x >> 32) {
		n += 32;
		x >>= 32;
	}
	if (x >> 16) {
		n += 16;
		x >>= 16;
	}
	if (x >> 8) {
		n += 8;
		x >>= 8;
	}
	if (x >> 4) {
		n += 4;
		x >>= 4;
	}
	if (x >> 2) {
		n += 2;
		x >>= 2;
	}
	if (x >> 1) {
		n += 1;
		x >>= 1;
	}
	return n + (int)x;
}

static inline unsigned long __ffs64(u64 x)
{
	return (unsigned long)(fls64(x & -x) - 1);
}

static inline unsigned int prt_popcount64(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((x * 0x0101010101010101ULL) >> 56);
}

#include "prt_bitmap.h"

/* ---------------------------------------------------------------- memory */

/*
 * The string.h functions the runtime uses, as loops (BPF has no library to
 * call, and the compiler inlines only constant small sizes).
 */
static inline void *prt_bpf_memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;
	size_t i;

	if (d < s) {
		for (i = 0; i < n && can_loop; i++)
			d[i] = s[i];
	} else {
		for (i = n; i > 0 && can_loop; i--)
			d[i - 1] = s[i - 1];
	}
	return dst;
}

static inline void *prt_bpf_memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	size_t i;

	for (i = 0; i < n && can_loop; i++)
		d[i] = (u8)c;
	return dst;
}

static inline size_t prt_bpf_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] && can_loop)
		n++;
	return n;
}

#define memmove(d, s, n)	prt_bpf_memmove(d, s, n)
#define memcpy(d, s, n)		prt_bpf_memmove(d, s, n)
#define memset(d, c, n)		prt_bpf_memset(d, c, n)
#define strlen(s)		prt_bpf_strlen(s)

/*
 * The allocator: pieces of arena pages handed out in order, 8-byte
 * aligned and zeroed (arena pages come zeroed); one call per 64 pages at
 * most to bpf_arena_alloc_pages(), which only the sleepable ops.init may
 * reach. NULL when the arena is full or outside ops.init.
 */
#define PRT_BPF_CHUNK_PAGES	64

struct prt_bpf_heap {
	u8 __prt_arena *next;
	u64 left;
};

extern struct prt_bpf_heap prt_bpf_heap;

static inline void __prt_arena *kvzalloc(size_t size, int gfp)
{
	struct prt_bpf_heap *h = &prt_bpf_heap;
	u64 need = (size + 7) & ~7ULL;
	u64 pages;
	void __prt_arena *p;

	if (!need)
		need = 8;
	if (need > h->left) {
		pages = (need + 4095) / 4096;
		if (pages < PRT_BPF_CHUNK_PAGES)
			pages = PRT_BPF_CHUNK_PAGES;
		p = (void __prt_arena *)bpf_arena_alloc_pages(&prt_arena, NULL,
							     pages, NUMA_NO_NODE, 0);
		if (!p)
			return NULL;
		h->next = p;
		h->left = pages * 4096;
	}
	p = h->next;
	h->next += need;
	h->left -= need;
	return p;
}

static inline void __prt_arena *kvcalloc(size_t n, size_t size, int gfp)
{
	return kvzalloc(n * size, gfp);
}

/* Nothing is freed before the program goes, with its arena. */
static inline void kvfree(const void __prt_arena *p)
{
}

/*
 * Ends the scheduler with a message the kernel formats (sched_ext's
 * scx_bpf_error(); at least one argument), each argument made a u64.
 */
#define prt_bpf_error(fmt, args...)					\
	({								\
		static char fmt_[] SEC(".data") = fmt; /* writable, as the kfunc wants */ \
		unsigned long long args_[___bpf_narg(args)];		\
									\
		_Pragma("GCC diagnostic push")				\
		_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")	\
		___bpf_fill(args_, args);				\
		_Pragma("GCC diagnostic pop")				\
		scx_bpf_error_bstr(fmt_, args_, sizeof(args_));		\
	})

/* ---------------------------------------------------------------- locks */

struct prt_bpf_lock {
	u32 word;
};

#define raw_spinlock_t	struct prt_bpf_lock

#define raw_spin_lock_init(l)	((l)->word = 0)

/*
 * Spins until the word is free, reading the clock at each attempt: gives up
 * after PRT_BPF_LOCK_WAIT_NS or can_loop's 8M attempts. A holder keeps the
 * lock for one event, microseconds, but may not be running: under QEMU's
 * single-threaded TCG a vCPU waits up to 100 ms per other vCPU for its turn
 * (and BPF cannot PAUSE, which would yield it), so attempts must last: 8M
 * bare compare-and-swaps were spent before the holder ran again on four
 * vCPUs; with the clock read each one takes long enough.
 */
#define PRT_BPF_LOCK_WAIT_NS	(1000ULL * 1000 * 1000)

static inline void prt_bpf_lock(raw_spinlock_t *l)
{
	u32 cpu = bpf_get_smp_processor_id();
	u64 start = bpf_ktime_get_ns();

	while (can_loop) {
		/* the word names its holder (CPU + 1), for the message below */
		if (__sync_val_compare_and_swap(&l->word, 0, cpu + 1) == 0)
			return;
		if (bpf_ktime_get_ns() - start > PRT_BPF_LOCK_WAIT_NS)
			break;
	}
	prt_bpf_error("prt: the machine's lock was not released (held by CPU %u, waiting on CPU %u)",
		      l->word - 1, cpu);
}

static inline void prt_bpf_unlock(raw_spinlock_t *l)
{
	/* an exchange: clang-19 cannot emit a store-release for BPF */
	__sync_lock_test_and_set(&l->word, 0);
}

#define raw_spin_lock_irqsave(l, flags)	((flags) = 0, prt_bpf_lock(l))
#define raw_spin_unlock_irqrestore(l, flags)	((void)(flags), prt_bpf_unlock(l))

/*
 * A parameter is a global the loader may set before the program is loaded
 * (it is in the object's .data); nothing to declare at run time.
 */
#define PRT_PARAM(name, param, desc)	_Static_assert(sizeof(param) > 0, #name ": " desc)

/* ---------------------------------------------------------------- text */

/*
 * snprintf(), as the runtime's fault messages use it: the kernel formats
 * (bpf_snprintf(): %s, %d, %lld, text) into prt_bpf_text, which is then
 * copied into dst (the machine's memory, which helpers may not write).
 * Messages are cut at 127 characters. Returns the length written. The
 * buffer is a global, not on the stack, which the verifier limits to 512
 * bytes along a whole chain of calls; the runtime formats under the
 * machine's lock only, so that one is enough.
 */
#define PRT_BPF_TEXT	128

char prt_bpf_text[PRT_BPF_TEXT];

/* A global subprogram (see "Calls"): its loop over the text is walked once, not at every fault. */
__noinline __prt_visible int
prt_bpf_copy_text(char __prt_arena *dst __arg_arena, u64 size, long n)
{
	int k;

	if (!size)
		return 0;
	if (n < 1)
		n = 1;	/* an error formatting: an empty text */
	for (k = 0; k < PRT_BPF_TEXT - 1; k++) {
		if (k + 1 >= n || k + 1 >= size)
			break;
		dst[k] = prt_bpf_text[k];
		asm volatile("" ::: "memory");	/* a loop, not a memcpy() call */
	}
	dst[k] = 0;
	return k;
}

/* each argument made a u64, as libbpf's BPF_SNPRINTF() does */
#define snprintf(dst, size, fmt, args...)				\
	({								\
		static const char fmt_[] = fmt;				\
		unsigned long long args_[___bpf_narg(args)];		\
		long n_;						\
									\
		_Pragma("GCC diagnostic push")				\
		_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")	\
		___bpf_fill(args_, args);				\
		_Pragma("GCC diagnostic pop")				\
		n_ = bpf_snprintf(prt_bpf_text, sizeof(prt_bpf_text),	\
				  fmt_, args_, sizeof(args_));		\
		prt_bpf_copy_text(prt_arena_ptr(dst), size, n_);	\
	})

#endif /* PRT_BPF_H */
