/*
 * action.c - the verdict vocabulary: which logged words mean deny, allow or
 * something else.
 *
 * Words live in a small open-addressed table, lower case, filled with the
 * built-in words on first use or by action_vocab_reset(); the config file
 * adds or overrides words at start-up, before any record is read.  Lookups
 * never allocate.  action_find_word() reads verdicts out of free text such
 * as netfilter log prefixes ("[UFW BLOCK]", "Shorewall:net2fw:DROP:").
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "action.h"

#define WORD_MAX	31		/* longest word, in bytes */
#define TABLE_SLOTS	256		/* a power of two */
#define TABLE_FILL_MAX	192		/* keeps probe chains short */

struct vocab_slot {
	char word[WORD_MAX + 1];	/* lower case; "" marks a free slot */
	unsigned char len;
	enum action_class cls;
};

static struct vocab_slot vocab[TABLE_SLOTS];
static size_t vocab_count;
/* Bit (c & 31) of vocab_first[n] is set when a word of n bytes starts with
 * the lower-case byte c: most tokens of free text fail this test and are
 * never hashed. */
static uint32_t vocab_first[WORD_MAX + 1];
/* Changes with every change of the vocabulary: memos of older ones go. */
static unsigned vocab_gen = 1;
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

static const struct {
	const char *word;
	enum action_class cls;
} builtin_words[] = {
	{ "deny", ACTION_DENY }, { "denied", ACTION_DENY },
	{ "drop", ACTION_DENY }, { "dropped", ACTION_DENY },
	{ "reject", ACTION_DENY }, { "rejected", ACTION_DENY },
	{ "block", ACTION_DENY }, { "blocked", ACTION_DENY },
	{ "refuse", ACTION_DENY }, { "refused", ACTION_DENY },
	{ "discard", ACTION_DENY }, { "discarded", ACTION_DENY },
	{ "reset", ACTION_DENY }, { "reset-client", ACTION_DENY },
	{ "reset-server", ACTION_DENY }, { "reset-both", ACTION_DENY },
	{ "prevent", ACTION_DENY }, { "prevented", ACTION_DENY },
	{ "accept", ACTION_ALLOW }, { "accepted", ACTION_ALLOW },
	{ "allow", ACTION_ALLOW }, { "allowed", ACTION_ALLOW },
	{ "permit", ACTION_ALLOW }, { "permitted", ACTION_ALLOW },
	{ "pass", ACTION_ALLOW }, { "passed", ACTION_ALLOW },
	{ "audit", ACTION_OTHER }, { "log", ACTION_OTHER },
	{ "alert", ACTION_OTHER }, { "detect", ACTION_OTHER },
	{ "detected", ACTION_OTHER }, { "monitor", ACTION_OTHER },
	{ "info", ACTION_OTHER }, { "match", ACTION_OTHER },
	{ "scrub", ACTION_OTHER }, { "nat", ACTION_OTHER },
	{ "binat", ACTION_OTHER }, { "rdr", ACTION_OTHER },
	{ "intercepted", ACTION_OTHER },
};

static char
lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
}

/* An ASCII letter or digit; setting bit 0x20 folds only the letters onto
 * 'a'..'z'. */
static bool
is_alnum(char ch)
{
	unsigned char c = (unsigned char)ch;

	return (unsigned char)(c - '0') < 10 ||
	    (unsigned char)((c | 0x20) - 'a') < 26;
}

/*
 * Copies a word of at most WORD_MAX bytes in lower case to buf; returns
 * the FNV-1a hash of the copy.
 */
static size_t
word_lower(const char *word, size_t n, char *buf)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		buf[i] = lower(word[i]);
		h = (h ^ (unsigned char)buf[i]) * 16777619u;
	}
	buf[n] = '\0';
	return h;
}

/*
 * The slot holding the lower-case word w of hash h (from word_lower()),
 * or the free slot it would take.
 */
