/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * BIOS carrier console: COM1 and the VGA text screen
 *
 * putchar() writes every character to both.  No state is kept in memory:
 * the VGA cursor position lives in the CRT controller, where the BIOS and
 * iPXE keep it too, and the serial port is probed on each write.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "bios_io.h"
#include "bios_carrier.h"

/** COM1 base port */
#define COM1 0x3f8
/** Transmit/receive register, divisor latch low */
#define UART_DATA 0
/** Interrupt enable register, divisor latch high */
#define UART_IER 1
/** FIFO control register */
#define UART_FCR 2
/** Line control register */
#define UART_LCR 3
/** Modem control register */
#define UART_MCR 4
/** Line status register */
#define UART_LSR 5
/** LCR: divisor latch access */
#define UART_LCR_DLAB 0x80
/** LCR: 8 data bits, no parity, 1 stop bit */
#define UART_LCR_8N1 0x03
/** LSR: transmit holding register empty */
#define UART_LSR_THRE 0x20
/** Divisor for 115200 baud */
#define UART_DIVISOR_115200 1
/** Most status polls while waiting to transmit */
#define UART_TX_POLLS 100000

/** VGA text buffer */
#define VGA_TEXT 0xb8000
/** Screen width in characters */
#define VGA_COLS 80
/** Screen height in characters */
#define VGA_ROWS 25
/** Attribute: light grey on black */
#define VGA_ATTR 0x07
/** CRT controller index and data ports (colour) */
#define VGA_CRTC_INDEX 0x3d4
#define VGA_CRTC_DATA  0x3d5
/** CRTC registers: cursor location high and low */
#define VGA_CRTC_CURSOR_HI 0x0e
#define VGA_CRTC_CURSOR_LO 0x0f

/**
 * Check whether COM1 exists
 *
 * @ret present		Nonzero if a UART answers
 */
static int serial_present ( void ) {
	return ( inb ( COM1 + UART_LSR ) != 0xff );
}

/**
 * Set up COM1: keep the speed the firmware or iPXE chose, else 115200
 */
void bios_console_init ( void ) {
	unsigned int divisor;

	if ( !serial_present () )
		return;
	outb ( ( UART_LCR_DLAB | UART_LCR_8N1 ), ( COM1 + UART_LCR ) );
	divisor =
	        ( inb ( COM1 + UART_DATA ) | ( inb ( COM1 + UART_IER ) << 8 ) );
	if ( ( divisor == 0 ) || ( divisor == 0xffff ) ) {
		outb ( ( UART_DIVISOR_115200 & 0xff ), ( COM1 + UART_DATA ) );
		outb ( ( UART_DIVISOR_115200 >> 8 ), ( COM1 + UART_IER ) );
	}
	outb ( UART_LCR_8N1, ( COM1 + UART_LCR ) );
	outb ( 0x00, ( COM1 + UART_IER ) );
	outb ( 0x07, ( COM1 + UART_FCR ) );
	outb ( 0x03, ( COM1 + UART_MCR ) );
}

/**
 * Send one byte to COM1
 *
 * @v byte		Byte
 */
static void serial_send ( uint8_t byte ) {
	unsigned int polls;

	for ( polls = 0; polls < UART_TX_POLLS; polls++ ) {
		if ( inb ( COM1 + UART_LSR ) & UART_LSR_THRE )
			break;
	}
	outb ( byte, ( COM1 + UART_DATA ) );
}

/**
 * Read the VGA cursor position
 *
 * @ret pos		Character cell (row * VGA_COLS + column)
 */
static unsigned int vga_get_cursor ( void ) {
	unsigned int pos;

	outb ( VGA_CRTC_CURSOR_HI, VGA_CRTC_INDEX );
	pos = ( inb ( VGA_CRTC_DATA ) << 8 );
	outb ( VGA_CRTC_CURSOR_LO, VGA_CRTC_INDEX );
	pos |= inb ( VGA_CRTC_DATA );
	/* No VGA, or a mode we do not know: start at the last line */
	if ( pos >= ( VGA_COLS * VGA_ROWS ) )
		pos = ( ( VGA_ROWS - 1 ) * VGA_COLS );
	return pos;
}

/**
 * Move the VGA cursor
 *
 * @v pos		Character cell
 */
static void vga_set_cursor ( unsigned int pos ) {
	outb ( VGA_CRTC_CURSOR_HI, VGA_CRTC_INDEX );
	outb ( ( pos >> 8 ), VGA_CRTC_DATA );
	outb ( VGA_CRTC_CURSOR_LO, VGA_CRTC_INDEX );
	outb ( ( pos & 0xff ), VGA_CRTC_DATA );
}

/**
 * Write one character to the VGA text screen, scrolling at the bottom
 *
 * @v c			Character
 */
static void vga_putchar ( uint8_t c ) {
	volatile uint16_t *cells = phys_to_virt ( VGA_TEXT );
	unsigned int pos = vga_get_cursor ();
	unsigned int i;

	switch ( c ) {
	case '\n':
		pos += ( VGA_COLS - ( pos % VGA_COLS ) );
		break;
	case '\r':
		pos -= ( pos % VGA_COLS );
		break;
	case '\b':
		if ( pos % VGA_COLS )
			pos--;
		break;
	case '\t':
		pos = ( ( pos + 8 ) & ~7U );
		break;
	default:
		cells[pos++] = ( ( VGA_ATTR << 8 ) | c );
		break;
	}

	/* Scroll up one line when the cursor leaves the screen */
	if ( pos >= ( VGA_COLS * VGA_ROWS ) ) {
		for ( i = 0; i < ( VGA_COLS * ( VGA_ROWS - 1 ) ); i++ )
			cells[i] = cells[i + VGA_COLS];
		for ( ; i < ( VGA_COLS * VGA_ROWS ); i++ )
			cells[i] = ( ( VGA_ATTR << 8 ) | ' ' );
		pos -= VGA_COLS;
	}
	vga_set_cursor ( pos );
}

/**
 * Write one character to the console (COM1 and VGA)
 *
 * @v c			Character
 * @ret c		The character, as an unsigned char
 */
int putchar ( int c ) {
	uint8_t byte = c;

	if ( serial_present () ) {
		if ( byte == '\n' )
			serial_send ( '\r' );
		serial_send ( byte );
	}
	vga_putchar ( byte );
	return byte;
}
