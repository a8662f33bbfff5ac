/* cmd_runs.c: `benchtop runs`: the runs in a store. */
#include "config.h"

#include "benchtop/cli.h"
#include "benchtop/summary.h"

int
cmd_runs(int argc, char **argv)
{
	return cli_table_command("runs", argc, argv, summary_runs);
}
