/** @file
 *
 * xenmb's main flow (placeholder until the loader lands)
 */
#include <stdio.h>
#include <xenmb/xenmb.h>
#include <xenmb/errors.h>

/**
 * Run xenmb
 *
 * @v plat		Platform
 * @v cmdline		Command line
 * @ret rc		Return status code
 */
int xenmb_main ( struct platform *plat, char *cmdline ) {
	printf ( "xenmb %s (%s): command line \"%s\"\n", XENMB_VERSION,
		 plat->name, cmdline );
	return -XENOTSUP;
}
