/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-runtime, userspace: the kernel vocabulary scx/prt_scx.c uses beyond
 * the runtime's (user/prt_user.h), so that the sched_ext host's own code
 * builds unchanged in userspace for its benchmark (user/prt_scx_bench.c,
 * scripts/bench-host.sh).
 *
 * The benchmark is one thread playing every CPU in turn: smp_processor_id()
 * is the CPU it says it plays (prt_user_cpu), the lock is a no-op (as in
 * prt_user.h), atomics are plain operations, and time is a counter the
 * benchmark advances (prt_user_now). Tasks are found by pid in a table the
 * benchmark fills (prt_user_tasks). debugfs, module and BTF registration
 * compile to nothing.
 */
#ifndef PRT_SCX_USER_H
#define PRT_SCX_USER_H

#include "prt_user.h"

typedef int pid_t_;
typedef int64_t atomic64_t;
typedef uint16_t u16;

extern s32 prt_user_cpu;	/* the CPU whose callback runs */
extern u64 prt_user_now;	/* ktime_get_ns() */
extern unsigned int nr_cpu_ids;

#define smp_processor_id()	prt_user_cpu
#define num_possible_cpus()	nr_cpu_ids
#define num_online_cpus()	nr_cpu_ids
#define cpu_online(c)		((unsigned int)(c) < nr_cpu_ids)
#define cpu_possible(c)		((unsigned int)(c) < nr_cpu_ids)

static inline u64 ktime_get_ns(void)
{
	return prt_user_now;
}

#define min_t(type, a, b)	((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b)	((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define hweight64(x)		((unsigned int)__builtin_popcountll(x))

static inline void atomic64_or(s64 v, atomic64_t *a) { *a |= v; }
static inline s64 atomic64_xchg(atomic64_t *a, s64 v) { s64 o = *a; *a = v; return o; }
static inline s64 atomic64_read(const atomic64_t *a) { return *a; }
static inline void atomic64_set(atomic64_t *a, s64 v) { *a = v; }

static inline bool bitmap_equal(const unsigned long *a, const unsigned long *b,
				unsigned int nbits)
{
	unsigned int w;

	for (w = 0; w < nbits / BITS_PER_LONG; w++)
		if (a[w] != b[w])
			return false;
	return nbits % BITS_PER_LONG == 0 ||
	       !((a[w] ^ b[w]) & BITMAP_LAST_WORD_MASK(nbits));
}

typedef struct { int counter; } atomic_t;

static inline int atomic_fetch_or(int v, atomic_t *a) { int o = a->counter; a->counter |= v; return o; }
static inline int atomic_xchg(atomic_t *a, int v) { int o = a->counter; a->counter = v; return o; }

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#ifndef U64_MAX
#define U64_MAX	UINT64_MAX
#endif

/* include/linux/llist.h: a lock-free singly linked list (plain here: one thread) */
struct llist_node { struct llist_node *next; };
struct llist_head { struct llist_node *first; };
#define LLIST_HEAD(name)	struct llist_head name = { NULL }

static inline bool llist_add(struct llist_node *n, struct llist_head *h)
{
	n->next = h->first;
	h->first = n;
	return !n->next;
}

static inline struct llist_node *llist_del_all(struct llist_head *h)
{
	struct llist_node *n = h->first;

	h->first = NULL;
	return n;
}

static inline void *kcalloc(size_t n, size_t size, int gfp)
{
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void *kzalloc(size_t size, int gfp)
{
	return calloc(1, size ? size : 1);
}

static inline unsigned long *bitmap_zalloc(unsigned int nbits, int gfp)
{
	return calloc(BITS_TO_LONGS(nbits) ? BITS_TO_LONGS(nbits) : 1, sizeof(long));
}

static inline void bitmap_free(const unsigned long *b)
{
	free((void *)b);
}

static inline void bitmap_zero(unsigned long *b, unsigned int nbits)
{
	memset(b, 0, BITS_TO_LONGS(nbits) * sizeof(long));
}

static inline void __set_bit(long nr, unsigned long *addr)
{
	addr[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

#define for_each_online_cpu(cpu)	for ((cpu) = 0; (cpu) < (s32)nr_cpu_ids; (cpu)++)

struct mutex { int unused; };
#define DEFINE_MUTEX(name)	struct mutex name
#define mutex_lock(m)		((void)(m))
#define mutex_unlock(m)		((void)(m))

static inline void *kmalloc_array(size_t n, size_t size, int gfp)
{
	return malloc(n && size ? n * size : 1);
}

#define kvmalloc_array	kmalloc_array

static inline void kfree(const void *p)
{
	free((void *)p);
}

/* tasks: what the host reads of a task_struct */
#define PF_KTHREAD	0x00200000
struct task_struct {
	int pid;
	unsigned long long start_time;
	unsigned int flags;
	int nr_cpus_allowed;
};

struct pid;
struct pid_namespace { int unused; };
extern struct pid_namespace init_pid_ns;
enum pid_type { PIDTYPE_PID };
struct task_struct *prt_user_task(int pid);
#define find_pid_ns(pid, ns)	((struct pid *)prt_user_task(pid))
#define pid_task(p, type)	((struct task_struct *)(p))
#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)

/* what the module glue uses; nothing of it runs in the benchmark */
struct dentry;
struct seq_file;
#define sizeof_field(type, member)	sizeof(((type *)0)->member)
#define seq_printf(s, ...)	((void)(s))
#define debugfs_create_dir(n, p)	((struct dentry *)NULL)
#define debugfs_create_file(n, m, d, x, f)	((void)(d))
#define debugfs_remove_recursive(d)	((void)(d))
#define DEFINE_SHOW_ATTRIBUTE(name)	\
	static const int name##_fops __attribute__((unused)) = sizeof(&name##_show)
#define sort(base, n, size, cmp, swap)	qsort(base, n, size, cmp)
#define module_param(name, type, perm)
#define MODULE_PARM_DESC(name, desc)
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#define module_init(fn)		int prt_user_module_init(void) { return fn(); }
#define module_exit(fn)		void prt_user_module_exit(void) { fn(); }
#define __init
#define __exit
#define pr_err(...)		fprintf(stderr, __VA_ARGS__)
#define pr_info(...)		((void)0)
#define pr_warn(...)		fprintf(stderr, __VA_ARGS__)
#define __bpf_kfunc
#define __bpf_kfunc_start_defs()
#define __bpf_kfunc_end_defs()
#define BTF_KFUNCS_START(set)	static int set __attribute__((unused));
#define BTF_ID_FLAGS(kind, fn, ...)
#define KF_SLEEPABLE	0
#define BTF_KFUNCS_END(set)
struct btf_kfunc_id_set { void *owner; void *set; };
#define THIS_MODULE	NULL
#define BPF_PROG_TYPE_STRUCT_OPS	0
#define register_btf_kfunc_id_set(type, set)	((void)(set), 0)
#define KBUILD_MODNAME	"prt_scx"

#endif /* PRT_SCX_USER_H */
