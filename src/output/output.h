/*
 * output.h - writing findings.
 *
 * Each output format is one file exporting a struct output; the registry
 * in output.c lists them.  Columns are those of detection.md section 6, in
 * its order; text that came from logs (vendor, product) is escaped for the
 * medium, so log content cannot become terminal control sequences or
 * invalid JSON.
 */
#ifndef SCANSPOT_OUTPUT_H
#define SCANSPOT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../engine/engine.h"

struct output {
	const char *name;
	/* Writes all rows, already in output order. */
	void (*write)(FILE *fp, const struct finding *rows, size_t n);
};

extern const struct output output_table, output_csv, output_jsonl,
    output_json;

/* When set, CSV keeps log text that starts like a spreadsheet formula as
 * it is, instead of prefixing it with an apostrophe. */
extern bool output_csv_raw;

/* Looks an output up by name; NULL if there is none. */
const struct output *output_by_name(const char *name);

/* The column names, in order, NULL-terminated. */
extern const char *const output_columns[];

/* Sorts rows into output order: TotalAttempts descending, then
 * TimeGenerated ascending, then SourceIP in address order. */
void output_sort(struct finding *rows, size_t n);

/* Writes the ports as "[21,22,23]". */
void output_ports_list(FILE *fp, const struct finding *f);

/*
 * Writes s as the body of a JSON string (no quotes): quotes and control
 * characters (C0, DEL and C1) escaped, invalid UTF-8 bytes replaced by
 * U+FFFD, so the result is always valid UTF-8 JSON and safe to print.
 */
void output_json_string(FILE *fp, struct str s);

/* Writes s for a terminal: control characters (C0, DEL, C1) and invalid
 * UTF-8 bytes as \xHH, a backslash as \\.  Returns the number of columns
 * written; with fp NULL it only counts them. */
size_t output_text_escaped(FILE *fp, struct str s);

#endif
