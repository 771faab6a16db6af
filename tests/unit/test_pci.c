/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of PCI access, enumeration, capability walks and SR-IOV
 *
 * A fake platform serves configuration space from arrays: pci_read
 * (the CF8 fallback, first 256 bytes only) and phys_read (an ECAM
 * window over the same arrays).  Capability chains are built by hand,
 * with loops and bad pointers, and the decoded values are compared with
 * what was written into the arrays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/pci.h>
#include <xenmb/pci_cf8.h>

/** Most fake functions */
#define FAKE_MAX 8

/** A fake function */
struct fake_fn {
	unsigned int bus;
	unsigned int devfn;
	uint8_t cfg[PCI_CONFIG_SIZE];
};

/** The fake machine */
struct fake_pci {
	struct platform plat;
	struct fake_fn fns[FAKE_MAX];
	unsigned int count;
	/** ECAM base the fake phys_read decodes */
	uint64_t ecam_base;
	/** Number of phys_read calls */
	unsigned int phys_reads;
	/** Number of pci_read calls */
	unsigned int pci_reads;
};

/**
 * Find a fake function
 *
 * @v fake		Fake machine
 * @v bus		Bus
 * @v devfn		Device and function
 * @ret fn		Function, or NULL
 */
static struct fake_fn *fake_find ( struct fake_pci *fake, unsigned int bus,
                                   unsigned int devfn ) {
	unsigned int i;

	for ( i = 0; i < fake->count; i++ ) {
		if ( ( fake->fns[i].bus == bus ) &&
		     ( fake->fns[i].devfn == devfn ) )
			return &fake->fns[i];
	}
	return NULL;
}

/**
 * Fake CF8 reader: first 256 bytes, all-ones where nothing is
 *
 * @v plat		Platform (a struct fake_pci)
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register
 * @v width		Width
 * @v val		Value read
 * @ret rc		0 or -XERANGE
 */
static int fake_pci_read ( struct platform *plat, unsigned int seg,
                           unsigned int bus, unsigned int devfn,
                           unsigned int reg, unsigned int width,
                           uint32_t *val ) {
	struct fake_pci *fake = ( struct fake_pci * )plat;
	struct fake_fn *fn;
	uint32_t v = 0;

	fake->pci_reads++;
	if ( ( seg != 0 ) || ( reg >= 256 ) )
		return -XERANGE;
	fn = fake_find ( fake, bus, devfn );
	if ( !fn ) {
		*val = ( ( width == 4 ) ? 0xffffffffU
		                        : ( ( 1U << ( 8 * width ) ) - 1 ) );
		return 0;
	}
	memcpy ( &v, &fn->cfg[reg], width );
	*val = v;
	return 0;
}

/**
 * Fake physical reader: an ECAM window at fake->ecam_base
 *
 * @v plat		Platform
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0 or -XEIO outside the window
 */
static int fake_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	struct fake_pci *fake = ( struct fake_pci * )plat;
	struct fake_fn *fn;
	uint64_t off;

	fake->phys_reads++;
	assert_int_equal ( len, 4 );
	assert_int_equal ( ( addr & 3 ), 0 );
	if ( ( addr < fake->ecam_base ) ||
	     ( addr >= fake->ecam_base + ( 256ULL << 20 ) ) )
		return -XEIO;
	off = ( addr - fake->ecam_base );
	fn = fake_find ( fake, ( off >> 20 ), ( ( off >> 12 ) & 0xff ) );
	if ( !fn ) {
		memset ( buf, 0xff, len );
		return 0;
	}
	memcpy ( buf, &fn->cfg[off & 0xfff], len );
	return 0;
}

/**
 * Add a fake function
 *
 * @v fake		Fake machine
 * @v bus		Bus
 * @v devfn		Device and function
 * @v vendor		Vendor ID
 * @v device		Device ID
 * @v header		Header type byte
 * @ret fn		Function
 */
static struct fake_fn *fake_add ( struct fake_pci *fake, unsigned int bus,
                                  unsigned int devfn, uint16_t vendor,
                                  uint16_t device, uint8_t header ) {
	struct fake_fn *fn = &fake->fns[fake->count++];

	assert_true ( fake->count <= FAKE_MAX );
	memset ( fn, 0, sizeof ( *fn ) );
	fn->bus = bus;
	fn->devfn = devfn;
	memcpy ( &fn->cfg[PCI_VENDOR_ID], &vendor, 2 );
	memcpy ( &fn->cfg[PCI_DEVICE_ID], &device, 2 );
	fn->cfg[PCI_HEADER_TYPE] = header;
	fn->cfg[0x0b] = 0x02; /* class: network */
	return fn;
}