/* memcmp() == 0 for the short words of the table, without a call. */
static bool
word_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static struct vocab_slot *
vocab_slot_find(const char *w, size_t n, size_t h)
{
	size_t i = h & (TABLE_SLOTS - 1);
	struct vocab_slot *s;

	for (;; i = (i + 1) & (TABLE_SLOTS - 1)) {
		s = &vocab[i];
		if (s->len == 0 || (s->len == n && word_eq(s->word, w, n)))
			return s;
	}
}

/* Inserts or updates a word already checked by the caller. */
static int
vocab_insert(const char *word, size_t n, enum action_class c)
{
	char w[WORD_MAX + 1];
	struct vocab_slot *s;

	s = vocab_slot_find(w, n, word_lower(word, n, w));
	if (s->len == 0) {
		if (vocab_count >= TABLE_FILL_MAX)
			return -1;
		memcpy(s->word, w, n + 1);
		s->len = (unsigned char)n;
		vocab_count++;
		vocab_first[n] |= UINT32_C(1) << (w[0] & 31);
	}
	s->cls = c;
	vocab_gen++;
	return 0;
}

static void
vocab_load_builtin(void)
{
	size_t i;

	memset(vocab, 0, sizeof(vocab));
	memset(vocab_first, 0, sizeof(vocab_first));
	vocab_count = 0;
	vocab_gen++;
	for (i = 0; i < sizeof(builtin_words) / sizeof(builtin_words[0]); i++)
		vocab_insert(builtin_words[i].word,
		    strlen(builtin_words[i].word), builtin_words[i].cls);
}

/* Loads the built-in words if nothing has touched the table yet. */
static void
vocab_ensure(void)
{
	pthread_once(&vocab_once, vocab_load_builtin);
}

/* Name of a class as outputs and the summary write it ("deny", ...). */
const char *
action_class_name(enum action_class c)
{
	switch (c) {
	case ACTION_NONE:
		return "none";
	case ACTION_DENY:
		return "deny";
	case ACTION_ALLOW:
		return "allow";
	case ACTION_OTHER:
		return "other";
	case ACTION_UNKNOWN:
		return "unknown";
	}
	return "unknown";
}

/*
 * Resets the vocabulary to the built-in words, dropping words added since.
 * Not safe while other threads classify words.
 */
void
action_vocab_reset(void)
{
	vocab_ensure();
	vocab_load_builtin();
}

/*
 * Adds a word or changes its class.  The word is copied, in lower case.
 * Returns 0, or -1 when the word is empty or longer than 31 bytes, the
 * class is ACTION_NONE, or the table already holds its maximum of words.
 * Not safe while other threads classify words.
 */
int
action_vocab_set(const char *word, size_t n, enum action_class c)
{
	if (n == 0 || n > WORD_MAX || c == ACTION_NONE)
		return -1;
	vocab_ensure();
	return vocab_insert(word, n, c);
}

/*
 * Class of one whole word, any case: ACTION_NONE for an empty word,
 * ACTION_UNKNOWN for a word the vocabulary does not list.
 */
enum action_class
action_classify(const char *word, size_t n)
{
	char w[WORD_MAX + 1];
	struct vocab_slot *s;

	if (n == 0)
		return ACTION_NONE;
	if (n > WORD_MAX)
		return ACTION_UNKNOWN;
	vocab_ensure();
	if ((vocab_first[n] >> (lower(word[0]) & 31) & 1) == 0)
		return ACTION_UNKNOWN;
	s = vocab_slot_find(w, n, word_lower(word, n, w));
	return s->len == 0 ? ACTION_UNKNOWN : s->cls;
}

/*
 * The reference rule: true when the whole word is Deny, Drop, Block or
 * Reject in any case.  Ignores the configurable vocabulary.
 */
