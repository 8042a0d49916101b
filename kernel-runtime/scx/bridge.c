// SPDX-License-Identifier: GPL-2.0
/*
 * bridge: loads the sched_ext bridge (bridge.bpf.c) for the policy module
 * that is loaded (pol_<POLICY>.ko) and keeps it attached until SIGINT or
 * SIGTERM, or until the kernel ends it (error, watchdog, sysrq-S). When the
 * kernel ends it to be restarted (SCX_ECODE_ACT_RESTART: a CPU came online or
 * went offline), it attaches it again at once, and the module makes its view
 * for the CPUs online then. On each detach it prints the bridge's counters
 * and the kernel's exit reason.
 *
 *   bridge POLICY        e.g. `bridge fifo` after `insmod pol_fifo.ko`
 *
 * Exit status: 0 when detached by a signal, 1 when it could not attach or
 * the kernel ended the scheduler.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <bpf/libbpf.h>

typedef __u64 u64;	/* the skeleton uses the BPF object's type names */
typedef __s32 s32;
#include "bridge.bpf.skel.h"

/* bridge.bpf.c's placeholder for sched_ext_ops.name */
#define NAME_PLACEHOLDER "prt-policy-name-placeholder"
#define NAME_LEN 128	/* SCX_OPS_NAME_LEN */

static sigset_t stop_signals;	/* SIGINT, SIGTERM: detach and exit */

/* how often the loop looks whether the kernel ended the scheduler */
#define POLL_NS (100 * 1000 * 1000L)

/*
 * Sets the ops name to the policy's. The skeleton does not expose char array
 * members of struct_ops, so the name is found by its placeholder in the
 * struct_ops data, which has the kernel's struct sched_ext_ops layout.
 */
static int set_name(struct bridge_bpf *skel, const char *policy)
{
	size_t size, i;
	char *data = bpf_map__initial_value(skel->maps.pol_ops, &size);

	for (i = 0; data && i + NAME_LEN <= size; i++) {
		if (!strcmp(data + i, NAME_PLACEHOLDER)) {
			memset(data + i, 0, NAME_LEN);
			snprintf(data + i, NAME_LEN, "%s", policy);
			return 0;
		}
	}
	fprintf(stderr, "bridge: no ops name placeholder in the BPF object\n");
	return -1;
}

/*
 * Waits until SIGINT or SIGTERM arrives (true) or the kernel ends the
 * scheduler (false). The signals are blocked and taken with sigtimedwait(),
 * so no handler and no flag shared with one are needed.
 */
static bool wait_for_stop(struct bridge_bpf *skel, const sigset_t *stop)
{
	const struct timespec poll = { .tv_nsec = POLL_NS };

	while (skel->bss->exit_kind == 0) {
		if (sigtimedwait(stop, NULL, &poll) >= 0)
			return true;
	}
	return false;
}

enum run_result { RUN_STOPPED, RUN_ENDED, RUN_RESTART };

/*
 * One attach of the bridge for policy, until a signal (RUN_STOPPED), the kernel
 * ending the scheduler (RUN_ENDED, also when it cannot attach) or the kernel
 * asking for a new attach (RUN_RESTART: a CPU came online or went offline, and
 * the module's view must be made for the new set of CPUs).
 */
static enum run_result run_once(const char *policy, const sigset_t *stop)
{
	struct bridge_bpf *skel;
	struct bpf_link *link;
	bool stopped, restart;

	skel = bridge_bpf__open();
	if (!skel) {
		fprintf(stderr, "bridge: cannot open the BPF object\n");
		return RUN_ENDED;
	}
	if (set_name(skel, policy)) {
		bridge_bpf__destroy(skel);
		return RUN_ENDED;
	}
	if (bridge_bpf__load(skel)) {
		fprintf(stderr, "bridge: cannot load (is pol_%s.ko loaded?)\n", policy);
		bridge_bpf__destroy(skel);
		return RUN_ENDED;
	}
	link = bpf_map__attach_struct_ops(skel->maps.pol_ops);
	if (!link) {
		fprintf(stderr, "bridge: cannot attach (another sched_ext scheduler?)\n");
		bridge_bpf__destroy(skel);
		return RUN_ENDED;
	}
	printf("bridge: %s attached\n", policy);
	fflush(stdout);
	stopped = wait_for_stop(skel, stop);
	bpf_link__destroy(link);
	printf("bridge: %s not_queued %llu in_dsq %llu pid_reused %llu direct %llu kick_preempt %llu\n",
	       policy, (unsigned long long)skel->bss->nr_not_queued,
	       (unsigned long long)skel->bss->nr_in_dsq,
	       (unsigned long long)skel->bss->nr_pid_reused,
	       (unsigned long long)skel->bss->nr_direct,
	       (unsigned long long)skel->bss->nr_kick_preempt);
	printf("bridge: %s cgroup_init %llu cgroup_no_weight %llu\n", policy,
	       (unsigned long long)skel->bss->nr_cgroup_init,
	       (unsigned long long)skel->bss->nr_cgroup_no_weight);
	printf("bridge: %s detached: local %llu global %llu fallback %llu in_flight %llu exit_kind %d %s %s\n",
	       policy, (unsigned long long)skel->bss->nr_local,
	       (unsigned long long)skel->bss->nr_global,
	       (unsigned long long)skel->bss->nr_fallback,
	       (unsigned long long)skel->bss->nr_in_flight, skel->bss->exit_kind,
	       skel->bss->exit_reason, skel->bss->exit_msg);
	restart = !stopped && skel->bss->exit_restart;
	if (!restart && skel->bss->exit_kind >= 1024 && skel->bss->exit_dump[0])	/* SCX_EXIT_ERROR* */
		printf("bridge: kernel's dump:\n%s\n", skel->bss->exit_dump);
	bridge_bpf__destroy(skel);
	fflush(stdout);
	/* detached by us (a signal), ended by the kernel (error, watchdog, sysrq), or to restart */
	return stopped ? RUN_STOPPED : restart ? RUN_RESTART : RUN_ENDED;
}

int main(int argc, char **argv)
{
	enum run_result r;

	if (argc != 2 || strlen(argv[1]) == 0 || strlen(argv[1]) >= 128) {
		fprintf(stderr, "usage: bridge POLICY   (the module pol_POLICY.ko must be loaded)\n");
		return 2;
	}
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);
	while ((r = run_once(argv[1], &stop_signals)) == RUN_RESTART)
		printf("bridge: %s restarting: the kernel asked for it (CPU hotplug)\n", argv[1]);
	return r == RUN_STOPPED ? 0 : 1;
}
