/*
 * hash.c - the run's hash key, and SipHash-1-3 (one compression round,
 * three finalisation rounds: the variant hash tables use when speed
 * matters and the key is secret) of any number of bytes.  The rounds are
 * in hash.h, shared with the inline hash of two words.
 */
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"

static struct hash_key run_key;
static pthread_once_t run_key_once = PTHREAD_ONCE_INIT;
static int run_key_fixed;

static void
run_key_init(void)
{
	struct timespec ts;

	if (run_key_fixed)
		return;
	if (getrandom(&run_key, sizeof(run_key), 0) == sizeof(run_key))
		return;
	/* No entropy source: still differ from run to run. */
	clock_gettime(CLOCK_REALTIME, &ts);
	run_key.k0 = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15u;
	run_key.k1 = (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 32);
}

const struct hash_key *
hash_key_get(void)
{
	pthread_once(&run_key_once, run_key_init);
	return &run_key;
}

void
hash_key_set(uint64_t k0, uint64_t k1)
{
	run_key_fixed = 1;
	run_key.k0 = k0;
	run_key.k1 = k1;
}

uint64_t
hash_bytes(const struct hash_key *k, const void *p, size_t len)
{
	const unsigned char *b = p;
	struct hash_sip s;
	uint64_t last = (uint64_t)len << 56, m;
	size_t i;

	hash_sip_init(&s, k);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&m, b + i, 8);
		hash_sip_word(&s, m);
	}
	for (size_t j = 0; i + j < len; j++)
		last |= (uint64_t)b[i + j] << (8 * j);
	hash_sip_word(&s, last);
	return hash_sip_final(&s);
}
