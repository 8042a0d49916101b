// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime: the abstract machine of docs/semantics.md, in C.
 *
 * This file mirrors org.policy.dsl.semantics.Machine (the state and its
 * transitions) and Interpreter (events, settle, the steal) step for step:
 * the differential tests run both on the same event sequences and compare
 * every transition and the canonical dump after every event. When changing
 * either, change both.
 */
#include "prt.h"

#ifdef __KERNEL__
#include <linux/module.h>
#endif

/* ---------------------------------------------------------------- faults */

/* Counts a fault and keeps its line if it is the first: then its text is to be written. */
static bool first_fault(struct prt_machine *m, int line)
{
	m->stats.faults++;
	if (m->faulted)
		return false;
	m->faulted = true;
	m->fault_line = line;
	return true;
}

void prt_fault(struct prt_machine *m, int line, const char *what,
	       const char *detail)
{
	if (first_fault(m, line))
		snprintf(m->fault_msg, sizeof(m->fault_msg), "'%s' %s", what,
			 detail);
}

const char *prt_state_name(s32 state)
{
	static const char * const names[] = {
		"nonexistent", "new", "running", "ready", "blocked", "terminated"
	};

	if (state < 0 || state > PRT_TERMINATED)
		return "?";
	return names[state];
}

const char *prt_event_name(enum prt_event event)
{
	static const char * const names[PRT_NR_EVENTS] = {
		"new", "tick", "yield", "block", "unblock", "terminate",
		"schedule", "enter_idle", "exit_idle", "preempt", "balance"
	};

	if (event < 0 || event >= PRT_NR_EVENTS)
		return "?";
	return names[event];
}

/* ---------------------------------------------------------------- inputs */

const s32 prt_nice_weight[PRT_NR_NICE] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

/* ---------------------------------------------------------------- machine */

/* Words of the preemption request set: one bit per core, at least one word. */
static s32 preempt_words(const struct prt_machine *m)
{
	return m->nr_cores / 64 + 1;
}

/* Only prt_machine_init() allocates: never an event. */
static void __prt_arena *zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

/* ---------------------------------------------------------------- affinity */

static unsigned long *affinity_of(struct prt_machine *m, s32 t)
{
	return prt_plain(m->affinity + (size_t)t * m->affinity_longs);
}

/* Sets the bit of every core; the bits above nr_cores stay clear. */
static void allow_every_core(const struct prt_machine *m, unsigned long *bits)
{
	s32 w;

	for (w = 0; w < m->affinity_longs && PRT_LOOP; w++)
		bits[w] = ~0UL;
	bits[m->affinity_longs - 1] &= BITMAP_LAST_WORD_MASK(m->nr_cores);
}

/* Whether bits (a host's, not masked) allow one of the machine's cores. */
static bool allows_some_core(const struct prt_machine *m,
			     const unsigned long *bits)
{
	return !bits || !bitmap_empty(bits, m->nr_cores);
}

static bool restricted(const struct prt_machine *m, s32 t)
{
	return !bitmap_full(prt_affinity(m, t), m->nr_cores);
}

/*
 * Thread t's affinity becomes bits (NULL: every core; else at least one of
 * the machine's cores), keeping m->nr_restricted. cpu(t) of a thread on no
 * core that the new set leaves out becomes its lowest allowed core; a thread
 * on a core the set leaves out must be taken off it first.
 */
static void set_affinity(struct prt_machine *m, s32 t,
			 const unsigned long *bits)
{
	unsigned long *to = affinity_of(m, t);
	struct prt_thread *th = prt_plain(&m->threads[t]);
	s32 w;

	m->nr_restricted -= restricted(m, t);
	if (bits) {
		for (w = 0; w < m->affinity_longs && PRT_LOOP; w++)
			to[w] = bits[w];
		to[m->affinity_longs - 1] &= BITMAP_LAST_WORD_MASK(m->nr_cores);
	} else {
		allow_every_core(m, to);
	}
	m->nr_restricted += restricted(m, t);
	if (th->cpu != PRT_NONE && !test_bit(th->cpu, to))
		th->cpu = (s32)find_first_bit(to, m->nr_cores);
}

/* Whether t runs on a core or waits in a core's own queue. */
static bool on_core(const struct prt_machine *m, s32 t)
{
	const struct prt_thread *th = prt_plain(&m->threads[t]);

	return th->state == PRT_RUNNING ||
	       (th->state == PRT_READY && m->queues[th->queue].owner != PRT_NONE);
}

/*
 * Calls print with the pieces of a cpulist, the kernel's "%*pbl" format
 * (0-3,8): the text of an affinity in a dump or a fault, as Affinity.java
 * prints it.
 */
static void print_cpulist(const unsigned long *bits, s32 nr,
			  prt_print_fn print, void *out)
{
	char piece[32];
	bool first = true;
	s32 from, to;

	for (from = (s32)find_first_bit(bits, nr); from < nr && PRT_LOOP;
	     from = (s32)find_next_bit(bits, nr, to + 1)) {
		to = (s32)find_next_zero_bit(bits, nr, from) - 1;
		if (to > from)
			snprintf(piece, sizeof(piece), "%d-%d", from, to);
		else
			snprintf(piece, sizeof(piece), "%d", from);
		if (!first)
			print(out, ",");
		print(out, piece);
		first = false;
	}
}

/* A bounded text being written, as print_cpulist() writes it. */
struct text_buf {
	char *text;
	size_t size;
	size_t len;
};

static void append_text(void *out, const char *piece)
{
	struct text_buf *b = out;
	size_t n = strlen(piece);

	if (b->len + n >= b->size)
		n = b->size - b->len - 1;	/* cut to fit */
	memcpy(b->text + b->len, piece, n);
	b->len += n;
	b->text[b->len] = 0;
}

/* `t => c.ready` or `t => c.current` for a core c outside t's affinity. */
static void affinity_fault(struct prt_machine *m, int line, s32 t, s32 core)
{
	struct text_buf b = { m->fault_msg, sizeof(m->fault_msg), 0 };

	if (!first_fault(m, line))
		return;
	b.len = (size_t)snprintf(m->fault_msg, sizeof(m->fault_msg),
				 "t%d may not run on core %d: its affinity is ",
				 t, core);
#ifndef PRT_BPF	/* there the message ends before the affinity's cpulist */
	if (b.len < b.size)
		print_cpulist(prt_affinity(m, t), m->nr_cores, append_text, &b);
#endif
}

