/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's main flow (called by each firmware carrier) and the loading of
 * Xen and its modules
 */
#ifndef XENMB_XENBOOT_H
#define XENMB_XENBOOT_H

#include <xenmb/options.h>
#include <xenmb/platform.h>

/**
 * Run xenmb: parse the command line, probe, load and boot Xen
 *
 * @v plat		Platform (carrier) interface
 * @v cmdline		Command line without the carrier's own name; modified
 * @ret rc		Only returns on failure, or after --probe: 0 when the
 *			probe's conditions hold, negative otherwise; the
 *			reason has been printed
 */
int xenmb_main ( struct platform *plat, char *cmdline );

/**
 * Load Xen and its modules and start Xen
 *
 * @v plat		Platform
 * @v opts		Options and images (xen.name may be NULL: default)
 * @v before_jump	Called after everything is placed, right before the
 *			jump (prints the probe summary), or NULL
 * @v ctx		Passed to before_jump
 * @ret rc		Only returns on failure (reason printed); everything
 *			allocated has been freed
 */
int load_and_boot ( struct platform *plat, const struct xenmb_options *opts,
                    void ( *before_jump ) ( void *ctx ), void *ctx );

#endif /* XENMB_XENBOOT_H */
