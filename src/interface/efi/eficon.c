/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI console output: putchar() for the C library subset
 *
 * Characters go to ConOut, which OVMF also copies to the serial port.
 * putchar() has no way to be handed a context, so the one output
 * interface is kept in this file.
 */
#include <stdio.h>
#include <efi.h>
#include "efi_carrier.h"

/** The console output interface, or NULL before efi_console_init() */
static SIMPLE_TEXT_OUTPUT_INTERFACE *efi_conout;

/**
 * Set the console output interface
 *
 * @v conout		ConOut from the system table (NULL: discard output)
 */
void efi_console_init ( SIMPLE_TEXT_OUTPUT_INTERFACE *conout ) {
	efi_conout = conout;
}

/**
 * Write one character to the console
 *
 * @v c			Character (a line feed becomes CR LF)
 * @ret c		The character written, as an unsigned char
 */
int putchar ( int c ) {
	CHAR16 text[3];
	unsigned int len = 0;

	if ( !efi_conout )
		return ( ( unsigned char )c );
	if ( c == '\n' )
		text[len++] = L'\r';
	text[len++] = ( ( unsigned char )c );
	text[len] = L'\0';
	efi_conout->OutputString ( efi_conout, text );
	return ( ( unsigned char )c );
}