/* Queue i: its kind and owner (per-core queues first), and its memory. */
static int init_queue(struct prt_machine *m, s32 i)
{
	const struct prt_policy *p = prt_policy_of(m);
	struct prt_queue *q = prt_plain(&m->queues[i]);
	s32 per_core = p->nr_core_queues * m->nr_cores;

	q->id = i;
	q->kind = i < per_core ? i % p->nr_core_queues
			       : p->nr_core_queues + i - per_core;
	q->owner = i < per_core ? i / p->nr_core_queues : PRT_NONE;
	q->room = 2 * m->capacity;
	q->elem = zalloc(sizeof(s32) * q->room);
	q->key = zalloc(sizeof(s64) * q->room);
	q->sums = zalloc(sizeof(s64) * (p->nr_summed + 1));
	return q->elem && q->key && q->sums ? 0 : -1;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible int
prt_bpf_init_queue(struct prt_machine __prt_arena *m __arg_arena, s32 i)
{
	return init_queue(prt_plain(m), i);
}
#define init_queue(m, i)	prt_bpf_init_queue(prt_arena_ptr(m), i)
#endif

int prt_machine_init(struct prt_machine *m, const struct prt_policy *p,
		     s32 nr_cores, s32 capacity)
{
	s32 i, room = capacity > nr_cores ? capacity : nr_cores;
	u32 dummy = p->thread_size > p->core_size ? p->thread_size
						  : p->core_size;

	memset(m, 0, sizeof(*m));
	m->policy = p;
	m->nr_cores = nr_cores;
	m->capacity = capacity;
	m->nr_queues = p->nr_core_queues * nr_cores + p->nr_shared_queues;
	m->self = PRT_NONE;
	m->target = PRT_NONE;
	raw_spin_lock_init(&m->lock);

	m->threads = zalloc(sizeof(*m->threads) * capacity);
	m->thread_data = zalloc((size_t)p->thread_size * capacity + 1);
	m->cores = zalloc(sizeof(*m->cores) * nr_cores);
	m->core_data = zalloc((size_t)p->core_size * nr_cores + 1);
	m->queues = zalloc(sizeof(*m->queues) * (m->nr_queues + 1));
	m->dummy = zalloc(dummy + sizeof(s64));
	m->steal_order = zalloc(sizeof(s32) * capacity);
	m->steal_keys = zalloc(sizeof(s64) * capacity);
	m->snap = zalloc(sizeof(s32 *) * (p->nr_snapshots + 1));
	m->preempt_pending = zalloc(sizeof(u64) * preempt_words(m));
	m->resched_pending = zalloc(sizeof(u64) * preempt_words(m));
	m->touched_mask = zalloc(sizeof(u64) * preempt_words(m));
	m->touched = zalloc(sizeof(s32) * nr_cores);
	m->idle_mask = zalloc(sizeof(u64) * preempt_words(m));
	m->affinity_longs = BITS_TO_LONGS(nr_cores);
	m->affinity = zalloc(sizeof(unsigned long) * capacity *
			     m->affinity_longs);
	if (!m->threads || !m->thread_data || !m->cores || !m->core_data ||
	    !m->queues || !m->dummy || !m->steal_order || !m->steal_keys ||
	    !m->snap || !m->preempt_pending || !m->affinity ||
	    !m->resched_pending || !m->touched_mask || !m->touched ||
	    !m->idle_mask)
		goto nomem;
	for (i = 0; i < p->nr_snapshots && PRT_LOOP; i++) {
		m->snap[i] = zalloc(sizeof(s32) * room);
		if (!m->snap[i])
			goto nomem;
	}
	for (i = 0; i < PRT_NR_LEVELS; i++) {
		m->group[i] = zalloc(sizeof(s32) * nr_cores);
		m->dom_members[i] = zalloc(sizeof(s32) * nr_cores);
		m->dom_first[i] = zalloc(sizeof(s32) * nr_cores);
		m->dom_len[i] = zalloc(sizeof(s32) * nr_cores);
		if (!m->group[i] || !m->dom_members[i] || !m->dom_first[i] ||
		    !m->dom_len[i])
			goto nomem;
	}
	for (i = 0; i < m->nr_queues && PRT_LOOP; i++)
		if (init_queue(m, i))
			goto nomem;
	m->dummy_queue.id = PRT_NONE;
	m->dummy_queue.owner = PRT_NONE;
	m->dummy_queue.elem = m->steal_order;
	m->dummy_queue.key = m->steal_keys;
	for (i = 0; i < capacity && PRT_LOOP; i++) {
		m->threads[i].cpu = PRT_NONE;
		m->threads[i].queue = PRT_NONE;
		m->threads[i].last_queue = PRT_NONE;
		allow_every_core(m, affinity_of(m, i));
	}
	for (i = 0; i < nr_cores && PRT_LOOP; i++) {
		m->cores[i].curr = PRT_NONE;
		m->cores[i].in.id = i;
		m->cores[i].in.capacity = PRT_FULL_CAPACITY;
	}
	return 0;
nomem:
	prt_machine_free(m);
	return -1;
}

void prt_machine_free(struct prt_machine *m)
{
	s32 i;

	if (m->queues)
		for (i = 0; i < m->nr_queues && PRT_LOOP; i++) {
			kvfree(m->queues[i].elem);
			kvfree(m->queues[i].key);
			kvfree(m->queues[i].sums);
		}
	if (m->snap)
		for (i = 0; i < prt_policy_of(m)->nr_snapshots && PRT_LOOP; i++)
			kvfree(m->snap[i]);
	for (i = 0; i < PRT_NR_LEVELS; i++) {
		kvfree(m->group[i]);
		kvfree(m->dom_members[i]);
		kvfree(m->dom_first[i]);
		kvfree(m->dom_len[i]);
	}
	kvfree(m->snap);
	kvfree(m->affinity);
	kvfree(m->preempt_pending);
	kvfree(m->resched_pending);
	kvfree(m->touched_mask);
	kvfree(m->idle_mask);
	kvfree(m->touched);
	kvfree(m->steal_keys);
	kvfree(m->steal_order);
	kvfree(m->dummy);
	kvfree(m->queues);
	kvfree(m->core_data);
	kvfree(m->cores);
	kvfree(m->thread_data);
	kvfree(m->threads);
	memset(m, 0, sizeof(*m));
}

void prt_topology_sizes(struct prt_machine *m, s32 smt, s32 llc, s32 numa)
{
	/* no SMT (size 0 or 1): each core alone at smt, as Topology.of() */
	s32 sizes[PRT_NR_LEVELS] = { smt > 1 ? smt : 1, llc, numa, 0 };
	s32 level, c;

	for (level = 0; level < PRT_NR_LEVELS; level++)
		for (c = 0; c < m->nr_cores && PRT_LOOP; c++)
			m->group[level][c] = sizes[level] <= 0 ? 0
							       : c / sizes[level];
}

static void enter(struct prt_machine *m, s32 core, s32 target, bool schedule)
{
	m->self = core;
	m->target = target;
	m->in_schedule = schedule;
}

/* The lowest core whose group at level is core c's. */
static s32 lowest_in_group(const struct prt_machine *m, s32 level, s32 c)
{
	const s32 *group = prt_plain(m->group[level]);
	s32 d;

	for (d = 0; d < c && group[d] != group[c] && PRT_LOOP; d++)
		;
	return d;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): its result is opaque */
__noinline __prt_visible s32
prt_bpf_lowest_in_group(struct prt_machine __prt_arena *m __arg_arena,
			s32 level, s32 c)
{
	return lowest_in_group(prt_plain(m), level, c);
}
#define lowest_in_group(m, level, c)					\
	prt_bpf_lowest_in_group(prt_arena_ptr(m), level, c)
#endif

/*
 * Lists the domain at level whose lowest core is c from dom_members[level]
 * [next], and points its cores there; returns the index after it.
 */
static s32 list_domain(struct prt_machine *m, s32 level, s32 c, s32 next)
{
	const s32 *group = prt_plain(m->group[level]);
	s32 d, first = next;

	for (d = c; d < m->nr_cores && PRT_LOOP; d++)
		if (group[d] == group[c])
			m->dom_members[level][next++] = d;
	for (d = first; d < next && PRT_LOOP; d++) {
		m->dom_first[level][m->dom_members[level][d]] = first;
		m->dom_len[level][m->dom_members[level][d]] = next - first;
	}
	return next;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): its result is opaque */
__noinline __prt_visible s32
prt_bpf_list_domain(struct prt_machine __prt_arena *m __arg_arena, s32 level,
		    s32 c, s32 next)
{
	return list_domain(prt_plain(m), level, c, next);
}
#define list_domain(m, level, c, next)					\
	prt_bpf_list_domain(prt_arena_ptr(m), level, c, next)
#endif

/* Lists each level's domains from group[] (see struct prt_machine); O(cores^2), once. */
static void list_domains(struct prt_machine *m)
{
	s32 level, c, next;

	for (level = 0; level < PRT_NR_LEVELS; level++) {
		next = 0;
		for (c = 0; c < m->nr_cores && PRT_LOOP; c++)
			if (lowest_in_group(m, level, c) == c)
				next = list_domain(m, level, c, next);
	}
}

int prt_set_core_capacity(struct prt_machine *m, s32 core, s64 capacity)
{
	if (core < 0 || core >= m->nr_cores)
		return -1;
	m->cores[core].in.capacity = capacity >= 1 &&
				     capacity <= PRT_FULL_CAPACITY ?
				     (s32)capacity : PRT_FULL_CAPACITY;
	return 0;
}

void prt_machine_start(struct prt_machine *m)
{
	s32 c;

	list_domains(m);

	for (c = 0; c < m->nr_cores && PRT_LOOP; c++) {
		m->cores[c].state = 0;
		enter(m, c, PRT_NONE, false);
		if (prt_policy_of(m)->init_core)
			prt_policy_of(m)->init_core(m, c);
	}
}

/* ---------------------------------------------------------------- state */

static void notify(struct prt_machine *m, s32 t, s32 from_state, s32 from_cpu,
		   s32 queue)
{
	m->stats.moves++;
#ifndef PRT_BPF	/* no listener there (and BPF has no indirect calls) */
	if (m->on_move)
		m->on_move(m, t, from_state, from_cpu, m->threads[t].state,
			   m->threads[t].cpu, queue);
#endif
}

/* Moves n entries of q from index `from` to index `to` (the ranges may overlap). */
static void shift(struct prt_queue *q, s32 to, s32 from, s32 n)
{
	memmove(prt_plain(&q->elem[to]), prt_plain(&q->elem[from]), sizeof(s32) * n);
	memmove(prt_plain(&q->key[to]), prt_plain(&q->key[from]), sizeof(s64) * n);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible void
prt_bpf_shift(struct prt_queue __prt_arena *q __arg_arena, s32 to, s32 from,
	      s32 n)
{
	shift(prt_plain(q), to, from, n);
}
#define shift(q, to, from, n)	prt_bpf_shift(prt_arena_ptr(q), to, from, n)
#endif

/* Removes the entry at position i (in queue order), moving the shorter side. */
static void remove_at(struct prt_queue *q, s32 i)
{
	if (i < q->size / 2) {
		shift(q, q->head + 1, q->head, i);
		q->head++;
	} else {
		shift(q, q->head + i, q->head + i + 1, q->size - i - 1);
	}
	q->size--;
}

/*
 * Opens a free entry at position pos (0..size) and returns its index, moving
 * the shorter side; when that side has no room the queue is first moved to
 * the middle of its room (rarely: room is twice the most it can hold).
 */
static s32 insert_at(struct prt_queue *q, s32 pos)
{
	bool front = pos < q->size / 2;

	if ((front && q->head == 0) || (!front && q->head + q->size == q->room)) {
		s32 middle = (q->room - q->size) / 2;

		shift(q, middle, q->head, q->size);
		q->head = middle;
	}
	if (front) {
		shift(q, q->head - 1, q->head, pos);
		q->head--;
	} else {
		shift(q, q->head + pos + 1, q->head + pos, q->size - pos);
	}
	q->size++;
	return q->head + pos;
}

/* A summed thread attribute of t (prt_policy.summed). */
static s64 *summed_attr(struct prt_machine *m, s32 t, s32 i)
{
	return (s64 *)((u8 *)prt_thread_data(m, t) + prt_policy_of(m)->summed[i]);
}

/* Adds (sign 1) or removes (sign -1) t's summed attributes to or from q's sums. */
static void add_sums(struct prt_machine *m, s32 t, struct prt_queue *q, s64 sign)
{
	s32 i;

	if (!q->sums)
		return;
	for (i = 0; i < prt_policy_of(m)->nr_summed && PRT_LOOP; i++)
		q->sums[i] = prt_add(q->sums[i], prt_mul(sign, *summed_attr(m, t, i)));
}

void prt_set_summed(struct prt_machine *m, s64 t, s32 i, s64 value)
{
	struct prt_thread *th = prt_plain(&m->threads[t]);
	s64 *field;

	if (i < 0 || i >= prt_policy_of(m)->nr_summed)
		return;	/* not a summed attribute (and no code for a policy without one) */
	field = summed_attr(m, (s32)t, i);
	if (th->state == PRT_READY && th->queue != PRT_NONE) {
		struct prt_queue *q = prt_plain(&m->queues[th->queue]);

		q->sums[i] = prt_add(q->sums[i], prt_sub(value, *field));
	}
	*field = value;
}

/* Takes a thread out of its current place, leaving its state to the caller. */
/* Core c was changed by an event that may run elsewhere (prt_complete()). */
static void touch(struct prt_machine *m, s32 c)
{
	u64 bit = 1ULL << (c % 64);

	if (!(m->touched_mask[c / 64] & bit)) {
		m->touched_mask[c / 64] |= bit;
		m->touched[m->nr_touched++] = c;
	}
}

/* The position of t in q (in queue order), which holds it. */
static s32 position_of(const struct prt_queue *q, s32 t)
{
	s32 i = 0;

	while (q->elem[q->head + i] != t && PRT_LOOP)
		i++;
	return i;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible s32
prt_bpf_position_of(struct prt_queue __prt_arena *q __arg_arena, s32 t)
{
	return position_of(prt_plain(q), t);
}
#define position_of(q, t)	prt_bpf_position_of(prt_arena_ptr(q), t)
#endif

static void detach(struct prt_machine *m, s32 t)
{
	struct prt_thread *th = prt_plain(&m->threads[t]);

	if (th->state == PRT_RUNNING) {
		m->cores[th->cpu].curr = PRT_NONE;
		touch(m, th->cpu);
	} else if (th->state == PRT_READY) {
		struct prt_queue *q = prt_plain(&m->queues[th->queue]);

		remove_at(q, position_of(q, t));
		add_sums(m, t, q, -1);
		th->last_queue = th->queue;
		th->queue = PRT_NONE;
	}
}

/*
 * The position at which a thread of key `key` goes in q, sorted by
 * decreasing (highest) or increasing keys: after every entry whose key
 * sorts before it or equal, so that equal keys stay in arrival order.
 */
static s32 sorted_position(const struct prt_queue *q, s64 key, bool highest)
{
	s32 lo = 0, hi = q->size;

	while (lo < hi && PRT_LOOP) {
		s32 mid = (s32)((u32)(lo + hi) >> 1);
		s64 k = q->key[q->head + mid];

		if (highest ? k >= key : k <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible s32
prt_bpf_sorted_position(struct prt_queue __prt_arena *q __arg_arena, s64 key,
			bool highest)
{
	return sorted_position(prt_plain(q), key, highest);
}
#define sorted_position(q, key, highest)				\
	prt_bpf_sorted_position(prt_arena_ptr(q), key, highest)
#endif

/*
 * q's declaration. The machine made q's kind one of the policy's queue
 * declarations; the bound is checked again for BPF, where the descriptor
 * is read-only data the verifier indexes only within bounds it can see.
 */
static const struct prt_queue_decl *queue_decl(const struct prt_machine *m,
					       const struct prt_queue *q)
{
	const struct prt_policy *p = prt_policy_of(m);
	u32 kind = (u32)q->kind;

	if (kind >= (u32)(p->nr_core_queues + p->nr_shared_queues))
		kind = 0;
	return &p->queues[kind];
}

/* Puts t in q at its place in q's order (FIFO: at the back). */
static void enqueue(struct prt_machine *m, s32 t, struct prt_queue *q)
{
	const struct prt_queue_decl *d = queue_decl(m, q);
	struct prt_thread *th = prt_plain(&m->threads[t]);
	s32 from_state = th->state, from_cpu = th->cpu;
	s32 pos, at;
	s64 key = 0;

	detach(m, t);
	pos = q->size;
	if (d->order != PRT_FIFO) {
		key = *(s64 *)((u8 *)prt_thread_data(m, t) + d->key_offset);
		pos = sorted_position(q, key, d->order == PRT_HIGHEST);
	}
	at = insert_at(q, pos);
	q->elem[at] = t;
	q->key[at] = key;
	add_sums(m, t, q, 1);
	th->state = PRT_READY;
	th->queue = q->id;
	if (q->owner != PRT_NONE) {
		th->cpu = q->owner;
		touch(m, q->owner);
	}
	notify(m, t, from_state, from_cpu, q->id);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible void
prt_bpf_enqueue(struct prt_machine __prt_arena *m __arg_arena, s32 t,
		struct prt_queue __prt_arena *q __arg_arena)
{
	enqueue(prt_plain(m), t, prt_plain(q));
}
#define enqueue(m, t, q)	prt_bpf_enqueue(prt_arena_ptr(m), t, prt_arena_ptr(q))
#endif

static void run(struct prt_machine *m, s32 t, s32 c)
{
	struct prt_thread *th = prt_plain(&m->threads[t]);
	s32 from_state = th->state, from_cpu = th->cpu;

	detach(m, t);
	m->cores[c].curr = t;
	th->state = PRT_RUNNING;
	th->cpu = c;
	notify(m, t, from_state, from_cpu, PRT_NONE);
}

static void park(struct prt_machine *m, s32 t, s32 state)
{
	struct prt_thread *th = prt_plain(&m->threads[t]);
	s32 from_state = th->state;

	detach(m, t);
	th->state = state;
	notify(m, t, from_state, th->cpu, PRT_NONE);
}

/* ---------------------------------------------------------------- collections */

s64 prt_cset_size(const struct prt_machine *m, struct prt_cset s)
{
	s64 n = 0;
	s32 c;

	if (s.kind == PRT_CSET_DOMAIN)
		return prt_cset_span(m, s);
	if (s.kind == PRT_CSET_AFFINITY)
		return bitmap_weight(prt_affinity(m, s.arg), m->nr_cores);
	for (c = 0; c < m->nr_cores && PRT_LOOP; c++)
		if (prt_cset_has(m, s, c))
			n++;
	return n;
}

s32 prt_snapshot_queue(struct prt_machine *m, s32 buf,
		       const struct prt_queue *q)
{
	memcpy(prt_plain(m->snap[buf]), prt_plain(&q->elem[q->head]),
	       sizeof(s32) * q->size);
	return q->size;
}

s32 prt_snapshot_cset(struct prt_machine *m, s32 buf, struct prt_cset s)
{
	s32 i, n = 0, span = prt_cset_span(m, s);
	s64 c;

	for (i = 0; i < span && PRT_LOOP; i++) {
		c = prt_cset_at(m, s, i);
		if (c != PRT_NONE)
			m->snap[buf][n++] = (s32)c;
	}
	return n;
}

/* ---------------------------------------------------------------- transitions */

/* The thread a transition moves, after checking the event lets it move. */
static bool movable(struct prt_machine *m, s64 t, int line)
{
	if (m->faulted)
		return false;
	if ((u64)t >= (u64)m->capacity) {
		prt_fault(m, line, "thread", "of none");
		return false;
	}
	if (t != m->target && !m->in_schedule) {
		prt_fault(m, line, "thread",
			  "moved by a handler that may only move its target");
		return false;
	}
	return true;
}

void prt_to_queue(struct prt_machine *m, s64 t, struct prt_queue *q, int line)
{
	if (!movable(m, t, line) || q->id == PRT_NONE)
		return;
	/* a shared queue takes any thread: the core that runs it is checked */
	if (q->owner != PRT_NONE && !prt_allowed(m, (s32)t, q->owner)) {
		affinity_fault(m, line, (s32)t, q->owner);
		return;
	}
	enqueue(m, (s32)t, q);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): the policy calls it */
__noinline __prt_visible void
prt_bpf_to_queue(struct prt_machine __prt_arena *m __arg_arena, s64 t,
		 struct prt_queue __prt_arena *q __arg_arena, int line)
{
	prt_to_queue(prt_plain(m), t, prt_plain(q), line);
}
#define prt_to_queue(m, t, q, line)	\
	prt_bpf_to_queue(prt_arena_ptr(m), t, prt_arena_ptr(q), line)
#endif

void prt_to_blocked(struct prt_machine *m, s64 t, int line)
{
	if (movable(m, t, line))
		park(m, (s32)t, PRT_BLOCKED);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): the policy calls it */
__noinline __prt_visible void
prt_bpf_to_blocked(struct prt_machine __prt_arena *m __arg_arena, s64 t,
		   int line)
{
	prt_to_blocked(prt_plain(m), t, line);
}
#define prt_to_blocked(m, t, line)	\
	prt_bpf_to_blocked(prt_arena_ptr(m), t, line)
#endif

void prt_to_terminated(struct prt_machine *m, s64 t, int line)
{
	if (movable(m, t, line))
		park(m, (s32)t, PRT_TERMINATED);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): the policy calls it */
__noinline __prt_visible void
prt_bpf_to_terminated(struct prt_machine __prt_arena *m __arg_arena, s64 t,
		      int line)
{
	prt_to_terminated(prt_plain(m), t, line);
}
#define prt_to_terminated(m, t, line)	\
	prt_bpf_to_terminated(prt_arena_ptr(m), t, line)
#endif

void prt_to_current(struct prt_machine *m, s64 t, s64 c, int line)
{
	if (!movable(m, t, line))
		return;
	if ((u64)c >= (u64)m->nr_cores) {
		prt_fault(m, line, "current", "of none");
		return;
	}
	if (c != m->self || !m->in_schedule) {
		prt_fault(m, line, "current",
			  "filled outside schedule or not on self");
		return;
	}
	if (m->cores[c].curr != PRT_NONE) {
		prt_fault(m, line, "current", "filled twice");
		return;
	}
	if (m->threads[t].state != PRT_READY) {
		prt_fault(m, line, "current", "given a thread that is not ready");
		return;
	}
	if (!prt_allowed(m, (s32)t, (s32)c)) {
		affinity_fault(m, line, (s32)t, (s32)c);
		return;
	}
	run(m, (s32)t, (s32)c);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): the policy calls it */
__noinline __prt_visible void
prt_bpf_to_current(struct prt_machine __prt_arena *m __arg_arena, s64 t, s64 c,
		   int line)
{
	prt_to_current(prt_plain(m), t, c, line);
}
#define prt_to_current(m, t, c, line)	\
	prt_bpf_to_current(prt_arena_ptr(m), t, c, line)
#endif

void prt_to_core_state(struct prt_machine *m, s64 c, s32 state, int line)
{
	if (m->faulted)
		return;
	if ((u64)c >= (u64)m->nr_cores) {
		prt_fault(m, line, "core", "of none");
		return;
	}
	m->cores[c].state = state;
}

/* ---------------------------------------------------------------- events */

/*
 * Whether the policy has a handler for e; if so and run, runs it. BPF has no
 * indirect calls: there a switch makes each handler a constant of the
 * descriptor (prt_policy_of()), which the compiler calls directly.
 */
#ifdef PRT_BPF
/* whether e's handler exists, having run it if asked to (run) */
#define HANDLER(e)							\
	(prt_this_policy.handlers[e] && run ?				\
	 (prt_this_policy.handlers[e](m, core, target), true) :		\
	 prt_this_policy.handlers[e] != NULL)

static bool handler(struct prt_machine *m, enum prt_event e, s32 core,
		    s32 target, bool run)
{
	switch (e) {
	case PRT_EV_NEW:
		return HANDLER(PRT_EV_NEW);
	case PRT_EV_TICK:
		return HANDLER(PRT_EV_TICK);
	case PRT_EV_YIELD:
		return HANDLER(PRT_EV_YIELD);
	case PRT_EV_BLOCK:
		return HANDLER(PRT_EV_BLOCK);
	case PRT_EV_UNBLOCK:
		return HANDLER(PRT_EV_UNBLOCK);
	case PRT_EV_TERMINATE:
		return HANDLER(PRT_EV_TERMINATE);
	case PRT_EV_SCHEDULE:
		return HANDLER(PRT_EV_SCHEDULE);
	case PRT_EV_ENTER_IDLE:
		return HANDLER(PRT_EV_ENTER_IDLE);
	case PRT_EV_EXIT_IDLE:
		return HANDLER(PRT_EV_EXIT_IDLE);
	case PRT_EV_PREEMPT:
		return HANDLER(PRT_EV_PREEMPT);
	default:
		return false;
	}
}
#undef HANDLER
#else
static bool handler(struct prt_machine *m, enum prt_event e, s32 core,
		    s32 target, bool run)
{
	prt_handler_fn h = m->policy->handlers[e];

	if (h && run)
		h(m, core, target);
	return h;
}
#endif

static int run_handler(struct prt_machine *m, enum prt_event e, s32 core,
		       s32 target, bool schedule)
{
	if (!handler(m, e, core, target, false))
		return PRT_OK;
	enter(m, core, target, schedule);
	m->stats.events[e]++;
	handler(m, e, core, target, true);
	return m->faulted ? PRT_FAULT : PRT_OK;
}

/* The event type's promise about the target's state after the handler. */
static int expect(struct prt_machine *m, s32 t, s32 state)
{
	if (m->threads[t].state == state)
		return PRT_OK;
	prt_fault(m, 0, prt_state_name(m->threads[t].state),
		  "is a state its event type does not allow");
	return PRT_FAULT;
}

/* Thread t's inputs from the host's record, invalid parts replaced (prt_new()). */
static void set_inputs(struct prt_machine *m, s32 t,
		       const struct prt_thread_in *in)
{
	struct prt_thread_in *to = prt_plain(&m->threads[t].in);
	const unsigned long *affinity = in ? prt_plain(in->affinity) : NULL;

	if (!allows_some_core(m, affinity)) {
		m->stats.bad_inputs++;
		affinity = NULL;
	}
	set_affinity(m, t, affinity);
	memset(to, 0, sizeof(*to));
	to->group_weight = PRT_DEFAULT_GROUP_WEIGHT;
	to->affinity = m->affinity + (size_t)t * m->affinity_longs;
	if (!in)
		return;
	if (prt_nice_valid(in->nice))
		to->nice = in->nice;
	else
		m->stats.bad_inputs++;
	if (prt_rt_valid(in)) {
		to->runtime = in->runtime;
		to->deadline = in->deadline;
		to->period = in->period;
	} else {
		m->stats.bad_inputs++;
	}
	if (prt_group_valid(in)) {
		to->group = in->group;
		to->group_weight = in->group_weight;
	} else {
		m->stats.bad_inputs++;
	}
}

int prt_new(struct prt_machine *m, s32 core, s32 t,
	    const struct prt_thread_in *in)
{
	struct prt_thread *th;

	if (m->faulted)
		return PRT_FAULT;
	if (t < 0 || t >= m->capacity ||
	    m->threads[t].state != PRT_NONEXISTENT)
		return PRT_SKIPPED;
	th = prt_plain(&m->threads[t]);
	th->state = PRT_NEW;
	th->cpu = core;
	th->queue = PRT_NONE;
	th->last_queue = PRT_NONE;
	if (t >= m->nr_threads)
		m->nr_threads = t + 1;
	set_inputs(m, t, in);	/* cpu(t) moves into t's affinity */
	memset(prt_thread_data(m, t), 0, prt_policy_of(m)->thread_size);
	enter(m, core, t, false);
	if (prt_policy_of(m)->init_thread)
		prt_policy_of(m)->init_thread(m, core, t);
	if (run_handler(m, PRT_EV_NEW, core, t, false))
		return PRT_FAULT;
	return expect(m, t, PRT_READY);
}

/* The events whose target is the thread running on `core`. */
static int running_event(struct prt_machine *m, enum prt_event e, s32 core,
			 s32 after)
{
	s32 t;

	if (m->faulted)
		return PRT_FAULT;
	t = m->cores[core].curr;
	if (t == PRT_NONE)
		return PRT_SKIPPED;
	if (run_handler(m, e, core, t, false))
		return PRT_FAULT;
	if (e == PRT_EV_TICK && m->threads[t].state == PRT_RUNNING &&
	    m->threads[t].cpu == core)
		return PRT_OK;
	return expect(m, t, after);
}

int prt_tick(struct prt_machine *m, s32 core)
{
	return running_event(m, PRT_EV_TICK, core, PRT_READY);
}

int prt_yield(struct prt_machine *m, s32 core)
{
	return running_event(m, PRT_EV_YIELD, core, PRT_READY);
}

int prt_block(struct prt_machine *m, s32 core)
{
	return running_event(m, PRT_EV_BLOCK, core, PRT_BLOCKED);
}

int prt_terminate(struct prt_machine *m, s32 core)
{
	return running_event(m, PRT_EV_TERMINATE, core, PRT_TERMINATED);
}

int prt_unblock(struct prt_machine *m, s32 core, s32 t)
{
	if (m->faulted)
		return PRT_FAULT;
	if (t < 0 || t >= m->nr_threads || m->threads[t].state != PRT_BLOCKED)
		return PRT_SKIPPED;
	if (run_handler(m, PRT_EV_UNBLOCK, core, t, false))
		return PRT_FAULT;
	return expect(m, t, PRT_READY);
}

int prt_change_affinity(struct prt_machine *m, s32 core, s32 t,
			const unsigned long *affinity)
{
	s32 state;
	bool displaced;

	if (m->faulted)
		return PRT_FAULT;
	if (t < 0 || t >= m->nr_threads)
		return PRT_SKIPPED;
	state = m->threads[t].state;
	if (state == PRT_NONEXISTENT || state == PRT_NEW ||
	    state == PRT_TERMINATED || !allows_some_core(m, affinity))
		return PRT_SKIPPED;
	displaced = on_core(m, t) && affinity &&
		    !test_bit(m->threads[t].cpu, affinity);
	if (displaced)
		park(m, t, PRT_BLOCKED);	/* off the core; cpu(t) kept */
	set_affinity(m, t, affinity);		/* moves cpu(t) if displaced */
	if (!displaced)
		return PRT_OK;
	if (run_handler(m, PRT_EV_UNBLOCK, core, t, false))
		return PRT_FAULT;
	return expect(m, t, PRT_READY);
}

int prt_schedule(struct prt_machine *m, s32 core)
{
	if (m->faulted)
		return PRT_FAULT;
	if (m->cores[core].curr != PRT_NONE)
		return PRT_SKIPPED;
	return run_handler(m, PRT_EV_SCHEDULE, core, PRT_NONE, true);
}

/* Marks core idle or not, in prt_core.idle and in idle_mask. */
static void set_idle(struct prt_machine *m, s32 core, bool idle)
{
	if (!m->cores[core].idle == !idle)
		return;
	m->cores[core].idle = idle;
	m->idle_mask[core / 64] ^= 1ULL << (core % 64);
	m->nr_idle += idle ? 1 : -1;
}

int prt_enter_idle(struct prt_machine *m, s32 core)
{
	if (m->faulted)
		return PRT_FAULT;
	if (run_handler(m, PRT_EV_ENTER_IDLE, core, PRT_NONE, false))
		return PRT_FAULT;
	set_idle(m, core, true);
	return PRT_OK;
}

int prt_exit_idle(struct prt_machine *m, s32 core)
{
	if (m->faulted)
		return PRT_FAULT;
	if (run_handler(m, PRT_EV_EXIT_IDLE, core, PRT_NONE, false))
		return PRT_FAULT;
	set_idle(m, core, false);
	return PRT_OK;
}

/* Whether a queue this core may schedule from (its own, or shared) has work. */
static bool has_queued_work(const struct prt_machine *m, s32 core)
{
	const struct prt_policy *p = prt_policy_of(m);
	s32 k, base = m->nr_cores * p->nr_core_queues;

	for (k = 0; k < p->nr_core_queues && PRT_LOOP; k++)
		if (m->queues[core * p->nr_core_queues + k].size > 0)
			return true;
	for (k = 0; k < p->nr_shared_queues && PRT_LOOP; k++)
		if (m->queues[base + k].size > 0)
			return true;
	return false;
}

int prt_settle_core(struct prt_machine *m, s32 core)
{
	struct prt_core *c = prt_plain(&m->cores[core]);

	if (m->faulted)
		return PRT_FAULT;
	if (c->curr != PRT_NONE)
		return PRT_OK;
	if (c->idle) {
		if (!has_queued_work(m, core))
			return PRT_OK;
		if (prt_exit_idle(m, core))
			return PRT_FAULT;
	}
	if (prt_schedule(m, core) == PRT_FAULT)
		return PRT_FAULT;
	if (c->curr != PRT_NONE)
		return PRT_OK;
	if (prt_policy_of(m)->steal && prt_policy_of(m)->steal->on_idle) {
		if (prt_balance(m, core) == PRT_FAULT)
			return PRT_FAULT;
		if (prt_schedule(m, core) == PRT_FAULT)
			return PRT_FAULT;
		if (c->curr != PRT_NONE)
			return PRT_OK;
	}
	return prt_enter_idle(m, core);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible int
prt_bpf_settle_core(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_settle_core(prt_plain(m), core);
}
#define prt_settle_core(m, core)	prt_bpf_settle_core(prt_arena_ptr(m), core)
#endif

/* ---------------------------------------------------------------- preemption */

void prt_preempt(struct prt_machine *m, s64 core, int line)
{
	u64 bit;

	if (m->faulted)
		return;
	if ((u64)core >= (u64)m->nr_cores) {
		prt_fault(m, line, "preempt", "of none");
		return;
	}
	m->stats.preempt_requests++;
	bit = 1ULL << (core % 64);
	touch(m, (s32)core);
	if (m->preempt_pending[core / 64] & bit)
		return;
	m->preempt_pending[core / 64] |= bit;
	m->nr_preempt_pending++;
}

/* The lowest core >= from whose bit is set in mask, or nr_cores. */
static s32 next_bit(const struct prt_machine *m, const u64 *mask, s32 from)
{
	s32 w, words = preempt_words(m);
	u64 bits;

	if (from < 0 || from >= m->nr_cores)
		return m->nr_cores;
	w = from / 64;
	bits = mask[w] & (~0ULL << (from % 64));
	while (!bits && PRT_LOOP) {
		if (++w == words)
			return m->nr_cores;
		bits = mask[w];
	}
	return w * 64 + (s32)__ffs64(bits);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls"): its result is opaque */
__noinline __prt_visible s32
prt_bpf_next_bit(struct prt_machine __prt_arena *m __arg_arena,
		 u64 __prt_arena *mask __arg_arena, s32 from)
{
	return next_bit(prt_plain(m), prt_plain(mask), from);
}
#define next_bit(m, mask, from)						\
	prt_bpf_next_bit(prt_arena_ptr(m), prt_arena_ptr(mask), from)
#endif

s32 prt_preempt_next(const struct prt_machine *m, s32 from)
{
	if (!m->nr_preempt_pending)
		return m->nr_cores;
	return next_bit(m, prt_plain(m->preempt_pending), from);
}

bool prt_preempt_requested(const struct prt_machine *m, s32 core)
{
	return m->preempt_pending[core / 64] & (1ULL << (core % 64));
}

int prt_deliver_preempt(struct prt_machine *m, s32 core)
{
	u64 bit = 1ULL << (core % 64);
	s32 t;

	if (m->faulted)
		return PRT_FAULT;
	if (!(m->preempt_pending[core / 64] & bit))
		return PRT_SKIPPED;
	m->preempt_pending[core / 64] &= ~bit;
	m->nr_preempt_pending--;
	t = m->cores[core].curr;
	if (t == PRT_NONE)
		return PRT_SKIPPED;	/* void: the core schedules anyway */
	m->stats.preempts++;
	if (run_handler(m, PRT_EV_PREEMPT, core, t, false))
		return PRT_FAULT;
	return expect(m, t, PRT_READY);
}

/* ---------------------------------------------------------------- concurrency */

static bool resched_pending(const struct prt_machine *m, s32 c)
{
	return m->resched_pending[c / 64] & (1ULL << (c % 64));
}

static void set_resched(struct prt_machine *m, s32 c, bool pending)
{
	u64 bit = 1ULL << (c % 64);

	if (resched_pending(m, c) == pending)
		return;
	m->resched_pending[c / 64] ^= bit;
	m->nr_resched_pending += pending ? 1 : -1;
}

s32 prt_resched_next(const struct prt_machine *m, s32 from)
{
	if (!m->nr_resched_pending)
		return m->nr_cores;
	return next_bit(m, prt_plain(m->resched_pending), from);
}

s32 prt_idle_next(const struct prt_machine *m, s32 from)
{
	if (!m->nr_idle)
		return m->nr_cores;
	return next_bit(m, prt_plain(m->idle_mask), from);
}

static void clear_touched(struct prt_machine *m)
{
	s32 i, c;

	for (i = 0; i < m->nr_touched && PRT_LOOP; i++) {
		c = m->touched[i];
		m->touched_mask[c / 64] &= ~(1ULL << (c % 64));
	}
	m->nr_touched = 0;
}

/* Whether a shared queue holds a thread. */
static bool shared_work(const struct prt_machine *m)
{
	const struct prt_policy *p = prt_policy_of(m);
	s32 k, base = m->nr_cores * p->nr_core_queues;

	for (k = 0; k < p->nr_shared_queues && PRT_LOOP; k++)
		if (m->queues[base + k].size > 0)
			return true;
	return false;
}

/* Whether a thread that may run on core waits in a shared queue. */
static bool shared_thread_for(const struct prt_machine *m, s32 core)
{
	const struct prt_policy *p = prt_policy_of(m);
	s32 k, i, base = m->nr_cores * p->nr_core_queues;

	if (!prt_affinity_restricted(m))
		return shared_work(m);
	for (k = 0; k < p->nr_shared_queues && PRT_LOOP; k++) {
		const struct prt_queue *q = prt_plain(&m->queues[base + k]);

		for (i = 0; i < q->size && PRT_LOOP; i++)
			if (prt_allowed(m, q->elem[q->head + i], core))
				return true;
	}
	return false;
}

/*
 * The idle kick of prt_complete(): every idle core without a pending
 * reschedule that may run a thread waiting in a shared queue gets one. All of
 * them, not one chosen by id: the verifier's core symmetry must not see ids.
 * Only the idle cores are visited (idle_mask), and none while no shared
 * queue holds a thread.
 */
static void idle_kick(struct prt_machine *m)
{
	s32 c;

	if (!m->nr_idle || !shared_work(m))
		return;
	for (c = prt_idle_next(m, 0); c < m->nr_cores && PRT_LOOP;
	     c = prt_idle_next(m, c + 1))
		if (m->cores[c].curr == PRT_NONE && !resched_pending(m, c) &&
		    shared_thread_for(m, c))
			set_resched(m, c, true);
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible void
prt_bpf_idle_kick(struct prt_machine __prt_arena *m __arg_arena)
{
	idle_kick(prt_plain(m));
}
#define idle_kick(m)	prt_bpf_idle_kick(prt_arena_ptr(m))
#endif

int prt_boot(struct prt_machine *m)
{
	s32 c;

	for (c = 0; c < m->nr_cores && PRT_LOOP; c++)
		if (prt_settle_core(m, c) == PRT_FAULT)
			return PRT_FAULT;
	clear_touched(m);
	return PRT_OK;
}

int prt_complete(struct prt_machine *m, s32 core)
{
	s32 i, c;

	if (m->faulted)
		return PRT_FAULT;
	set_resched(m, core, false);
	if (prt_preempt_requested(m, core) &&
	    prt_deliver_preempt(m, core) == PRT_FAULT)
		return PRT_FAULT;
	if (prt_settle_core(m, core) == PRT_FAULT)
		return PRT_FAULT;
	for (i = 0; i < m->nr_touched && PRT_LOOP; i++) {
		c = m->touched[i];
		if (c != core && (prt_preempt_requested(m, c) ||
				  m->cores[c].curr == PRT_NONE))
			set_resched(m, c, true);
	}
	clear_touched(m);
	idle_kick(m);
	return PRT_OK;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible int
prt_bpf_complete(struct prt_machine __prt_arena *m __arg_arena, s32 core)
{
	return prt_complete(prt_plain(m), core);
}
#define prt_complete(m, core)	prt_bpf_complete(prt_arena_ptr(m), core)
#endif

int prt_reschedule(struct prt_machine *m, s32 core)
{
	if (m->faulted)
		return PRT_FAULT;
	if (!resched_pending(m, core))
		return PRT_SKIPPED;
	return prt_complete(m, core);
}

int prt_reschedule_all(struct prt_machine *m)
{
	s32 c;

	for (c = prt_resched_next(m, 0); c < m->nr_cores && PRT_LOOP;
	     c = prt_resched_next(m, 0))
		if (prt_reschedule(m, c) == PRT_FAULT)
			return PRT_FAULT;
	return PRT_OK;
}

/* ---------------------------------------------------------------- the steal */

/*
 * The source queue's threads in migration order: its queue order, or sorted
 * by the "ordered by" key keeping queue order among equal keys (insertion
 * sort: stable, and linear on the common already-sorted queue).
 */
/*
 * Inserts t of key `key` into the first n entries of steal_order, sorted by
 * decreasing (highest) or increasing keys, after the entries of equal key.
 */
static void insert_in_order(struct prt_machine *m, s32 n, s32 t, s64 key,
			    bool highest)
{
	s32 j = n;

	while (j > 0 && (highest ? m->steal_keys[j - 1] < key
				 : m->steal_keys[j - 1] > key) && PRT_LOOP) {
		m->steal_order[j] = m->steal_order[j - 1];
		m->steal_keys[j] = m->steal_keys[j - 1];
		j--;
	}
	m->steal_order[j] = t;
	m->steal_keys[j] = key;
}

#ifdef PRT_BPF	/* a global subprogram (prt_bpf.h, "Calls") */
__noinline __prt_visible void
prt_bpf_insert_in_order(struct prt_machine __prt_arena *m __arg_arena, s32 n,
			s32 t, s64 key, bool highest)
{
	insert_in_order(prt_plain(m), n, t, key, highest);
}
#define insert_in_order(m, n, t, key, highest)				\
	prt_bpf_insert_in_order(prt_arena_ptr(m), n, t, key, highest)
#endif

static s32 migration_order(struct prt_machine *m, const struct prt_steal *s,
			   s32 self, s32 victim, const struct prt_queue *src)
{
	s32 i, n = src->size;

	for (i = 0; i < n && PRT_LOOP; i++) {
		s32 t = src->elem[src->head + i];
		s64 key = s->migrate_key ? s->migrate_key(m, self, victim, t) : 0;

		insert_in_order(m, i, t, key, s->migrate_highest);
	}
	return n;
}

static int steal_at(struct prt_machine *m, const struct prt_steal *s, s32 self,
		    s32 level)
{
	struct prt_queue *src, *dst;
	s32 c, i, n, victim = PRT_NONE, moved = 0;
	s32 span = level >= 0 ? m->dom_len[level][self] : m->nr_cores;
	const s32 *domain = level >= 0 ?
		prt_plain(&m->dom_members[level][m->dom_first[level][self]]) : NULL;
	s64 victim_key = 0;

	for (i = 0; i < span && PRT_LOOP; i++) {
		s64 key;

		/* BPF: c, compared with self, must not make i precise (prt_bpf.h) */
		c = domain ? domain[i] : prt_opaque(i);
		if (c == self)
			continue;
		if (!s->filter(m, self, c))
			continue;
		key = s->select_key(m, self, c);
		if (victim == PRT_NONE ||
		    (s->select_max ? key > victim_key : key < victim_key)) {
			victim = c;
			victim_key = key;
		}
	}
	if (victim == PRT_NONE || m->faulted)
		return 0;
	src = s->source(m, self, victim);
	if (src->owner == PRT_NONE)
		return 0;	/* a fault, or a shared queue (refused by the generator) */
	dst = prt_core_queue(m, self, src->kind);
	n = migration_order(m, s, self, victim, src);
	for (i = 0; i < n && !m->faulted && PRT_LOOP; i++) {
		s32 t = m->steal_order[i];

		if (!prt_allowed(m, t, self))
			continue;	/* never offered to where and stop */
		if (s->where && !s->where(m, self, victim, t))
			continue;
		if (s->stop(m, self, victim, t))
			break;
		if (s->on_move) {
			s->on_move(m, self, victim, t);
			if (m->faulted)
				break;
		}
		enqueue(m, t, dst);
		moved++;
	}
	m->stats.stolen += moved;
	return prt_opaque(moved);	/* BPF: a count, not walked (prt_bpf.h) */
}

int prt_balance(struct prt_machine *m, s32 core)
{
	const struct prt_steal *s = prt_policy_of(m)->steal;
	s32 i;
	int moved = 0;

	if (m->faulted)
		return PRT_FAULT;
	if (!s)
		return 0;
	enter(m, core, PRT_NONE, false);
	m->stats.events[PRT_EV_BALANCE]++;
	if (s->nr_levels == 0) {
		moved = steal_at(m, s, core, -1);
	} else {
		for (i = 0; i < s->nr_levels && moved == 0 && PRT_LOOP; i++)
			moved = steal_at(m, s, core, s->levels[i]);
	}
	return m->faulted ? PRT_FAULT : moved;
}

/* ---------------------------------------------------------------- hosts */

s32 prt_free_slot(struct prt_machine *m)
{
	s32 t;

	for (t = 0; t < m->capacity && PRT_LOOP; t++)
		if (m->threads[t].state == PRT_NONEXISTENT)
			return t;
	return PRT_NONE;
}

void prt_release(struct prt_machine *m, s32 t)
{
	if (t < 0 || t >= m->capacity || m->threads[t].state != PRT_TERMINATED)
		return;
	m->threads[t].state = PRT_NONEXISTENT;
	m->threads[t].queue = PRT_NONE;
	set_affinity(m, t, NULL);	/* a free slot counts as unrestricted */
}

void prt_force_current(struct prt_machine *m, s32 c, s32 t)
{
	s32 cur = m->cores[c].curr;

	if (cur == t)
		return;
	if (cur != PRT_NONE) {
		s32 q = m->threads[cur].last_queue;

		if (q == PRT_NONE || (m->queues[q].owner != PRT_NONE &&
				      m->queues[q].owner != c))
			q = prt_policy_of(m)->nr_core_queues ?
				c * prt_policy_of(m)->nr_core_queues :
				m->nr_cores * prt_policy_of(m)->nr_core_queues;
		if (m->nr_queues > 0)
			enqueue(m, cur, prt_plain(&m->queues[q]));
		else
			park(m, cur, PRT_BLOCKED);
	}
	if (t != PRT_NONE)
		run(m, t, c);
}

void prt_force_park(struct prt_machine *m, s32 t, s32 state)
{
	if (m->threads[t].state != state)
		park(m, t, state);
}

/* The first thread of q that may run on core, or PRT_NONE. */
static s32 allowed_in(const struct prt_machine *m, const struct prt_queue *q,
		      s32 core)
{
	s32 i;

	for (i = 0; i < q->size && PRT_LOOP; i++)
		if (prt_allowed(m, q->elem[q->head + i], core))
			return q->elem[q->head + i];
	return PRT_NONE;
}

s32 prt_waiting_thread_for(const struct prt_machine *m, s32 core)
{
	const struct prt_policy *p = prt_policy_of(m);
	s32 base = m->nr_cores * p->nr_core_queues, d, k, t;

	if (m->cores[core].curr != PRT_NONE)
		return PRT_NONE;
	for (k = 0; k < p->nr_shared_queues && PRT_LOOP; k++) {
		t = allowed_in(m, prt_plain(&m->queues[base + k]), core);
		if (t != PRT_NONE)
			return t;
	}
	for (d = 0; d < m->nr_cores && PRT_LOOP; d++) {
		if (d == core || prt_runnable(m, d) < 2)
			continue;
		for (k = 0; k < p->nr_core_queues && PRT_LOOP; k++) {
			t = allowed_in(m, prt_plain(&m->queues[d * p->nr_core_queues + k]),
				       core);
			if (t != PRT_NONE)
				return t;
		}
	}
	return PRT_NONE;
}

static s32 overloaded_cores(const struct prt_machine *m)
{
	s32 c, n = 0;

	for (c = 0; c < m->nr_cores && PRT_LOOP; c++)
		n += prt_runnable(m, c) >= 2;
	return n;
}

bool prt_core_wasted(const struct prt_machine *m, s32 core)
{
	if (m->cores[core].curr != PRT_NONE)
		return false;
	if (prt_affinity_restricted(m))
		return prt_waiting_thread_for(m, core) != PRT_NONE;
	/* every thread may run here: any waiting thread will do */
	return shared_work(m) ||
	       overloaded_cores(m) - (prt_runnable(m, core) >= 2) > 0;
}

bool prt_work_conserving(const struct prt_machine *m)
{
	s32 c, overloaded = overloaded_cores(m);
	bool shared = shared_work(m);

	if (overloaded == 0 && !shared)
		return true;
	for (c = 0; c < m->nr_cores && PRT_LOOP; c++) {
		if (m->cores[c].curr != PRT_NONE)
			continue;
		if (prt_affinity_restricted(m) ?
		    prt_waiting_thread_for(m, c) != PRT_NONE :
		    shared || overloaded - (prt_runnable(m, c) >= 2) > 0)
			return false;
	}
	return true;
}

/*
 * Parameters by name and the text dump serve the module and userspace hosts;
 * a BPF scheduler gets its parameters from its loader and prints no dump.
 */
#ifndef PRT_BPF
int prt_set_param(const struct prt_policy *p, const char *name, long value)
{
	s32 i;

	for (i = 0; i < p->nr_params && PRT_LOOP; i++) {
		struct prt_param *param = &p->params[i];

		if (strcmp(param->name, name) == 0) {
			if (value < param->min || value > param->max)
				return -1;
			*param->value = value;
			return 0;
		}
	}
	return -1;
}

/* ---------------------------------------------------------------- dump */

struct dump_buf {
	char text[160];
	prt_print_fn print;
	void *out;
};

static void put(struct dump_buf *b, const char *fmt, long long v)
{
	snprintf(b->text, sizeof(b->text), fmt, v);
	b->print(b->out, b->text);
}

static void puts_(struct dump_buf *b, const char *s)
{
	b->print(b->out, s);
}

static void dump_ref(struct dump_buf *b, const char *prefix, s64 v)
{
	puts_(b, prefix);
	if (v == PRT_NONE)
		puts_(b, "-");
	else
		put(b, "%lld", v);
}

static void dump_queue(struct dump_buf *b, const struct prt_machine *m,
		       const struct prt_queue *q)
{
	s32 i;

	puts_(b, " ");
	puts_(b, prt_policy_of(m)->queues[q->kind].name);
	puts_(b, "=[");
	for (i = 0; i < q->size && PRT_LOOP; i++)
		put(b, i ? " t%lld" : "t%lld", q->elem[q->head + i]);
	puts_(b, "]");
}

static void dump_attrs(struct dump_buf *b, const struct prt_attr *a, s32 n,
		       const u8 *record)
{
	s32 i;

	for (i = 0; i < n && PRT_LOOP; i++) {
		puts_(b, " ");
		puts_(b, a[i].name);
		put(b, "=%lld", *(const s64 *)(record + a[i].offset));
	}
}

/*
 * The canonical dump, line by line:
 *   now N
 *   core C state S idle 0|1 current T|- ATTR=V... QUEUE=[tA tB]...
 *   shared QUEUE=[...]
 *   thread T STATE cpu C|- [affinity CPULIST] ATTR=V...
 * Threads 0 .. nr_threads-1 that exist, the affinity of those it restricts;
 * the Java harness prints the same.
 */
void prt_dump(const struct prt_machine *m, prt_print_fn print, void *out)
{
	const struct prt_policy *p = prt_policy_of(m);
	struct dump_buf b = { .print = print, .out = out };
	s32 c, k, t;

	put(&b, "now %lld\n", m->now);
	for (c = 0; c < m->nr_cores && PRT_LOOP; c++) {
		put(&b, "core %lld state ", c);
		puts_(&b, p->nr_core_states ? p->core_states[m->cores[c].state]
					    : "-");
		put(&b, " idle %lld", m->cores[c].idle);
		dump_ref(&b, " current ", m->cores[c].curr);
		dump_attrs(&b, p->core_attrs, p->nr_core_attrs,
			   m->core_data + (size_t)c * p->core_size);
		for (k = 0; k < p->nr_core_queues && PRT_LOOP; k++)
			dump_queue(&b, m, prt_plain(&m->queues[c * p->nr_core_queues + k]));
		puts_(&b, "\n");
	}
	for (k = 0; k < p->nr_shared_queues && PRT_LOOP; k++) {
		puts_(&b, "shared");
		dump_queue(&b, m, prt_plain(&m->queues[m->nr_cores * p->nr_core_queues + k]));
		puts_(&b, "\n");
	}
	for (t = 0; t < m->nr_threads && PRT_LOOP; t++) {
		const struct prt_thread *th = prt_plain(&m->threads[t]);

		if (th->state == PRT_NONEXISTENT)
			continue;
		put(&b, "thread %lld ", t);
		puts_(&b, prt_state_name(th->state));
		dump_ref(&b, " cpu ", th->cpu);
		if (restricted(m, t)) {
			puts_(&b, " affinity ");
			print_cpulist(prt_affinity(m, t), m->nr_cores, print, out);
		}
		dump_attrs(&b, p->thread_attrs, p->nr_thread_attrs,
			   m->thread_data + (size_t)t * p->thread_size);
		puts_(&b, "\n");
	}
}
#endif /* PRT_BPF */

#ifdef __KERNEL__
static int prt_param_set(const char *val, const struct kernel_param *kp)
{
	struct prt_param *p = kp->arg;
	long v;
	int err = kstrtol(val, 0, &v);

	if (err)
		return err;
	if (v < p->min || v > p->max) {
		pr_err("%s=%ld is outside [%ld, %ld]\n", p->name, v, p->min,
		       p->max);
		return -ERANGE;
	}
	*p->value = v;
	return 0;
}

static int prt_param_get(char *buffer, const struct kernel_param *kp)
{
	const struct prt_param *p = kp->arg;

	return sysfs_emit(buffer, "%ld\n", *p->value);
}

const struct kernel_param_ops prt_param_ops = {
	.set = prt_param_set,
	.get = prt_param_get,
};
#endif
