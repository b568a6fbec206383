/*
 * options.h - settings of a run, from the config file and the command line.
 *
 * Every setting has one name, used as the long option (--min-ports) and,
 * with '-' or '_', as the config key (min_ports = 10).  The config file is
 * read first, so the command line wins.
 */
#ifndef SCANSPOT_OPTIONS_H
#define SCANSPOT_OPTIONS_H

#include <stdbool.h>

#include "../engine/detect.h"
#include "../output/output.h"
#include "../parse/format.h"

/* Exit statuses, documented in scanspot(1). */
#define EXIT_NO_FINDINGS 0
#define EXIT_FINDINGS 1
#define EXIT_USAGE 2
#define EXIT_INPUT_ERROR 3
#define EXIT_STATE 4

#define PIECE_SIZE_DEFAULT (8u << 20)

struct options {
	struct detect_opts detect;
	struct parse_opts parse;
	const struct format *format;	/* NULL: detect per file */
	const struct output *output;	/* NULL: table on a terminal */
	char *tz;
	char *state_path;
	char *netfilter_action;
	int threads;		/* 0: one per core */
	size_t piece_size;	/* smallest piece of a file a thread reads */
	bool quiet;
	bool skip_untimed;
	bool no_default_internal;
	bool period_given;	/* any of last, since, until */
	char *since_text, *until_text, *now_text;	/* read once the
							   zone is known */
};

void options_init(struct options *o);
void options_free(struct options *o);

/*
 * Sets one setting by name (either spelling).  Returns 0, or -1 with a
 * message in err[0..errlen).
 */
int options_set(struct options *o, const char *name, const char *value,
    char *err, size_t errlen);

/* Reads a config file; -1 with a message naming the file and line. */
int options_load(struct options *o, const char *path, char *err,
    size_t errlen);

/*
 * Finishes the settings after all sources are read: selects the zone,
 * reads the times that depend on it, applies the profile's defaults.
 * Returns -1 with a message on error.
 */
int options_finish(struct options *o, char *err, size_t errlen);

/* Parses the command line after the subcommand.  On success *first is the
 * index of the first input path.  Returns 0, 1 when help was printed, or
 * -1 after printing an error. */
int options_parse_argv(struct options *o, int argc, char **argv,
    int *first, const char *cmd);

void options_usage(FILE *fp, const char *cmd);

#endif
