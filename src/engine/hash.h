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

/* The same for two 64-bit words, the common case of a 16-byte address. */
uint64_t hash_words(const struct hash_key *k, uint64_t a, uint64_t b);

#endif
