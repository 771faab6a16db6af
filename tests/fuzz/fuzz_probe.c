/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the whole probe (probe.c) on fuzzed tables and PCI
 *
 * The input is:
 *
 *   byte		flags: 1 PCI through the carrier's pci_read, 4 a
 *			memory map, 8 IOMMU registers (bits 1-7 also pick
 *			the --require conditions checked at the end)
 *   u16		bytes of PCI configuration space that follow: 256 bytes
 *			per function, bus 0 device 0 function 0 onwards
 *   ...		those bytes
 *   map		with flag 4: a count byte (0-8), then per entry u64
 *			start, u64 length, u8 type
 *   64 bytes		with flag 8: the register page every IOMMU base
 *			outside the image reads (VT-d VER/CAP/ECAP/GSTS,
 *			AMD-Vi CONTROL/EFR all lie in its first 64 bytes)
 *   rest		physical memory from address 0, with the RSDP at 16
 *			(tables found there, MCFG windows and IOMMU registers
 *			pointing into it are read from it too)
 *
 * probe_run() discovers the tables, scans PCI, reads the IOMMU
 * registers, maps devices to IOMMUs and decides the verdict; then all
 * three reports are written.  Nothing may crash or read out of bounds,
 * and probe_run() may only fail for lack of arena memory.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/arena.h>
#include <xenmb/errors.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>
#include "fuzz_input.h"

/** Bytes of configuration space per function */
#define FUZZ_FUNC_SIZE 256

/** Most memory map entries */
#define FUZZ_MAP_MAX 8

/** Bytes of the register page */
#define FUZZ_REGS_LEN 64

/** Arena for one input */
static uint8_t fuzz_arena[8 * 1024 * 1024];

/** The fake machine */
struct fuzz_machine {
	/** Configuration space of bus 0, function after function */
	const uint8_t *pci;
	size_t pci_len;
	/** Physical memory from 0 */
	const uint8_t *mem;
	size_t mem_len;
	/** Register page for IOMMU bases outside the image, or NULL */
	const uint8_t *regs;
	/** Memory map */
	struct memmap_entry map[FUZZ_MAP_MAX];
	unsigned int map_count;
};

/**
 * Silence the reports (they go to stdout)
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret rc		0
 */
int LLVMFuzzerInitialize ( int *argc, char ***argv ) {
	( void )argc;
	( void )argv;
	if ( !getenv ( "FUZZ_VERBOSE" ) &&
	     !freopen ( "/dev/null", "w", stdout ) )
		abort ();
	return 0;
}

/**
 * Read physical memory
 *
 * @v plat		Platform
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0, or -XEINVAL where nothing is
 *
 * Addresses past the image read the register page at their offset in
 * the 4 KiB page, when there is one.
 */
static int fuzz_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	const struct fuzz_machine *machine = plat->priv;
	size_t offset = ( addr & 0xfff );

	if ( ( len <= machine->mem_len ) &&
	     ( addr <= ( machine->mem_len - len ) ) ) {
		memcpy ( buf, ( machine->mem + addr ), len );
		return 0;
	}
	if ( machine->regs && ( addr >= machine->mem_len ) &&
	     ( len <= FUZZ_REGS_LEN ) && ( offset <= FUZZ_REGS_LEN - len ) ) {
		memcpy ( buf, ( machine->regs + offset ), len );
		return 0;
	}
	return -XEINVAL;
}

/**
 * Give the memory map
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries
 */
static const struct memmap_entry *fuzz_memmap ( struct platform *plat,
                                                unsigned int *count ) {
	const struct fuzz_machine *machine = plat->priv;

	*count = machine->map_count;
	return machine->map;
}

/**
 * Read PCI configuration space (bus 0 only, 256 bytes a function)
 *
 * @v plat		Platform
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register
 * @v width		1, 2 or 4
 * @v val		Value read
 * @ret rc		0, or negative
 */
static int fuzz_pci_read ( struct platform *plat, unsigned int seg,
                           unsigned int bus, unsigned int devfn,
                           unsigned int reg, unsigned int width,
                           uint32_t *val ) {
	const struct fuzz_machine *machine = plat->priv;
	size_t base = ( ( size_t )devfn * FUZZ_FUNC_SIZE );

	if ( ( width != 1 ) && ( width != 2 ) && ( width != 4 ) )
		abort ();
	if ( reg >= FUZZ_FUNC_SIZE )
		return -XEINVAL;
	if ( ( seg != 0 ) || ( bus != 0 ) ||
	     ( ( base + FUZZ_FUNC_SIZE ) > machine->pci_len ) ) {
		*val = ( ( width == 4 ) ? 0xffffffffU
		                        : ( ( 1U << ( 8 * width ) ) - 1 ) );
		return 0;
	}
	*val = fuzz_get_le ( ( machine->pci + base + reg ), width );
	return 0;
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct probe_report report;
	struct fuzz_machine machine;
	struct platform plat;
	struct fuzz_input in;
	struct arena arena;
	unsigned int flags;
	unsigned int i;
	size_t len;
	int rc;

	fuzz_input_init ( &in, data, size );
	flags = fuzz_take ( &in, 1 );
	len = fuzz_take ( &in, 2 );
	if ( len > in.size )
		len = in.size;
	machine.pci = in.data;
	machine.pci_len = len;
	in.data += len;
	in.size -= len;
	machine.map_count = 0;
	if ( flags & 4 ) {
		machine.map_count =
		        ( fuzz_take ( &in, 1 ) % ( FUZZ_MAP_MAX + 1 ) );
		for ( i = 0; i < machine.map_count; i++ ) {
			machine.map[i].addr = fuzz_take ( &in, 8 );
			machine.map[i].len = fuzz_take ( &in, 8 );
			machine.map[i].type = fuzz_take ( &in, 1 );
		}
	}
	machine.regs = NULL;
	if ( ( flags & 8 ) && ( in.size >= FUZZ_REGS_LEN ) ) {
		machine.regs = in.data;
		in.data += FUZZ_REGS_LEN;
		in.size -= FUZZ_REGS_LEN;
	}
	machine.mem = fuzz_take_rest ( &in, &machine.mem_len );

	memset ( &plat, 0, sizeof ( plat ) );
	plat.name = "linux";
	plat.probes_hardware = 1;
	plat.priv = &machine;
	plat.phys_read = fuzz_phys_read;
	if ( flags & 4 )
		plat.memmap = fuzz_memmap;
	if ( flags & 1 )
		plat.pci_read = fuzz_pci_read;
	plat.rsdp = 16;
	arena_init ( &arena, fuzz_arena, sizeof ( fuzz_arena ) );

	rc = probe_run ( &plat, &arena, NULL, &report );
	if ( rc != 0 ) {
		if ( rc != -XENOMEM )
			abort ();
		return 0;
	}
	if ( report.pci_valid && ( report.pci.count > report.pci.max ) )
		abort ();
	probe_print_summary ( &report );
	probe_print_verbose ( &report );
	probe_print_json ( &report );
	probe_check_require ( &report, ( flags >> 1 ) );
	return 0;
}