/**
 * Put a classic capability into a fake function
 *
 * @v fn		Function
 * @v offset		Offset
 * @v id		Capability ID
 * @v next		Next pointer
 */
static void fake_cap ( struct fake_fn *fn, unsigned int offset, uint8_t id,
                       uint8_t next ) {
	fn->cfg[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
	if ( !fn->cfg[PCI_CAP_PTR] )
		fn->cfg[PCI_CAP_PTR] = offset;
	fn->cfg[offset] = id;
	fn->cfg[offset + 1] = next;
}

/**
 * Put an extended capability into a fake function
 *
 * @v fn		Function
 * @v offset		Offset
 * @v id		Extended capability ID
 * @v next		Next pointer
 */
static void fake_ext_cap ( struct fake_fn *fn, unsigned int offset, uint16_t id,
                           unsigned int next ) {
	uint32_t header = ( id | ( 1U << 16 ) | ( next << 20 ) );

	memcpy ( &fn->cfg[offset], &header, 4 );
}

/**
 * Write a 16-bit field
 *
 * @v fn		Function
 * @v offset		Offset
 * @v val		Value
 */
static void fake_w16 ( struct fake_fn *fn, unsigned int offset, uint16_t val ) {
	memcpy ( &fn->cfg[offset], &val, 2 );
}

/**
 * Write a 32-bit field
 *
 * @v fn		Function
 * @v offset		Offset
 * @v val		Value
 */
static void fake_w32 ( struct fake_fn *fn, unsigned int offset, uint32_t val ) {
	memcpy ( &fn->cfg[offset], &val, 4 );
}

/**
 * Set up a fake machine
 *
 * @v fake		Fake machine
 * @v pci		Access to fill (no ECAM)
 */
static void fake_init ( struct fake_pci *fake, struct pci_access *pci ) {
	memset ( fake, 0, sizeof ( *fake ) );
	fake->plat.name = "test";
	fake->plat.pci_read = fake_pci_read;
	fake->plat.phys_read = fake_phys_read;
	fake->ecam_base = 0xe0000000ULL;
	memset ( pci, 0, sizeof ( *pci ) );
	pci->plat = &fake->plat;
}

/** Capability walk callback counting capabilities */
static int count_caps ( void *ctx, unsigned int id, unsigned int offset ) {
	unsigned int *count = ctx;

	( void )id;
	( void )offset;
	( *count )++;
	return 0;
}

/** A well-formed chain is walked in order and found */
static void test_caps_ok ( void **state ) {
	static struct fake_pci fake;
	struct pci_access pci;
	struct pci_device dev;
	struct fake_fn *fn;
	unsigned int offset = 0;
	unsigned int count = 0;

	( void )state;
	fake_init ( &fake, &pci );
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 3, 0 ), 0x8086, 0x1234, 0 );
	fake_cap ( fn, 0x40, PCI_CAP_ID_MSI, 0x50 );
	fake_cap ( fn, 0x50, PCI_CAP_ID_EXP, 0x60 );
	fake_cap ( fn, 0x60, PCI_CAP_ID_MSIX, 0 );
	assert_int_equal (
	        pci_probe_device ( &pci, 0, 0, PCI_DEVFN ( 3, 0 ), &dev ), 0 );
	assert_int_equal ( dev.vendor, 0x8086 );
	assert_int_equal ( dev.device, 0x1234 );
	assert_int_equal ( dev.class_code, 0x020000 );
	assert_true ( dev.flags & PCI_DEV_MSI );
	assert_true ( dev.flags & PCI_DEV_PCIE );
	assert_true ( dev.flags & PCI_DEV_MSIX );
	assert_false ( dev.flags & PCI_DEV_CAP_BROKEN );
	/* CF8 only: no extended configuration space */
	assert_false ( dev.flags & PCI_DEV_EXTCFG );
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   0 );
	assert_int_equal ( count, 3 );
	assert_int_equal (
	        pci_find_cap ( &pci, &dev, PCI_CAP_ID_MSIX, &offset ), 0 );
	assert_int_equal ( offset, 0x60 );
	assert_int_equal ( pci_find_cap ( &pci, &dev, 0x09, &offset ),
	                   -XENOENT );
}

