/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for PCI enumeration and capability walks (pci.c)
 *
 * The input is a fake configuration space:
 *
 *   byte		flags: 1 through an ECAM window (phys_read), else
 *			through the carrier's 256-byte pci_read
 *   byte		number of functions (1-8)
 *   per function	bus (0-3), devfn, then 4096 bytes of configuration
 *			space (missing bytes read as zero)
 *
 * Everything else reads as all-ones, as absent hardware does.  The whole
 * bus space is scanned into a small table; every device found must be
 * one of the functions given, once.  Each walk must only report
 * capabilities at legal, aligned, never repeated offsets, within the
 * chain limits, and pci_find_cap() must agree with the walk.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/pci.h>
#include "fuzz_input.h"

/** Most functions described */
#define FUZZ_MAX_FUNCS 8

/** Table size for the scan (smaller than the functions: drops happen) */
#define FUZZ_SCAN_MAX 6

/** Buses that can hold a function (the ECAM window's size) */
#define FUZZ_BUSES 4

/** Where the ECAM window pretends to be */
#define FUZZ_ECAM_BASE 0xe0000000ULL

/** One function */
struct fuzz_func {
	uint8_t bus;
	uint8_t devfn;
	uint8_t config[PCI_CONFIG_SIZE];
};

/** The fake machine */
struct fuzz_pci {
	struct fuzz_func funcs[FUZZ_MAX_FUNCS];
	unsigned int count;
	/** Function index + 1 by bus and devfn, or 0 */
	uint8_t index[FUZZ_BUSES][256];
};

/** What one walk saw */
struct fuzz_walk {
	/** Offsets seen (one bit per dword) */
	uint8_t seen[PCI_CONFIG_SIZE / 4];
	/** Capabilities reported */
	unsigned int count;
	/** Lowest and highest legal offset */
	unsigned int min;
	unsigned int max;
	/** First offset of each ID (classic IDs only: 0-255) */
	unsigned int first[256];
};

/**
 * Find a function's configuration space
 *
 * @v fake		Fake machine
 * @v bus		Bus
 * @v devfn		Device and function
 * @ret config		Its bytes, or NULL if absent
 */
static const uint8_t *fuzz_config ( struct fuzz_pci *fake, unsigned int bus,
                                    unsigned int devfn ) {
	unsigned int i;

	if ( ( bus >= FUZZ_BUSES ) || ( devfn > 255 ) )
		return NULL;
	i = fake->index[bus][devfn];
	return ( i ? fake->funcs[i - 1].config : NULL );
}

/**
 * Read bytes of configuration space, all-ones where nothing answers
 *
 * @v fake		Fake machine
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register
 * @v width		Bytes
 * @ret val		Value
 */
static uint32_t fuzz_read ( struct fuzz_pci *fake, unsigned int bus,
                            unsigned int devfn, unsigned int reg,
                            unsigned int width ) {
	const uint8_t *config = fuzz_config ( fake, bus, devfn );

	if ( !config )
		return ( ( width == 4 ) ? 0xffffffffU
		                        : ( ( 1U << ( 8 * width ) ) - 1 ) );
	return fuzz_get_le ( ( config + reg ), width );
}

/**
 * The carrier's configuration reader (256 bytes, like CF8/CFC)
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
	if ( ( seg != 0 ) || ( bus > 255 ) || ( devfn > 255 ) ||
	     ( ( width != 1 ) && ( width != 2 ) && ( width != 4 ) ) ||
	     ( reg & ( width - 1 ) ) )
		abort ();
	if ( reg >= PCI_CONFIG_SIZE_LEGACY )
		return -XEINVAL;
	*val = fuzz_read ( plat->priv, bus, devfn, reg, width );
	return 0;
}

/**
 * Physical reads: the ECAM window
 *
 * @v plat		Platform
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0, or negative outside the window
 */
static int fuzz_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	uint64_t off = ( addr - FUZZ_ECAM_BASE );
	uint32_t val;

	if ( ( addr < FUZZ_ECAM_BASE ) || ( off >= ( 256ULL << 20 ) ) ||
	     ( len != 4 ) || ( addr & 3 ) )
		return -XEINVAL;
	val = fuzz_read ( plat->priv, ( off >> 20 ), ( ( off >> 12 ) & 0xff ),
	                  ( off & 0xfff ), 4 );
	memcpy ( buf, &val, 4 );
	return 0;
}

/**
 * Walk callback: check and record one capability
 *
 * @v ctx		Walk record
 * @v id		Capability ID
 * @v offset		Its offset
 * @ret stop		0 (walk everything)
 */
static int fuzz_cap ( void *ctx, unsigned int id, unsigned int offset ) {
	struct fuzz_walk *walk = ctx;

	if ( ( offset < walk->min ) || ( offset > walk->max ) ||
	     ( offset & 3 ) || walk->seen[offset / 4] )
		abort ();
	walk->seen[offset / 4] = 1;
	walk->count++;
	if ( ( id < 256 ) && ( !walk->first[id] ) )
		walk->first[id] = offset;
	return 0;
}

