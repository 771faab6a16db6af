/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: character classes (ASCII only)
 */
#ifndef XENMB_LIBC_CTYPE_H
#define XENMB_LIBC_CTYPE_H

int isspace ( int c );
int isdigit ( int c );
int isxdigit ( int c );
int isupper ( int c );
int islower ( int c );
int isalpha ( int c );
int isalnum ( int c );
int isprint ( int c );
int ispunct ( int c );
int toupper ( int c );
int tolower ( int c );

#endif /* XENMB_LIBC_CTYPE_H */