bool
action_is_reference_deny(const char *word, size_t n)
{
	static const char *const words[] = {
		"deny", "drop", "block", "reject"
	};
	char w[WORD_MAX + 1];
	size_t i;

	if (n == 0 || n > WORD_MAX)
		return false;
	word_lower(word, n, w);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

/*
 * Reads the EdgeOS and VyOS rule-name convention: text that starts (after
 * spaces) with "[NAME-D]", "[NAME-R]" or "[NAME-A]".  Returns the verdict
 * word spelled out, or NULL.
 */
static const char *
edgeos_word(const char *text, size_t n)
{
	const char *end = text + n, *close;

	while (text < end && *text == ' ')
		text++;
	if (text == end || *text != '[')
		return NULL;
	close = memchr(text, ']', (size_t)(end - text));
	if (close == NULL || close - text < 4 || close[-2] != '-')
		return NULL;
	switch (close[-1]) {
	case 'D':
		return "drop";
	case 'R':
		return "reject";
	case 'A':
		return "accept";
	}
	return NULL;
}

#define MEMO_SLOTS	8		/* a power of two */
#define MEMO_TEXT	48		/* longest text kept */

/*
 * What the search found in a text seen before: a log names its verdicts
 * with a handful of prefixes, over and over.
 */
struct find_memo {
	unsigned gen;			/* vocab_gen then; 0: empty */
	bool allow_other, found;
	unsigned char n;
	char text[MEMO_TEXT];
	const char *fixed;		/* a static word, else NULL */
	size_t off, wn;			/* the word in text otherwise */
};

static _Thread_local struct find_memo find_memos[MEMO_SLOTS];

/* The memo slot of a text of 8 to MEMO_TEXT bytes. */
static struct find_memo *
find_memo_slot(const char *text, size_t n)
{
	uint64_t a, b;

	memcpy(&a, text, 8);
	memcpy(&b, text + n - 8, 8);
	a = (a ^ (b * 31) ^ n) * UINT64_C(0x9e3779b97f4a7c15);
	return &find_memos[a >> 61 & (MEMO_SLOTS - 1)];
}

/*
 * The search action_find_word() makes when its memo does not hold text;
 * sets *fixed when the word found is a static one, not a part of text.
 */
static bool
find_word(const char *text, size_t n, bool allow_other,
    const char **word, size_t *wn, bool *fixed)
{
	const char *p = text, *end = text + n, *tok;
	enum action_class c;

	*fixed = false;
	if ((tok = edgeos_word(text, n)) != NULL) {
		*fixed = true;
		*word = tok;
		*wn = strlen(tok);
		return true;
	}
	while (p < end) {
		while (p < end && !is_alnum(*p))
			p++;
		for (tok = p; p < end && is_alnum(*p); p++)
			;
		if (p == tok)
			break;
		c = action_classify(tok, (size_t)(p - tok));
		if (c == ACTION_DENY || c == ACTION_ALLOW ||
		    (allow_other && c == ACTION_OTHER)) {
			*word = tok;
			*wn = (size_t)(p - tok);
			return true;
		}
	}
	return false;
}

/*
 * Finds the verdict in free text: an EdgeOS rule name (see edgeos_word()),
 * else the first token (a run of letters and digits) the vocabulary lists
 * as deny or allow, or also as other when allow_other is set.  On success
 * sets *word and *wn to the token inside text, or to a static word for the
 * EdgeOS form, and returns true.  Texts of 8 to 48 bytes are remembered
 * by each thread, a few at a time, with what the search gave.
 */
bool
action_find_word(const char *text, size_t n, bool allow_other,
    const char **word, size_t *wn)
{
	struct find_memo *m;
	bool fixed;

	if (n < 8 || n > MEMO_TEXT)
		return find_word(text, n, allow_other, word, wn, &fixed);
	m = find_memo_slot(text, n);
	if (m->gen != vocab_gen || m->allow_other != allow_other ||
	    m->n != n || memcmp(m->text, text, n) != 0) {
		m->found = find_word(text, n, allow_other, word, wn, &fixed);
		m->gen = vocab_gen;
		m->allow_other = allow_other;
		m->n = (unsigned char)n;
		memcpy(m->text, text, n);
		m->fixed = m->found && fixed ? *word : NULL;
		m->off = m->found && !fixed ? (size_t)(*word - text) : 0;
		m->wn = m->found ? *wn : 0;
		return m->found;
	}
	if (m->found) {
		*word = m->fixed != NULL ? m->fixed : text + m->off;
		*wn = m->wn;
	}
	return m->found;
}
