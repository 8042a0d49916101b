/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime: what the runtime needs from the place it runs in.
 *
 * The runtime and the generated policies are written in the kernel's own
 * vocabulary (s64, likely(), memmove(), raw spinlocks, kvzalloc(), hash_32(),
 * bitmaps). In a kernel module it comes from the kernel headers; in the
 * userspace host (tests, benchmarks) user/prt_user.h supplies stand-ins with
 * the same meaning, and in a BPF scheduler (PRT_BPF) bpf/prt_bpf.h.
 *
 * Two words exist for BPF's sake and mean nothing elsewhere: __prt_arena
 * marks a pointer stored in memory that points into the machine's memory
 * (in BPF, an arena pointer), prt_plain(p) turns one into an ordinary
 * pointer; PRT_LOOP, in a loop's condition, bounds it for the BPF
 * verifier (always true here), and prt_opaque(x), x itself here, hides a
 * loop's result from the verifier's reasoning (bpf/prt_bpf.h, "Loops").
 */
#ifndef PRT_HOST_H
#define PRT_HOST_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/hash.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>

#elif defined(PRT_BPF)

#include "prt_bpf.h"

#else

#include "prt_user.h"

#endif /* __KERNEL__ */

#ifndef __prt_arena
#define __prt_arena
#define prt_plain(p)	(p)
#endif
#ifndef PRT_LOOP
#define PRT_LOOP	1
#define prt_opaque(x)	(x)
#endif

#endif /* PRT_HOST_H */