/** A classic chain that loops is refused, after each cap is seen once */
static void test_caps_loop ( void **state ) {
	static struct fake_pci fake;
	struct pci_access pci;
	struct pci_device dev;
	struct fake_fn *fn;
	unsigned int count = 0;

	( void )state;
	fake_init ( &fake, &pci );
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 1, 0 ), 0x1af4, 0x1000, 0 );
	fake_cap ( fn, 0x40, PCI_CAP_ID_MSI, 0x48 );
	fake_cap ( fn, 0x48, 0x09, 0x40 );
	assert_int_equal (
	        pci_probe_device ( &pci, 0, 0, PCI_DEVFN ( 1, 0 ), &dev ), 0 );
	assert_true ( dev.flags & PCI_DEV_CAP_BROKEN );
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 2 );

	/* A capability pointing at itself */
	fake_cap ( fn, 0x48, 0x09, 0x48 );
	count = 0;
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 2 );
}

/** Pointers into the header or misaligned are refused */
static void test_caps_bad_pointer ( void **state ) {
	static struct fake_pci fake;
	struct pci_access pci;
	struct pci_device dev;
	struct fake_fn *fn;
	unsigned int count = 0;

	( void )state;
	fake_init ( &fake, &pci );
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 2, 0 ), 0x10ec, 0x8168, 0 );
	fake_cap ( fn, 0x40, PCI_CAP_ID_MSI, 0x10 );
	assert_int_equal (
	        pci_probe_device ( &pci, 0, 0, PCI_DEVFN ( 2, 0 ), &dev ), 0 );
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 1 );

	fake_cap ( fn, 0x40, PCI_CAP_ID_MSI, 0x45 );
	count = 0;
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 1 );

	/* A first pointer into the header */
	fn->cfg[PCI_CAP_PTR] = 0x3c;
	count = 0;
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 0 );

	/* No capability list bit: no walk at all */
	fn->cfg[PCI_STATUS] = 0;
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   0 );
	assert_int_equal ( count, 0 );
}

/** A chain of 48 distinct caps is fine; the bound is exactly there */
static void test_caps_long ( void **state ) {
	static struct fake_pci fake;
	struct pci_access pci;
	struct pci_device dev;
	struct fake_fn *fn;
	unsigned int count = 0;
	unsigned int i;

	( void )state;
	fake_init ( &fake, &pci );
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 4, 0 ), 0x8086, 0x0001, 0 );
	/* 48 caps at 0x40, 0x44, ... 0xfc: all distinct, no loop */
	for ( i = 0; i < PCI_MAX_CLASSIC_CAPS; i++ )
		fake_cap ( fn, ( 0x40 + 4 * i ), 0x09,
		           ( ( i + 1 < PCI_MAX_CLASSIC_CAPS ) ? ( 0x44 + 4 * i )
		                                              : 0 ) );
	assert_int_equal (
	        pci_probe_device ( &pci, 0, 0, PCI_DEVFN ( 4, 0 ), &dev ), 0 );
	assert_int_equal ( pci_walk_caps ( &pci, &dev, count_caps, &count ),
	                   0 );
	assert_int_equal ( count, PCI_MAX_CLASSIC_CAPS );
}

/**
 * Build a PCIe physical function with SR-IOV, ACS, ATS and ARI
 *
 * @v fake		Fake machine
 * @v bus		Bus
 * @v devfn		Device and function
 * @v total		TotalVFs
 * @v offset		First VF offset
 * @v stride		VF stride
 * @ret fn		Function
 */
static struct fake_fn *fake_sriov_pf ( struct fake_pci *fake, unsigned int bus,
                                       unsigned int devfn, uint16_t total,
                                       uint16_t offset, uint16_t stride ) {
	struct fake_fn *fn;

	fn = fake_add ( fake, bus, devfn, 0x1b36, 0x0010, 0 );
	fake_cap ( fn, 0x40, PCI_CAP_ID_EXP, 0 );
	fake_ext_cap ( fn, 0x100, PCI_EXT_CAP_ID_ARI, 0x140 );
	fake_ext_cap ( fn, 0x140, PCI_EXT_CAP_ID_SRIOV, 0x180 );
	fake_ext_cap ( fn, 0x180, PCI_EXT_CAP_ID_ACS, 0x1c0 );
	fake_ext_cap ( fn, 0x1c0, PCI_EXT_CAP_ID_ATS, 0 );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_INITIAL_VF, total );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_TOTAL_VF, total );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_NUM_VF, 2 );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_VF_OFFSET, offset );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_VF_STRIDE, stride );
	fake_w16 ( fn, 0x140 + PCI_SRIOV_VF_DID, 0x0011 );
	fake_w16 ( fn, 0x180 + PCI_ACS_CAP, 0x005f );
	fake_w16 ( fn, 0x180 + PCI_ACS_CTRL, 0x001d );
	return fn;
}

