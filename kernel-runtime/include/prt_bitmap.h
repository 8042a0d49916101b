/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime: the kernel's bitmaps (include/linux/bitmap.h, find.h), as
 * a thread's affinity uses them, for the hosts that are not the kernel: the
 * userspace host (user/prt_user.h) and the BPF one (bpf/prt_bpf.h), which
 * include this after defining __ffs64(), prt_popcount64() and PRT_LOOP.
 * Arrays of unsigned long, bit n in word n / BITS_PER_LONG: the layout of a
 * cpumask. A word at a time, as the kernel's: a host's cost measured in
 * userspace is its cost in the kernel (scripts/bench-host.sh).
 */
#ifndef PRT_BITMAP_H
#define PRT_BITMAP_H

#define BITS_PER_LONG		((int)(sizeof(long) * 8))
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITMAP_LAST_WORD_MASK(n) (~0UL >> (-(n) & (BITS_PER_LONG - 1)))

static inline bool test_bit(long nr, const unsigned long *addr)
{
	return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

/* The first set (want 1) or clear (want 0) bit >= offset, or size. */
static inline unsigned long prt_bitmap_find(const unsigned long *addr,
					    unsigned long size,
					    unsigned long offset, bool want)
{
	unsigned long w, bits;

	if (offset >= size)
		return size;
	w = offset / BITS_PER_LONG;
	bits = (want ? addr[w] : ~addr[w]) & (~0UL << (offset % BITS_PER_LONG));
	while (!bits && PRT_LOOP) {
		if (++w * BITS_PER_LONG >= size)
			return size;
		bits = want ? addr[w] : ~addr[w];
	}
	if (!bits)
		return size;
	w = prt_opaque(w);	/* BPF: the loop stays imprecise (prt_bpf.h) */
	offset = w * BITS_PER_LONG + __ffs64(bits);
	return offset < size ? offset : size;
}

static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	return prt_bitmap_find(addr, size, offset, true);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long offset)
{
	return prt_bitmap_find(addr, size, offset, false);
}

static inline unsigned long find_first_bit(const unsigned long *addr,
					   unsigned long size)
{
	return prt_bitmap_find(addr, size, 0, true);
}

static inline unsigned int bitmap_weight(const unsigned long *src,
					 unsigned int nbits)
{
	unsigned int n = 0, w;

	for (w = 0; w < nbits / BITS_PER_LONG && PRT_LOOP; w++)
		n += prt_popcount64(src[w]);
	if (nbits % BITS_PER_LONG)
		n += prt_popcount64(src[nbits / BITS_PER_LONG] &
				    BITMAP_LAST_WORD_MASK(nbits));
	return n;
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_next_zero_bit(src, nbits, 0) == nbits;
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}

#endif /* PRT_BITMAP_H */
