/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prt_host.h - what kernel-runtime needs from the place it runs in.
 *
 * The runtime and the generated policies are written against the kernel's
 * own vocabulary (s64, likely(), memmove(), a raw spinlock). In a kernel
 * module these come from the kernel headers; in the userspace host (tests,
 * benchmarks) this file supplies stand-ins with the same meaning. Nothing
 * else in kernel-runtime looks at __KERNEL__.
 */
#ifndef PRT_HOST_H
#define PRT_HOST_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/math64.h>

typedef raw_spinlock_t prt_lock_t;

#define prt_lock_init(l)		raw_spin_lock_init(l)
#define prt_lock_irqsave(l, f)		raw_spin_lock_irqsave(l, f)
#define prt_unlock_irqrestore(l, f)	raw_spin_unlock_irqrestore(l, f)

static inline void *prt_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

static inline void prt_free(void *p)
{
	kvfree(p);
}

#else /* userspace host */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

typedef int64_t s64;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint32_t u32;
typedef uint8_t u8;

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

/* One userspace machine is driven by one thread: the lock is a no-op. */
typedef struct { int unused; } prt_lock_t;

#define prt_lock_init(l)		((void)(l))
#define prt_lock_irqsave(l, f)		((void)(l), (f) = 0)
#define prt_unlock_irqrestore(l, f)	((void)(l), (void)(f))

static inline void *prt_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void prt_free(void *p)
{
	free(p);
}

#define MODULE_PARM_DESC(name, text)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* __KERNEL__ */

#endif /* PRT_HOST_H */