/** SR-IOV, ACS, ATS, ARI through ECAM; VF bus math against the bridge */
static void test_sriov ( void **state ) {
	static struct fake_pci fake;
	static struct pci_device devs[16];
	struct pci_ecam ecam = { .base = 0xe0000000ULL,
	                         .segment = 0,
	                         .bus_start = 0,
	                         .bus_end = 3 };
	struct pci_scan scan = { .devs = devs, .max = 16 };
	struct pci_access pci;
	struct fake_fn *bridge;
	struct fake_fn *pf;
	const struct pci_device *dev;
	uint32_t last_rid;

	( void )state;
	fake_init ( &fake, &pci );
	pci.ecam = &ecam;
	pci.ecam_count = 1;

	/* Root port 00:01.0 forwarding bus 1 only */
	bridge = fake_add ( &fake, 0, PCI_DEVFN ( 1, 0 ), 0x8086, 0x2000,
	                    PCI_HEADER_BRIDGE );
	bridge->cfg[PCI_SECONDARY_BUS] = 1;
	bridge->cfg[PCI_SUBORDINATE_BUS] = 1;

	/* PF 01:00.0, 8 VFs from offset 0x80 stride 1: all on bus 1 */
	pf = fake_sriov_pf ( &fake, 1, 0, 8, 0x80, 1 );
	fake_w32 ( pf, 0x140 + PCI_SRIOV_BAR, 0xfe00000c ); /* 64-bit */
	fake_w32 ( pf, 0x140 + PCI_SRIOV_BAR + 4, 0 );

	/* PF 01:00.1, 200 VFs from offset 0x80 stride 1: spills over */
	fake_sriov_pf ( &fake, 1, 1, 200, 0x80, 1 );
	pf->cfg[PCI_HEADER_TYPE] = PCI_HEADER_MULTI;

	assert_int_equal ( pci_scan_all ( &pci, &scan ), 0 );
	assert_int_equal ( scan.count, 3 );
	assert_true ( fake.phys_reads > 0 );

	dev = pci_find_device ( &scan, 0, 1, 0 );
	assert_non_null ( dev );
	assert_true ( dev->flags & PCI_DEV_EXTCFG );
	assert_true ( dev->flags & PCI_DEV_SRIOV );
	assert_true ( dev->flags & PCI_DEV_ARI );
	assert_true ( dev->flags & PCI_DEV_ATS );
	assert_true ( dev->flags & PCI_DEV_ACS );
	assert_int_equal ( dev->acs_cap, 0x005f );
	assert_int_equal ( dev->acs_ctrl, 0x001d );
	assert_int_equal ( dev->sriov.total_vfs, 8 );
	assert_int_equal ( dev->sriov.initial_vfs, 8 );
	assert_int_equal ( dev->sriov.num_vfs, 2 );
	assert_int_equal ( dev->sriov.vf_offset, 0x80 );
	assert_int_equal ( dev->sriov.vf_stride, 1 );
	assert_int_equal ( dev->sriov.vf_device, 0x0011 );
	assert_true ( dev->sriov.vf_bars_ok );
	assert_int_equal ( dev->sriov.bus_limit, 1 );
	assert_true ( dev->sriov.vf_buses_ok );

	/* Second PF: last RID 0x101 + 0x80 + 199 lands on bus 2 */
	dev = pci_find_device ( &scan, 0, 1, 1 );
	assert_non_null ( dev );
	last_rid = ( 0x101 + 0x80 + 199 );
	assert_int_equal ( dev->sriov.last_vf_bus, ( last_rid >> 8 ) );
	assert_int_equal ( dev->sriov.bus_limit, 1 );
	assert_false ( dev->sriov.vf_buses_ok );
	assert_false ( dev->sriov.vf_bars_ok );
}

