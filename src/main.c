/* main.c: command-line dispatch. */
#include "config.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	puts("benchtop " PACKAGE_VERSION);
	return 0;
}
