/*
 * commands.h - the subcommands of scanspot.
 */
#ifndef SCANSPOT_COMMANDS_H
#define SCANSPOT_COMMANDS_H

/* Each takes the arguments after the subcommand name (argv[0] is the
 * subcommand) and returns the exit status. */
int cmd_detect(int argc, char **argv);
int cmd_events(int argc, char **argv);

#endif
