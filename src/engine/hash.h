/*
 * hash.h - keyed hashing for the engine's tables.
 *
 * Sources are attacker-controlled (spoofing is free), so a fixed hash
 * would let a crafted set of addresses pile into one chain of a table and
 * turn every lookup into a scan.  Tables therefore hash with SipHash-1-3
 * under a key drawn at random once per run.
 */
#ifndef SCANSPOT_HASH_H
#define SCANSPOT_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash_key {
	uint64_t k0, k1;
};

/* The run's key: random unless hash_key_set() fixed it (for tests). */
const struct hash_key *hash_key_get(void);
void hash_key_set(uint64_t k0, uint64_t k1);

/* SipHash-1-3 of len bytes under key k. */
uint64_t hash_bytes(const struct hash_key *k, const void *p, size_t len);

/* The state and rounds of SipHash-1-3, for hash_bytes() and the inline
 * hash_words(); the round macros are undefined at the end. */
#define HASH_SIP_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define HASH_SIP_ROUND do {					\
	v0 += v1; v1 = HASH_SIP_ROTL(v1, 13); v1 ^= v0;			\
	v0 = HASH_SIP_ROTL(v0, 32);					\
	v2 += v3; v3 = HASH_SIP_ROTL(v3, 16); v3 ^= v2;			\
	v0 += v3; v3 = HASH_SIP_ROTL(v3, 21); v3 ^= v0;			\
	v2 += v1; v1 = HASH_SIP_ROTL(v1, 17); v1 ^= v2;			\
	v2 = HASH_SIP_ROTL(v2, 32);					\
} while (0)

struct hash_sip {
	uint64_t v0, v1, v2, v3;
};

static inline void
hash_sip_init(struct hash_sip *s, const struct hash_key *k)
{
	s->v0 = k->k0 ^ 0x736f6d6570736575u;
	s->v1 = k->k1 ^ 0x646f72616e646f6du;
	s->v2 = k->k0 ^ 0x6c7967656e657261u;
	s->v3 = k->k1 ^ 0x7465646279746573u;
}

static inline void
hash_sip_word(struct hash_sip *s, uint64_t m)
{
	uint64_t v0 = s->v0, v1 = s->v1, v2 = s->v2, v3 = s->v3;

	v3 ^= m;
	HASH_SIP_ROUND;
	v0 ^= m;
	s->v0 = v0, s->v1 = v1, s->v2 = v2, s->v3 = v3;
}

static inline uint64_t
hash_sip_final(struct hash_sip *s)
{
	uint64_t v0 = s->v0, v1 = s->v1, v2 = s->v2, v3 = s->v3;

	v2 ^= 0xff;
	HASH_SIP_ROUND;
	HASH_SIP_ROUND;
	HASH_SIP_ROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* SipHash-1-3 of two 64-bit words under key k, the common case of a
 * 16-byte address: inline, as every event hashes its source and its
 * destination. */
static inline uint64_t
hash_words(const struct hash_key *k, uint64_t a, uint64_t b)
{
	struct hash_sip s;

	hash_sip_init(&s, k);
	hash_sip_word(&s, a);
	hash_sip_word(&s, b);
	hash_sip_word(&s, (uint64_t)16 << 56);
	return hash_sip_final(&s);
}

#undef HASH_SIP_ROUND
#undef HASH_SIP_ROTL

#endif
