/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Wait for a key or a timeout, then reboot
 *
 * Runs in protected mode without BIOS calls: keys are polled on the 8042
 * keyboard controller and on COM1, time is measured with PIT channel 2,
 * and the reboot tries the 8042 reset line, then the PCI reset register
 * (0xCF9), then a triple fault.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <xenmb/bios.h>
#include "bios_io.h"
#include "bios_carrier.h"

/** 8042 data and status ports */
#define KBC_DATA   0x60
#define KBC_STATUS 0x64
/** 8042 status: output buffer full, input buffer full, mouse data */
#define KBC_STATUS_OBF 0x01
#define KBC_STATUS_IBF 0x02
#define KBC_STATUS_AUX 0x20
/** 8042 command: pulse the reset line */
#define KBC_RESET 0xfe
/** Scan code bit: key released */
#define KBC_BREAK 0x80

/** COM1 data and line status ports */
#define COM1_DATA 0x3f8
#define COM1_LSR  0x3fd
/** Line status: data ready */
#define COM1_LSR_DR 0x01

/** PIT channel 2 data, mode/command, and the port B gate/output bits */
#define PIT_CH2        0x42
#define PIT_MODE       0x43
#define PORT_B         0x61
#define PORT_B_GATE2   0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2    0x20
/** PIT mode: channel 2, low then high byte, mode 0, binary */
#define PIT_CH2_ONESHOT 0xb0
/** PIT input clock, Hz */
#define PIT_HZ 1193182
/** Ticks per second of the wait loop */
#define TICKS_PER_SECOND 100
/** Most polls of the PIT output per tick (if there is no PIT) */
#define PIT_POLLS 2000000

/** PCI reset control register and its values */
#define PCI_RESET     0xcf9
#define PCI_RESET_SYS 0x02
#define PCI_RESET_CPU 0x04

/**
 * Wait one tick (1 / TICKS_PER_SECOND s) with PIT channel 2
 */
static void pit_tick ( void ) {
	unsigned int count = ( PIT_HZ / TICKS_PER_SECOND );
	unsigned int polls;
	uint8_t port_b;

	port_b = inb ( PORT_B );
	outb ( ( ( port_b & ~PORT_B_SPEAKER ) | PORT_B_GATE2 ), PORT_B );
	outb ( PIT_CH2_ONESHOT, PIT_MODE );
	outb ( ( count & 0xff ), PIT_CH2 );
	outb ( ( count >> 8 ), PIT_CH2 );
	for ( polls = 0; polls < PIT_POLLS; polls++ ) {
		if ( inb ( PORT_B ) & PORT_B_OUT2 )
			break;
	}
}

/**
 * Check for a key press on the keyboard or COM1
 *
 * @ret pressed		Nonzero if a key was pressed
 */
static int key_pressed ( void ) {
	uint8_t status;
	uint8_t data;

	status = inb ( KBC_STATUS );
	if ( ( status != 0xff ) && ( status & KBC_STATUS_OBF ) ) {
		data = inb ( KBC_DATA );
		if ( !( status & KBC_STATUS_AUX ) && !( data & KBC_BREAK ) )
			return 1;
	}
	status = inb ( COM1_LSR );
	if ( ( status != 0xff ) && ( status & COM1_LSR_DR ) ) {
		inb ( COM1_DATA );
		return 1;
	}
	return 0;
}

/**
 * Throw away input that arrived before the prompt
 */
static void drain_keys ( void ) {
	unsigned int i;

	for ( i = 0; i < 64; i++ )
		key_pressed ();
}

/**
 * Wait for the 8042 to take a command (bounded)
 */
static void kbc_wait ( void ) {
	unsigned int polls;

	for ( polls = 0; polls < 100000; polls++ ) {
		if ( !( inb ( KBC_STATUS ) & KBC_STATUS_IBF ) )
			break;
	}
}

/**
 * Wait some ticks
 *
 * @v ticks		Number of ticks
 */
static void wait_ticks ( unsigned int ticks ) {
	while ( ticks-- )
		pit_tick ();
}

/**
 * Reboot the machine
 */
static void __attribute__ ( ( noreturn ) ) bios_reboot ( void ) {
	printf ( "Rebooting\n" );

	/* The keyboard controller's reset line */
	kbc_wait ();
	outb ( KBC_RESET, KBC_STATUS );
	wait_ticks ( TICKS_PER_SECOND / 2 );

	/* The PCI reset control register */
	outb ( PCI_RESET_SYS, PCI_RESET );
	outb ( ( PCI_RESET_SYS | PCI_RESET_CPU ), PCI_RESET );
	wait_ticks ( TICKS_PER_SECOND / 2 );

	/* A triple fault resets every x86 */
	bios_triple_fault ();
}

/**
 * Wait for a key press (keyboard or COM1) or a timeout, then reboot
 *
 * @v seconds		Timeout in seconds; 0 reboots at once
 */
void bios_wait_and_reboot ( unsigned int seconds ) {
	unsigned int ticks;

	if ( seconds > ( ~0U / TICKS_PER_SECOND ) )
		seconds = ( ~0U / TICKS_PER_SECOND );
	if ( seconds ) {
		printf ( "Press a key to reboot (or wait %u s)\n", seconds );
		drain_keys ();
		for ( ticks = ( seconds * TICKS_PER_SECOND ); ticks; ticks-- ) {
			if ( key_pressed () )
				break;
			pit_tick ();
		}
	}
	bios_reboot ();
}
