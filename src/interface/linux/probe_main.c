/** @file
 *
 * xenmb-probe: the Linux carrier (placeholder until the probe lands)
 */
#include <stdio.h>
#include <xenmb/errors.h>

/**
 * Main entry
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret status		Exit status
 */
int main ( int argc, char **argv ) {
	( void ) argc;
	( void ) argv;
	fprintf ( stderr, "xenmb-probe: %s\n", xenmb_strerror ( -XENOTSUP ) );
	return 2;
}
