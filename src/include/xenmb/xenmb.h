/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's entry into the core, called by each carrier
 */
#ifndef XENMB_XENMB_H
#define XENMB_XENMB_H

#include <xenmb/platform.h>

/** Version string */
#define XENMB_VERSION "0.1"

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

#endif /* XENMB_XENMB_H */
