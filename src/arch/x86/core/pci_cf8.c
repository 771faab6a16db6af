/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * PCI configuration access through I/O ports 0xCF8/0xCFC
 *
 * The firmware carriers (BIOS, UEFI) run in ring 0 and plug this into
 * plat->pci_read.  It reaches segment 0 and the first 256 bytes of each
 * function only.  It compiles everywhere so that the core stays one list
 * of sources; on Linux nobody calls it.
 */
#include <stdint.h>
#include <xenmb/errors.h>
#include <xenmb/pci.h>
#include <xenmb/pci_cf8.h>

/** Configuration address port */
#define PCI_CF8_ADDRESS 0xcf8
/** Configuration data port */
#define PCI_CF8_DATA 0xcfc
/** Enable bit of the configuration address */
#define PCI_CF8_ENABLE 0x80000000UL

/**
 * Write a dword to an I/O port
 *
 * @v port		Port
 * @v val		Value
 */
static inline void pci_cf8_outl ( uint16_t port, uint32_t val ) {
	__asm__ __volatile__( "outl %0, %1" : : "a"( val ), "Nd"( port ) );
}

/**
 * Read a dword from an I/O port
 *
 * @v port		Port
 * @ret val		Value
 */
static inline uint32_t pci_cf8_inl ( uint16_t port ) {
	uint32_t val;

	__asm__ __volatile__( "inl %1, %0" : "=a"( val ) : "Nd"( port ) );
	return val;
}

/**
 * Read a word from an I/O port
 *
 * @v port		Port
 * @ret val		Value
 */
static inline uint16_t pci_cf8_inw ( uint16_t port ) {
	uint16_t val;

	__asm__ __volatile__( "inw %1, %0" : "=a"( val ) : "Nd"( port ) );
	return val;
}

/**
 * Read a byte from an I/O port
 *
 * @v port		Port
 * @ret val		Value
 */
static inline uint8_t pci_cf8_inb ( uint16_t port ) {
	uint8_t val;

	__asm__ __volatile__( "inb %1, %0" : "=a"( val ) : "Nd"( port ) );
	return val;
}

/**
 * Read PCI configuration space through CF8/CFC (a plat->pci_read)
 *
 * @v plat		Platform (unused)
 * @v seg		Segment (must be 0)
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register (below 256, aligned to width)
 * @v width		1, 2 or 4
 * @v val		Value read
 * @ret rc		0, or -XERANGE beyond what CF8 reaches
 */
int pci_cf8_read ( struct platform *plat, unsigned int seg, unsigned int bus,
                   unsigned int devfn, unsigned int reg, unsigned int width,
                   uint32_t *val ) {
	uint16_t data = ( PCI_CF8_DATA + ( reg & 3 ) );

	( void )plat;
	if ( ( seg != 0 ) || ( bus > 0xff ) || ( devfn > 0xff ) ||
	     ( reg >= PCI_CONFIG_SIZE_LEGACY ) || ( reg & ( width - 1 ) ) )
		return -XERANGE;

	pci_cf8_outl ( PCI_CF8_ADDRESS, ( PCI_CF8_ENABLE | ( bus << 16 ) |
	                                  ( devfn << 8 ) | ( reg & 0xfc ) ) );
	switch ( width ) {
	case 1:
		*val = pci_cf8_inb ( data );
		return 0;
	case 2:
		*val = pci_cf8_inw ( data );
		return 0;
	case 4:
		*val = pci_cf8_inl ( data );
		return 0;
	default:
		return -XEINVAL;
	}
}
