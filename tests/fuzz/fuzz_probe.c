/** @file
 *
 * Fuzz harness for the whole probe (probe.c) on fuzzed tables and PCI
 *
 * The input is:
 *
 *   byte		flags: 1 PCI through the carrier's pci_read
 *   u16		bytes of PCI configuration space that follow: 256 bytes
 *			per function, bus 0 device 0 function 0 onwards
 *   ...		those bytes
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
#include <xenmb/probe.h>
#include "fuzz_input.h"

/** Bytes of configuration space per function */
#define FUZZ_FUNC_SIZE 256

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
 * @ret rc		0, or -XEINVAL outside the image
 */
static int fuzz_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	const struct fuzz_machine *machine = plat->priv;

	if ( ( len > machine->mem_len ) ||
	     ( addr > ( machine->mem_len - len ) ) )
		return -XEINVAL;
	memcpy ( buf, ( machine->mem + addr ), len );
	return 0;
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
	unsigned int i;

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
	*val = 0;
	for ( i = 0; i < width; i++ )
		*val |= ( ( uint32_t )machine->pci[base + reg + i]
		          << ( 8 * i ) );
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
	machine.mem = fuzz_take_rest ( &in, &machine.mem_len );

	memset ( &plat, 0, sizeof ( plat ) );
	plat.name = "linux";
	plat.priv = &machine;
	plat.phys_read = fuzz_phys_read;
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
