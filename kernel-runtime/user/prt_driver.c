// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-runtime, userspace host: runs event sequences through a generated
 * policy and prints every decision, for the differential tests against the
 * Java reference semantics (org.policy.generator's DifferentialTest).
 *
 * Build: gcc -O2 -Iinclude -I<gen> src/prt_machine.c <gen>/<policy>.c
 *        user/prt_driver.c -o driver
 *
 * Input, one command a line:
 *   S cores smt llc numa capacity nparams [name value]...   start a sequence
 *   E now op [core [thread]]                                one event
 *   X                                                       end the sequence
 * ops: new C [NICE RUNTIME DEADLINE PERIOD [GROUP GROUP_WEIGHT [CPUS]]] |
 *      tick C | yield C | block C |
 *      unblock C T | terminate C | schedule C | balance C | settle |
 *      enter_idle C | exit_idle C | affinity C T CPUS
 * new's inputs (struct prt_thread_in) default to a nice-0 thread of the root
 * group (weight 100) that is not a real-time one and may run on every core.
 * CPUS is a cpulist (0-3,8; cores below MAX_CORES) or "all"; `affinity C T
 * CPUS` is thread T's affinity changed by a thread running on core C
 * (prt_change_affinity()).
 *
 * Output: for each E, "skip" (the event does not apply in this state),
 * "fault LINE" (then the rest of the sequence is ignored), or "ok" followed
 * by the transitions " m T FROM_STATE FROM_CPU TO_STATE TO_CPU QUEUE",
 * " #HASH", the FNV-1a hash of the canonical dump after the event, and, if a
 * core is wasted then, " wasted C T": the lowest wasted core and the thread
 * that makes it so (prt_core_wasted(), prt_waiting_thread_for()), or
 * " wasted ?" if prt_work_conserving() disagrees with them. For X:
 * the canonical dump (unless faulted), then "end".
 */
#include "prt.h"

static char out_line[1 << 16];
static size_t out_len;

static void emit(const char *s)
{
	size_t n = strlen(s);

	if (out_len + n < sizeof(out_line)) {
		memcpy(out_line + out_len, s, n);
		out_len += n;
	}
}

static void on_move(struct prt_machine *m, s32 t, s32 from_state,
		    s32 from_cpu, s32 to_state, s32 to_cpu, s32 queue)
{
	char b[96];

	snprintf(b, sizeof(b), " m %d %d %d %d %d %d", t, from_state, from_cpu,
		 to_state, to_cpu, queue);
	emit(b);
}

static u64 hash;

static void hash_text(void *unused, const char *s)
{
	for (; *s; s++) {
		hash ^= (u8)*s;
		hash *= 0x100000001b3ULL;
	}
}

/* Work conservation after the event: what WorkConservation.java finds, the same way. */
static void emit_wasted(const struct prt_machine *m)
{
	s32 c;
	char b[64];

	for (c = 0; c < m->nr_cores && !prt_core_wasted(m, c); c++)
		;
	if (prt_work_conserving(m) != (c == m->nr_cores)) {
		emit(" wasted ?");
		return;
	}
	if (c == m->nr_cores)
		return;
	snprintf(b, sizeof(b), " wasted %d %d", c, prt_waiting_thread_for(m, c));
	emit(b);
}

static void print_text(void *unused, const char *s)
{
	fputs(s, stdout);
}

static long defaults[64];

/* The largest machine a cpulist of the driver can describe. */
#define MAX_CORES	1024

/*
 * Parses a cpulist (0-3,8) into bits; NULL for "all". Core numbers at or
 * above MAX_CORES end the driver: the tests never write them.
 */
static const unsigned long *read_cpus(const char *text, unsigned long *bits)
{
	const char *p = text;
	long from, to;
	char *end;

	if (!strcmp(text, "all"))
		return NULL;
	memset(bits, 0, sizeof(unsigned long) * BITS_TO_LONGS(MAX_CORES));
	for (;;) {
		from = strtol(p, &end, 10);
		to = *end == '-' ? strtol(end + 1, &end, 10) : from;
		if (end == p || from < 0 || to < from || to >= MAX_CORES ||
		    (*end && *end != ',')) {
			fprintf(stderr, "bad cpulist %s\n", text);
			exit(2);
		}
		for (; from <= to; from++)
			bits[from / BITS_PER_LONG] |= 1UL << (from % BITS_PER_LONG);
		if (!*end)
			return bits;
		p = end + 1;
	}
}

static int run_event(struct prt_machine *m, const char *op, int a, int b,
		     const struct prt_thread_in *in)
{
	if (!strcmp(op, "affinity"))
		return prt_change_affinity(m, a, b, in->affinity);
	if (!strcmp(op, "new"))
		return m->nr_threads >= m->capacity ? PRT_SKIPPED
						    : prt_new(m, a, m->nr_threads, in);
	if (!strcmp(op, "tick"))
		return prt_tick(m, a);
	if (!strcmp(op, "yield"))
		return prt_yield(m, a);
	if (!strcmp(op, "block"))
		return prt_block(m, a);
	if (!strcmp(op, "unblock"))
		return prt_unblock(m, a, b);
	if (!strcmp(op, "terminate"))
		return prt_terminate(m, a);
	if (!strcmp(op, "schedule"))
		return prt_schedule(m, a);
	if (!strcmp(op, "balance"))
		return prt_balance(m, a) < 0 ? PRT_FAULT : PRT_OK;
	if (!strcmp(op, "complete"))
		return prt_complete(m, a);
	if (!strcmp(op, "reschedule"))
		return prt_reschedule(m, a);
	if (!strcmp(op, "enter_idle"))
		return prt_enter_idle(m, a);
	if (!strcmp(op, "exit_idle"))
		return prt_exit_idle(m, a);
	fprintf(stderr, "unknown op %s\n", op);
	exit(2);
}

int main(void)
{
	const struct prt_policy *p = &prt_this_policy;
	struct prt_machine m;
	bool started = false;
	char line[4096];
	int i;

	for (i = 0; i < p->nr_params && i < 64; i++)
		defaults[i] = *p->params[i].value;
	memset(&m, 0, sizeof(m));
	while (fgets(line, sizeof(line), stdin)) {
		if (line[0] == 'S') {
			int cores, smt, llc, numa, cap, n, off = 0, used;
			char name[128];
			long value;

			if (sscanf(line + 1, "%d %d %d %d %d %d%n", &cores, &smt,
				   &llc, &numa, &cap, &n, &used) != 6) {
				fprintf(stderr, "bad S line: %s", line);
				return 2;
			}
			off = 1 + used;
			for (i = 0; i < p->nr_params && i < 64; i++)
				*p->params[i].value = defaults[i];
			for (i = 0; i < n; i++) {
				if (sscanf(line + off, " %127s %ld%n", name, &value,
					   &used) != 2 ||
				    prt_set_param(p, name, value)) {
					fprintf(stderr, "bad parameter in: %s", line);
					return 2;
				}
				off += used;
			}
			if (started)
				prt_machine_free(&m);
			if (prt_machine_init(&m, p, cores, cap)) {
				fprintf(stderr, "out of memory\n");
				return 2;
			}
			started = true;
			prt_topology_sizes(&m, smt, llc, numa);
			prt_machine_start(&m);
			prt_boot(&m);	/* a fault leaves m.faulted: every E is then silent */
			m.on_move = on_move;
		} else if (line[0] == 'E') {
			static unsigned long bits[BITS_TO_LONGS(MAX_CORES)];
			struct prt_thread_in in = { 0 };
			long long now, rt = 0, dl = 0, per = 0;
			char op[32], cpus[4096] = "all";
			int a = 0, b = 0, g = 0, gw = PRT_DEFAULT_GROUP_WEIGHT, r;

			if (sscanf(line + 1, "%lld %31s %d %d", &now, op, &a, &b) < 2) {
				fprintf(stderr, "bad E line: %s", line);
				return 2;
			}
			if (!strcmp(op, "new")) {
				/* new C NICE RUNTIME DEADLINE PERIOD GROUP WEIGHT CPUS: any tail may be left out */
				if (sscanf(line + 1, "%*d %*s %*d %*d %lld %lld %lld %d %d %4095s",
					   &rt, &dl, &per, &g, &gw, cpus) < 6)
					snprintf(cpus, sizeof(cpus), "all");	/* no CPUS: every core */
				in.nice = b;
				in.runtime = rt;
				in.deadline = dl;
				in.period = per;
				in.group = g;
				in.group_weight = gw;
			} else if (!strcmp(op, "affinity")) {
				/* affinity C T CPUS */
				if (sscanf(line + 1, "%*d %*s %*d %*d %4095s", cpus) != 1) {
					fprintf(stderr, "bad E line: %s", line);
					return 2;
				}
			}
			in.affinity = read_cpus(cpus, bits);
			if (m.faulted)
				continue;
			m.now = now;
			out_len = 0;
			emit("ok");
			r = run_event(&m, op, a, b, &in);
			if (r == PRT_SKIPPED) {
				puts("skip");
			} else if (r == PRT_FAULT) {
				printf("fault %d\n", m.fault_line);
			} else {
				char h[32];

				hash = 0xcbf29ce484222325ULL;
				prt_dump(&m, hash_text, NULL);
				snprintf(h, sizeof(h), " #%016llx",
					 (unsigned long long)hash);
				emit(h);
				emit_wasted(&m);
				out_line[out_len] = 0;
				puts(out_line);
			}
		} else if (line[0] == 'X') {
			if (!m.faulted)
				prt_dump(&m, print_text, NULL);
			puts("end");
			fflush(stdout);
		}
	}
	if (started)
		prt_machine_free(&m);
	return 0;
}
