/* guest-pv/apf_sleep.c - the async-PF token table: park a task on a token, wake it, remember a wake that came first. Pure C: tests/unit/test_guest_apf_sleep.c compiles it unchanged. Linux: arch/x86/kernel/kvm.c (kvm_async_pf_queue_task, apf_task_wake_one, kvm_async_pf_task_wake). */
#include "apf_sleep.h"
#include "runqueue.h"

struct kvm_task_sleep_head {
	struct kvm_task_sleep_node *first;
};

static struct kvm_task_sleep_head async_pf_sleepers[KVM_TASK_SLEEP_HASHSIZE];
static struct kvm_task_sleep_node dummy_pool[APF_DUMMY_NODES];
static struct kvm_task_sleep_node *dummy_free;	/* free dummies, via .next */
struct apf_sleep_stats apf_sleep_stats;

/* Linux: hash_32() with GOLDEN_RATIO_32, the top bits of the product. */
#define GOLDEN_RATIO_32		0x61c88647u

static struct kvm_task_sleep_head *sleep_bucket(u32 token)
{
	return &async_pf_sleepers[(u32)(token * GOLDEN_RATIO_32) >>
				  (32 - KVM_TASK_SLEEP_HASHBITS)];
}

static void hlist_add_head(struct kvm_task_sleep_node *n,
			   struct kvm_task_sleep_head *h)
{
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static void hlist_del_init(struct kvm_task_sleep_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->next = NULL;
	n->pprev = NULL;
}

bool apf_node_queued(const struct kvm_task_sleep_node *n)
{
	return n->pprev != NULL;
}

void apf_sleep_init(void)
{
	for (unsigned i = 0; i < KVM_TASK_SLEEP_HASHSIZE; i++)
		async_pf_sleepers[i].first = NULL;
	dummy_free = NULL;
	for (unsigned i = 0; i < APF_DUMMY_NODES; i++) {
		dummy_pool[i] = (struct kvm_task_sleep_node){ .next = dummy_free };
		dummy_free = &dummy_pool[i];
	}
	apf_sleep_stats = (struct apf_sleep_stats){ 0 };
}

/* Linux: _find_apf_task(). */
static struct kvm_task_sleep_node *find_apf_task(struct kvm_task_sleep_head *b,
						 u32 token)
{
	for (struct kvm_task_sleep_node *n = b->first; n; n = n->next)
		if (n->token == token)
			return n;
	return NULL;
}

static void dummy_put(struct kvm_task_sleep_node *d)
{
	d->next = dummy_free;
	d->pprev = NULL;
	dummy_free = d;
	apf_sleep_stats.dummies--;
}

bool kvm_async_pf_queue_task(u32 token, struct kvm_task_sleep_node *n,
			     struct task *task)
{
	struct kvm_task_sleep_head *b = sleep_bucket(token);
	struct kvm_task_sleep_node *e = find_apf_task(b, token);

	if (e) {
		/* dummy entry exists -> wake up was delivered ahead of PF */
		hlist_del_init(e);
		dummy_put(e);
		apf_sleep_stats.dummies_used++;
		return false;
	}
	n->token = token;
	n->task = task;
	hlist_add_head(n, b);
	apf_sleep_stats.sleepers++;
	return true;
}

/* Unhash first: the sleeper tests apf_node_queued() to know it was woken. */
static void apf_task_wake_one(struct kvm_task_sleep_node *n)
{
	hlist_del_init(n);
	apf_sleep_stats.sleepers--;
	wake_up_process(n->task);
}

/* Linux: apf_task_wake_all(). Dummies stay: their faults may still come. */
static void apf_task_wake_all(void)
{
	for (unsigned i = 0; i < KVM_TASK_SLEEP_HASHSIZE; i++) {
		struct kvm_task_sleep_node *n = async_pf_sleepers[i].first;

		while (n) {
			struct kvm_task_sleep_node *next = n->next;

			if (n->task)
				apf_task_wake_one(n);
			n = next;
		}
	}
}

bool async_pf_task_wake(u32 token)
{
	struct kvm_task_sleep_head *b = sleep_bucket(token);
	struct kvm_task_sleep_node *n, *dummy;

	apf_sleep_stats.wakes++;
	if (token == APF_WAKE_ALL_TOKEN) {
		apf_task_wake_all();
		return true;
	}
	n = find_apf_task(b, token);
	if (n && n->task) {
		apf_task_wake_one(n);
		return true;
	}
	if (n)		/* a second early wake for one token: one dummy is enough */
		return true;

	/* Async #PF not yet handled: add a dummy entry for the token. */
	dummy = dummy_free;
	if (!dummy)
		return false;
	dummy_free = dummy->next;
	dummy->token = token;
	dummy->task = NULL;
	hlist_add_head(dummy, b);
	apf_sleep_stats.dummies++;
	apf_sleep_stats.early_wakes++;
	return true;
}
