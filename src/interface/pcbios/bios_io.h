/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * x86 port I/O for the BIOS carrier
 */
#ifndef XENMB_BIOS_IO_H
#define XENMB_BIOS_IO_H

#include <stdint.h>

/**
 * Read a byte from an I/O port
 *
 * @v port		Port
 * @ret value		Byte read
 */
static inline uint8_t inb ( uint16_t port ) {
	uint8_t value;

	__asm__ __volatile__( "inb %w1, %b0" : "=a"( value ) : "Nd"( port ) );
	return value;
}

/**
 * Write a byte to an I/O port
 *
 * @v value		Byte
 * @v port		Port
 */
static inline void outb ( uint8_t value, uint16_t port ) {
	__asm__ __volatile__( "outb %b0, %w1" : : "a"( value ), "Nd"( port ) );
}

#endif /* XENMB_BIOS_IO_H */
