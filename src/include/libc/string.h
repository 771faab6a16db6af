/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: memory and string functions
 *
 * Used by the firmware carriers (BIOS, UEFI) in place of the C library's
 * <string.h>; the host builds use the real one.
 */
#ifndef XENMB_LIBC_STRING_H
#define XENMB_LIBC_STRING_H

#include <stddef.h>

void *memcpy ( void *dest, const void *src, size_t len );
void *memmove ( void *dest, const void *src, size_t len );
void *memset ( void *dest, int c, size_t len );
int memcmp ( const void *first, const void *second, size_t len );
void *memchr ( const void *src, int c, size_t len );
size_t strlen ( const char *str );
size_t strnlen ( const char *str, size_t max );
int strcmp ( const char *first, const char *second );
int strncmp ( const char *first, const char *second, size_t max );
char *strchr ( const char *str, int c );
char *strrchr ( const char *str, int c );
char *strstr ( const char *haystack, const char *needle );
char *strncpy ( char *dest, const char *src, size_t max );

#endif /* XENMB_LIBC_STRING_H */
