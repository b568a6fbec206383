/*
 * action.h - the verdict vocabulary: which logged words mean deny, allow or
 * something else.
 *
 * The default vocabulary maps the words of every supported format onto the
 * three classes; the config file may add or override words.  The sentinel
 * profile ignores the vocabulary and accepts exactly Deny, Drop, Block and
 * Reject (any case), as the reference rule does.
 */
#ifndef SCANSPOT_ACTION_H
#define SCANSPOT_ACTION_H

#include <stdbool.h>
#include <stddef.h>

enum action_class {
	ACTION_NONE,		/* no verdict word at all */
	ACTION_DENY,
	ACTION_ALLOW,
	ACTION_OTHER,		/* a word that is neither */
	ACTION_UNKNOWN,		/* a word the vocabulary does not know */
};

const char *action_class_name(enum action_class c);

/* Resets the vocabulary to the built-in words. */
void action_vocab_reset(void);

/* Adds or replaces a word (any case, at most 31 bytes).  Returns -1 when the
 * word is too long or the class is ACTION_NONE. */
int action_vocab_set(const char *word, size_t n, enum action_class c);

/* Class of one word under the default vocabulary; ACTION_UNKNOWN if the
 * word is not listed, ACTION_NONE if n is 0. */
enum action_class action_classify(const char *word, size_t n);

/* The reference rule's test: the word is Deny, Drop, Block or Reject,
 * ignoring case. */
bool action_is_reference_deny(const char *word, size_t n);

/*
 * Finds the first verdict word among the tokens of free text, such as a
 * netfilter log prefix or a CEF event name.  Tokens are runs of letters
 * and digits; a token counts when the vocabulary lists it as deny or allow
 * (or other, when allow_other is set).  Also reads the EdgeOS rule-name
 * convention "[NAME-D]", "[NAME-R]" and "[NAME-A]" (drop, reject, accept).
 * Returns true and the word's place in *word, *wn.
 */
bool action_find_word(const char *text, size_t n, bool allow_other,
    const char **word, size_t *wn);

#endif