/** Routing IDs past 0xffff are never fine */
static void test_sriov_overflow ( void **state ) {
	struct pci_device pf;
	struct pci_sriov sriov;

	( void )state;
	memset ( &pf, 0, sizeof ( pf ) );
	memset ( &sriov, 0, sizeof ( sriov ) );
	pf.bus = 0xff;
	pf.devfn = 0;
	sriov.total_vfs = 0xffff;
	sriov.vf_offset = 0xffff;
	sriov.vf_stride = 0xffff;
	pci_sriov_check_buses ( &sriov, &pf, 0xff );
	assert_false ( sriov.vf_buses_ok );

	/* No VFs at all: nothing can spill */
	sriov.total_vfs = 0;
	pci_sriov_check_buses ( &sriov, &pf, 0xff );
	assert_true ( sriov.vf_buses_ok );
}

/** Extended chains: loops and pointers below 0x100 are refused */
static void test_ext_caps_broken ( void **state ) {
	static struct fake_pci fake;
	struct pci_ecam ecam = { .base = 0xe0000000ULL, .bus_end = 0 };
	struct pci_access pci;
	struct pci_device dev;
	struct fake_fn *fn;
	unsigned int count = 0;

	( void )state;
	fake_init ( &fake, &pci );
	pci.ecam = &ecam;
	pci.ecam_count = 1;
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 5, 0 ), 0x8086, 0x0002, 0 );
	fake_cap ( fn, 0x40, PCI_CAP_ID_EXP, 0 );
	fake_ext_cap ( fn, 0x100, PCI_EXT_CAP_ID_ATS, 0x200 );
	fake_ext_cap ( fn, 0x200, PCI_EXT_CAP_ID_ARI, 0x100 );
	assert_int_equal (
	        pci_probe_device ( &pci, 0, 0, PCI_DEVFN ( 5, 0 ), &dev ), 0 );
	assert_true ( dev.flags & PCI_DEV_CAP_BROKEN );
	/* Both capabilities were still seen once */
	assert_true ( dev.flags & PCI_DEV_ATS );
	assert_true ( dev.flags & PCI_DEV_ARI );
	assert_int_equal ( pci_walk_ext_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 2 );

	/* Pointing back into the legacy area */
	fake_ext_cap ( fn, 0x200, PCI_EXT_CAP_ID_ARI, 0x80 );
	count = 0;
	assert_int_equal ( pci_walk_ext_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
	assert_int_equal ( count, 2 );

	/* Misaligned */
	fake_ext_cap ( fn, 0x200, PCI_EXT_CAP_ID_ARI, 0x302 );
	count = 0;
	assert_int_equal ( pci_walk_ext_caps ( &pci, &dev, count_caps, &count ),
	                   -XEPCICAP );
}

/** Without MCFG: bus 0, then buses behind bridges; multi-function bit */
static void test_scan_legacy ( void **state ) {
	static struct fake_pci fake;
	static struct pci_device devs[16];
	struct pci_scan scan = { .devs = devs, .max = 16 };
	struct pci_access pci;
	struct fake_fn *bridge;

	( void )state;
	fake_init ( &fake, &pci );
	fake.plat.phys_read = NULL;
	fake_add ( &fake, 0, PCI_DEVFN ( 0, 0 ), 0x8086, 0x29c0, 0 );
	/* Function 1 without the multi-function bit on function 0 */
	fake_add ( &fake, 0, PCI_DEVFN ( 0, 1 ), 0x8086, 0x29c1, 0 );
	/* Multi-function device 00:1f */
	fake_add ( &fake, 0, PCI_DEVFN ( 0x1f, 0 ), 0x8086, 0x2918,
	           PCI_HEADER_MULTI );
	fake_add ( &fake, 0, PCI_DEVFN ( 0x1f, 3 ), 0x8086, 0x2930, 0 );
	/* Bridge to bus 5, and a device there */
	bridge = fake_add ( &fake, 0, PCI_DEVFN ( 0x1c, 0 ), 0x8086, 0x2940,
	                    PCI_HEADER_BRIDGE );
	bridge->cfg[PCI_SECONDARY_BUS] = 5;
	bridge->cfg[PCI_SUBORDINATE_BUS] = 5;
	fake_add ( &fake, 5, PCI_DEVFN ( 0, 0 ), 0x10ec, 0x8168, 0 );
	/* A device on a bus no bridge leads to */
	fake_add ( &fake, 9, PCI_DEVFN ( 0, 0 ), 0x10ec, 0x8169, 0 );

	assert_int_equal ( pci_scan_all ( &pci, &scan ), 0 );
	assert_int_equal ( scan.count, 5 );
	assert_non_null ( pci_find_device ( &scan, 0, 0, PCI_DEVFN ( 0, 0 ) ) );
	assert_null ( pci_find_device ( &scan, 0, 0, PCI_DEVFN ( 0, 1 ) ) );
	assert_non_null (
	        pci_find_device ( &scan, 0, 0, PCI_DEVFN ( 0x1f, 3 ) ) );
	assert_non_null ( pci_find_device ( &scan, 0, 5, PCI_DEVFN ( 0, 0 ) ) );
	assert_null ( pci_find_device ( &scan, 0, 9, PCI_DEVFN ( 0, 0 ) ) );
	assert_int_equal ( fake.phys_reads, 0 );

	/* A full scan buffer is reported */
	scan.max = 2;
	assert_int_equal ( pci_scan_all ( &pci, &scan ), -XENOSPC );
	assert_int_equal ( scan.count, 2 );
	assert_int_equal ( scan.dropped, 3 );
}

