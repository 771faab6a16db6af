/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: case-insensitive string comparison
 */
#ifndef XENMB_LIBC_STRINGS_H
#define XENMB_LIBC_STRINGS_H

#include <stddef.h>

int strcasecmp ( const char *first, const char *second );
int strncasecmp ( const char *first, const char *second, size_t max );

#endif /* XENMB_LIBC_STRINGS_H */