/**
 * Walk both chains of a device and cross-check pci_find_cap()
 *
 * @v pci		PCI access
 * @v dev		Device
 */
static void fuzz_walks ( struct pci_access *pci,
                         const struct pci_device *dev ) {
	static struct fuzz_walk walk;
	unsigned int offset;
	unsigned int id;
	int rc;

	memset ( &walk, 0, sizeof ( walk ) );
	walk.min = 0x40;
	walk.max = 0xfc;
	rc = pci_walk_caps ( pci, dev, fuzz_cap, &walk );
	if ( ( ( rc != 0 ) && ( rc != -XEPCICAP ) ) ||
	     ( walk.count > PCI_MAX_CLASSIC_CAPS ) )
		abort ();
	if ( rc == 0 ) {
		for ( id = 0; id < 256; id += 17 ) {
			offset = 0;
			rc = pci_find_cap ( pci, dev, id, &offset );
			if ( walk.first[id] ? ( ( rc != 0 ) ||
			                        ( offset != walk.first[id] ) )
			                    : ( rc != -XENOENT ) )
				abort ();
		}
	}

	memset ( &walk, 0, sizeof ( walk ) );
	walk.min = 0x100;
	walk.max = 0xffc;
	rc = pci_walk_ext_caps ( pci, dev, fuzz_cap, &walk );
	if ( ( ( rc != 0 ) && ( rc != -XEPCICAP ) ) ||
	     ( walk.count > PCI_MAX_EXT_CAPS ) )
		abort ();
	if ( ( walk.count ) && !( dev->flags & PCI_DEV_EXTCFG ) )
		abort ();
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct fuzz_pci fake;
	static struct pci_device devs[FUZZ_SCAN_MAX];
	struct pci_ecam ecam = { FUZZ_ECAM_BASE, 0, 0, ( FUZZ_BUSES - 1 ) };
	struct platform plat;
	struct pci_access pci;
	struct pci_scan scan;
	struct fuzz_input in;
	const uint8_t *config;
	unsigned int flags;
	unsigned int i;
	unsigned int j;
	size_t len;
	int rc;

	fuzz_input_init ( &in, data, size );
	flags = fuzz_take ( &in, 1 );
	fake.count = ( 1 + ( fuzz_take ( &in, 1 ) % FUZZ_MAX_FUNCS ) );
	memset ( fake.index, 0, sizeof ( fake.index ) );
	for ( i = 0; i < fake.count; i++ ) {
		fake.funcs[i].bus = ( fuzz_take ( &in, 1 ) % FUZZ_BUSES );
		fake.funcs[i].devfn = fuzz_take ( &in, 1 );
		/* A later function at the same place hides an earlier one */
		fake.index[fake.funcs[i].bus][fake.funcs[i].devfn] = ( i + 1 );
		len = ( ( in.size < PCI_CONFIG_SIZE ) ? in.size
		                                      : PCI_CONFIG_SIZE );
		memset ( fake.funcs[i].config, 0, PCI_CONFIG_SIZE );
		memcpy ( fake.funcs[i].config, in.data, len );
		in.data += len;
		in.size -= len;
	}

	memset ( &plat, 0, sizeof ( plat ) );
	plat.name = "linux";
	plat.priv = &fake;
	plat.pci_read = fuzz_pci_read;
	plat.phys_read = fuzz_phys_read;
	memset ( &pci, 0, sizeof ( pci ) );
	pci.plat = &plat;
	if ( flags & 1 ) {
		pci.ecam = &ecam;
		pci.ecam_count = 1;
	}

	/* Scan: every device found is one given, found once */
	memset ( &scan, 0, sizeof ( scan ) );
	scan.devs = devs;
	scan.max = FUZZ_SCAN_MAX;
	rc = pci_scan_all ( &pci, &scan );
	if ( ( scan.count > FUZZ_SCAN_MAX ) ||
	     ( ( rc == -XENOSPC ) != ( scan.dropped != 0 ) ) ||
	     ( ( rc != 0 ) && ( rc != -XENOSPC ) ) )
		abort ();
	for ( i = 0; i < scan.count; i++ ) {
		config = fuzz_config ( &fake, devs[i].bus, devs[i].devfn );
		if ( ( !config ) || ( devs[i].segment != 0 ) ||
		     ( devs[i].vendor != ( config[0] | ( config[1] << 8 ) ) ) )
			abort ();
		for ( j = 0; j < i; j++ ) {
			if ( ( devs[j].bus == devs[i].bus ) &&
			     ( devs[j].devfn == devs[i].devfn ) )
				abort ();
		}
		fuzz_walks ( &pci, &devs[i] );
	}

	/* Probe each function given directly, wherever it sits */
	for ( i = 0; i < fake.count; i++ ) {
		struct pci_device dev;

		if ( pci_probe_device ( &pci, 0, fake.funcs[i].bus,
		                        fake.funcs[i].devfn, &dev ) == 0 )
			fuzz_walks ( &pci, &dev );
	}
	return 0;
}