/** Config reads: ECAM first, carrier when ECAM fails; bad requests */
static void test_config_read ( void **state ) {
	static struct fake_pci fake;
	struct pci_ecam ecam = { .base = 0xd0000000ULL, .bus_end = 0 };
	struct pci_access pci;
	struct fake_fn *fn;
	uint32_t val = 0;

	( void )state;
	fake_init ( &fake, &pci );
	fn = fake_add ( &fake, 0, PCI_DEVFN ( 6, 2 ), 0x1234, 0x5678, 0 );
	fake_w32 ( fn, 0x300, 0xcafef00d );

	/* The window is not where phys_read decodes: fall back to CF8 */
	pci.ecam = &ecam;
	pci.ecam_count = 1;
	assert_int_equal ( pci_config_read ( &pci, 0, 0, PCI_DEVFN ( 6, 2 ),
	                                     PCI_DEVICE_ID, 2, &val ),
	                   0 );
	assert_int_equal ( val, 0x5678 );
	assert_int_equal ( fake.pci_reads, 1 );
	assert_int_not_equal ( pci_config_read ( &pci, 0, 0, PCI_DEVFN ( 6, 2 ),
	                                         0x300, 4, &val ),
	                       0 );

	/* Now through ECAM: bytes out of the middle of a dword */
	ecam.base = fake.ecam_base;
	assert_int_equal ( pci_config_read ( &pci, 0, 0, PCI_DEVFN ( 6, 2 ),
	                                     0x301, 1, &val ),
	                   0 );
	assert_int_equal ( val, 0xf0 );
	assert_int_equal ( pci_config_read ( &pci, 0, 0, PCI_DEVFN ( 6, 2 ),
	                                     0x302, 2, &val ),
	                   0 );
	assert_int_equal ( val, 0xcafe );
	assert_int_equal ( fake.pci_reads, 2 );

	/* Misaligned, too wide, beyond 4 KiB */
	assert_int_equal ( pci_config_read ( &pci, 0, 0, 0, 0x301, 2, &val ),
	                   -XEINVAL );
	assert_int_equal ( pci_config_read ( &pci, 0, 0, 0, 0x300, 3, &val ),
	                   -XEINVAL );
	assert_int_equal ( pci_config_read ( &pci, 0, 0, 0, 0x1000, 4, &val ),
	                   -XEINVAL );
}

/** The CF8 reader refuses what CF8 cannot reach (never touches ports) */
static void test_cf8_limits ( void **state ) {
	uint32_t val;

	( void )state;
	assert_int_equal ( pci_cf8_read ( NULL, 1, 0, 0, 0, 4, &val ),
	                   -XERANGE );
	assert_int_equal ( pci_cf8_read ( NULL, 0, 0, 0, 0x100, 4, &val ),
	                   -XERANGE );
	assert_int_equal ( pci_cf8_read ( NULL, 0, 0, 0, 0x02, 4, &val ),
	                   -XERANGE );
}

/**
 * Run the tests
 *
 * @ret status		Number of failures
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_caps_ok ),
	        cmocka_unit_test ( test_caps_loop ),
	        cmocka_unit_test ( test_caps_bad_pointer ),
	        cmocka_unit_test ( test_caps_long ),
	        cmocka_unit_test ( test_sriov ),
	        cmocka_unit_test ( test_sriov_overflow ),
	        cmocka_unit_test ( test_ext_caps_broken ),
	        cmocka_unit_test ( test_scan_legacy ),
	        cmocka_unit_test ( test_config_read ),
	        cmocka_unit_test ( test_cf8_limits ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
