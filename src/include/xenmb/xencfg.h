/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Xen's EFI config file (xen.cfg)
 */
#ifndef XENMB_XENCFG_H
#define XENMB_XENCFG_H

#include <stddef.h>
#include <xenmb/options.h>

/**
 * Parse a xen.cfg (Xen's EFI config format) into the images to boot
 *
 * @v text		Config text, modified in place; need not end in NUL
 * @v len		Length of the text
 * @v section		Section to use, or NULL for [global] default=
 * @v opts		Options; xen and modules are filled from the section
 * @ret rc		0, or -XECFGSYNTAX, -XECFGSECTION, -XECFGKEY ...
 *			with opts->bad_word naming the key or section
 *
 * Replaces opts->xen and opts->modules.  opts->xen.name stays NULL when
 * the config has no xen= key: the caller tries "xen.gz", then "xen".
 * See xencfg.c for the format and the mapping.
 */
int xencfg_parse ( char *text, size_t len, const char *section,
                   struct xenmb_options *opts );

#endif /* XENMB_XENCFG_H */
