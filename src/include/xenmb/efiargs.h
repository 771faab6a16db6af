/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The UEFI command line: LoadOptions (UCS-2) to an ASCII string
 */
#ifndef XENMB_EFIARGS_H
#define XENMB_EFIARGS_H

#include <stddef.h>

/**
 * Turn LoadOptions into xenmb's command line, without the image's name
 *
 * @v options		LoadOptions (UCS-2 little-endian), or NULL
 * @v size		LoadOptionsSize in bytes
 * @v buf		Output buffer
 * @v max		Size of the output buffer (at least 1)
 * @v bad		Index of the offending character, on -XEINVAL
 * @ret rc		0, -XEINVAL (a character outside printable ASCII),
 *			-XENOSPC (longer than the buffer)
 *
 * The string ends at the first NUL or after @c size bytes, whichever
 * comes first (LoadOptions need not be terminated).  Tabs, carriage
 * returns and line feeds become spaces.  iPXE puts the image's own name
 * first ("xenmb.efi --probe ..."): that first word is dropped.
 */
int efi_cmdline_from_options ( const void *options, size_t size, char *buf,
                               size_t max, size_t *bad );

#endif /* XENMB_EFIARGS_H */
