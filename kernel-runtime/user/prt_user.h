/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime, userspace host: the kernel vocabulary the runtime and the
 * generated policies use, with the same meaning, for gcc in userspace. One
 * machine is driven by one thread, so the lock is a no-op.
 */
#ifndef PRT_USER_H
#define PRT_USER_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef int64_t s64;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint32_t u32;
typedef uint8_t u8;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The kernel's fls64(): the position of the most significant set bit, 1-based; 0 for 0. */
static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* The kernel's __ffs64(): the position of the least significant set bit, 0-based; x != 0. */
static inline unsigned long __ffs64(u64 x)
{
	return (unsigned long)__builtin_ctzll(x);
}

static inline unsigned int prt_popcount64(u64 x)
{
	return (unsigned int)__builtin_popcountll(x);
}

#define PRT_LOOP	1	/* loops need no bound here (prt_host.h) */
#define prt_opaque(x)	(x)
#include "prt_bitmap.h"

struct prt_user_lock { int unused; };
#define raw_spinlock_t struct prt_user_lock

#define raw_spin_lock_init(l)			((void)(l))
#define raw_spin_lock_irqsave(l, flags)		((void)(l), (flags) = 0)
#define raw_spin_unlock_irqrestore(l, flags)	((void)(l), (void)(flags))

#define GFP_KERNEL	0

static inline void *kvzalloc(size_t size, int gfp)
{
	return calloc(1, size ? size : 1);
}

static inline void *kvcalloc(size_t n, size_t size, int gfp)
{
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

/* include/linux/hash.h: the generic hash_32() (x86 has no arch version) */
#define GOLDEN_RATIO_32	0x61C88647

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return val * GOLDEN_RATIO_32 >> (32 - bits);
}

/* Parameters are set through prt_set_param() in userspace. */
#define PRT_PARAM(name, param, desc) \
	static inline const char *prt_param_doc_##name(void) \
	{ return (void)&(param), (desc); }

/* xorshift64, the benchmarks' random numbers: one sequence per seed (not 0) */
static inline u32 prt_user_random(u64 *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return (u32)*seed;
}

#endif /* PRT_USER_H */
