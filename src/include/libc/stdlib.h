/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: number conversion
 *
 * There is no malloc: memory comes from the carrier's platform interface.
 */
#ifndef XENMB_LIBC_STDLIB_H
#define XENMB_LIBC_STDLIB_H

#include <stddef.h>

unsigned long strtoul ( const char *str, char **end, int base );
unsigned long long strtoull ( const char *str, char **end, int base );
long strtol ( const char *str, char **end, int base );

#endif /* XENMB_LIBC_STDLIB_H */
