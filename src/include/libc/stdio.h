/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: formatted output
 *
 * Output goes to putchar(), which each carrier provides (BIOS: serial
 * port and VGA text screen; UEFI: the console protocol).  Supported
 * conversions: %s %c %d %i %u %x %X %p %%, with the flags '-', '0', '+',
 * ' ' and '#', a width and a precision (numbers or '*'), and the length
 * modifiers hh h l ll z j t.  No floating point.
 */
#ifndef XENMB_LIBC_STDIO_H
#define XENMB_LIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

/** End of file (returned by putchar on failure) */
#define EOF ( -1 )

/**
 * Write one character to the console (provided by the carrier)
 *
 * @v c			Character
 * @ret c		The character written, as an unsigned char
 */
int putchar ( int c );

int puts ( const char *str );
int printf ( const char *fmt, ... )
        __attribute__ ( ( format ( printf, 1, 2 ) ) );
int vprintf ( const char *fmt, va_list args );
int snprintf ( char *buf, size_t size, const char *fmt, ... )
        __attribute__ ( ( format ( printf, 3, 4 ) ) );
int vsnprintf ( char *buf, size_t size, const char *fmt, va_list args );

#endif /* XENMB_LIBC_STDIO_H */
