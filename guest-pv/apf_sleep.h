/* guest-pv/apf_sleep.h - the async-PF token table: which task sleeps on which token, and wakes that came before their fault. Pure C: host-tested. Linux: arch/x86/kernel/kvm.c (kvm_task_sleep_node, async_pf_sleepers). */
#ifndef GUEST_APF_SLEEP_H
#define GUEST_APF_SLEEP_H

#include "task.h"

/* Linux: KVM_TASK_SLEEP_HASHBITS; the table has 2^bits buckets. */
#define KVM_TASK_SLEEP_HASHBITS	8
#define KVM_TASK_SLEEP_HASHSIZE	(1u << KVM_TASK_SLEEP_HASHBITS)

/*
 * Wakes that beat their fault wait in dummy nodes from a fixed pool (the
 * guest has no kzalloc). The host has at most ASYNC_PF_PER_VCPU (64)
 * tokens in flight, so it cannot owe more early wakes than that.
 */
#define APF_DUMMY_NODES		64

/* The token KVM sends to wake every sleeper (kvm_async_pf_task_wake(~0)). */
#define APF_WAKE_ALL_TOKEN	0xffffffffu

/*
 * One sleeper, or one early wake (task == NULL: a dummy). A sleeper's node
 * lives on its own stack while it waits, as in Linux.
 */
struct kvm_task_sleep_node {
	struct kvm_task_sleep_node *next, **pprev;	/* hlist; pprev NULL: unhashed */
	u32 token;
	struct task *task;
};

/* Forget every sleeper and dummy (start of a run, and each host test). */
void apf_sleep_init(void);

/*
 * Before parking on token: if its wake already came, consume the dummy and
 * return false (do not sleep); else hash n for task and return true.
 * Linux: kvm_async_pf_queue_task().
 */
bool kvm_async_pf_queue_task(u32 token, struct kvm_task_sleep_node *n,
			     struct task *task);

/*
 * "Page ready" for token: wake its sleeper, or, if the fault has not been
 * seen yet, leave a dummy so the coming wait returns at once. APF_WAKE_ALL
 * wakes everyone. Returns false only when a dummy was needed and the pool
 * was empty (the host broke its limit). Linux: kvm_async_pf_task_wake().
 */
bool async_pf_task_wake(u32 token);

/* Still waiting? false once a wake unhashed it. Linux: !hlist_unhashed(). */
bool apf_node_queued(const struct kvm_task_sleep_node *n);

/* Counters, for reports and tests. */
struct apf_sleep_stats {
	u64 wakes;		/* async_pf_task_wake() calls, wake-all included */
	u64 early_wakes;	/* dummies left: the wake beat the fault */
	u64 dummies_used;	/* dummies consumed by a later fault */
	unsigned sleepers;	/* real nodes hashed now */
	unsigned dummies;	/* dummy nodes hashed now */
};
extern struct apf_sleep_stats apf_sleep_stats;

#endif
