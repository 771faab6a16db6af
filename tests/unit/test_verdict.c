/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the Xen 4.17 verdict on crafted tables
 *
 * Each case builds the decoded DMAR or IVRS (and the raw IVRS block
 * headers Xen walks itself), the MADT IO-APICs, registers and memory map,
 * and checks the three results against what Xen 4.17's code does with
 * such tables (the function is named in each case).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/cpu.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>
#include <xenmb/madt.h>

/** A VT-d machine */
struct vtd_case {
	struct dmar dmar;
	struct dmar_drhd drhd[4];
	struct dmar_rmrr rmrr[4];
	struct dmar_scope scope[16];
	struct vtd_regs regs[4];
	struct madt madt;
	struct memmap_entry map[4];
	struct cpu_info cpu;
	struct verdict_input in;
	struct verdict out;
};

/** CAP of QEMU's intel-iommu (SAGAW 39/48-bit, FRO 0x220, ND 2) */
#define QEMU_CAP 0x00d2008c22260206ULL
/** ECAP with QI, IR, EIM */
#define ECAP_QI_IR_EIM 0x0000000000f0101aULL

/**
 * Set up a sound VT-d machine: one INCLUDE_ALL DRHD covering IO-APIC 2
 *
 * @v c			Case
 */
static void vtd_init ( struct vtd_case *c ) {
	memset ( c, 0, sizeof ( *c ) );
	c->dmar.width = 38;
	c->dmar.haw = 39;
	c->dmar.flags = DMAR_INTR_REMAP;
	c->dmar.checksum_ok = 1;
	c->dmar.drhd = c->drhd;
	c->dmar.drhd_count = 1;
	c->dmar.rmrr = c->rmrr;
	c->drhd[0].flags = DMAR_DRHD_INCLUDE_PCI_ALL;
	c->drhd[0].base = 0xfed90000ULL;
	c->drhd[0].offset = 48;
	c->drhd[0].scopes.scope = &c->scope[0];
	c->drhd[0].scopes.count = 1;
	c->scope[0].type = DMAR_SCOPE_IOAPIC;
	c->scope[0].length = 8;
	c->scope[0].enum_id = 2;
	c->scope[0].bdf = 0xf0f8;
	c->regs[0].valid = 1;
	c->regs[0].version = 0x10;
	c->regs[0].cap = QEMU_CAP;
	c->regs[0].ecap = ECAP_QI_IR_EIM;
	c->madt.present = 1;
	c->madt.ioapic_count = 1;
	c->madt.ioapic[0].id = 2;
	c->map[0].addr = 0;
	c->map[0].len = 0x80000000ULL;
	c->map[0].type = MEMMAP_RAM;
	c->map[1].addr = 0x80000000ULL;
	c->map[1].len = 0x10000000ULL;
	c->map[1].type = MEMMAP_RESERVED;
	c->cpu.x2apic = 1;
	c->cpu.x2apic_enabled = 0;
	c->in.dmar = &c->dmar;
	c->in.dmar_present = 1;
	c->in.vtd = c->regs;
	c->in.madt = &c->madt;
	c->in.memmap = c->map;
	c->in.memmap_count = 2;
	c->in.cpu = &c->cpu;
	c->in.hpet_number = -1;
}

/**
 * Check whether some reason contains a phrase
 *
 * @v out		Verdict
 * @v phrase		Phrase
 * @ret found		Nonzero if found
 */
static int has_reason ( const struct verdict *out, const char *phrase ) {
	unsigned int i;

	for ( i = 0; i < out->reason_count; i++ ) {
		if ( strstr ( out->reason[i], phrase ) )
			return 1;
	}
	return 0;
}

/**
 * Check whether a suggestion was made
 *
 * @v out		Verdict
 * @v text		Suggestion
 * @ret found		Nonzero if found
 */
static int has_suggest ( const struct verdict *out, const char *text ) {
	unsigned int i;

	for ( i = 0; i < out->suggest_count; i++ ) {
		if ( strcmp ( out->suggest[i], text ) == 0 )
			return 1;
	}
	return 0;
}

/** No table at all: no IOMMU, Xen boots */
static void test_no_tables ( void **state ) {
	struct verdict_input in;
	struct verdict out;

	( void )state;
	memset ( &in, 0, sizeof ( in ) );
	in.hpet_number = -1;
	verdict_decide ( &in, &out );
	assert_true ( out.boots );
	assert_false ( out.iommu );
	assert_false ( out.intremap );
	assert_true ( has_reason ( &out, "no DMAR and no IVRS" ) );
}

/** A sound VT-d machine: both enabled */
static void test_vtd_ok ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_true ( c.out.iommu );
	assert_true ( c.out.intremap );
	assert_int_equal ( c.out.driver, VERDICT_VTD );
	assert_int_equal ( c.out.reason_count, 0 );
}

/** acpi_parse_dmar: width 0 is -EINVAL: disabled, IVRS not tried */
static void test_vtd_zero_width ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.dmar.width = 0;
	c.in.ivrs_present = 1; /* would be looked at only after -ENODEV */
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_false ( c.out.intremap );
	assert_int_equal ( c.out.driver, VERDICT_VTD );
	assert_true ( has_reason ( &c.out, "Host Address Width" ) );
}

/** acpi_parse_one_drhd: base 0 is -ENODEV: no IVRS then means disabled */
static void test_vtd_base_zero ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.drhd[0].base = 0;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "register base address" ) );
}

/** iommu_alloc: CAP all-ones is -ENODEV; SAGAW without bits 1-2 is not
 * (Xen 4.17 tests an unsigned agaw for <= 0, which cannot fire) */
static void test_vtd_regs ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.regs[0].cap = ~0ULL;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( c.out.boots );
	assert_true ( has_reason ( &c.out, "all-ones" ) );

	vtd_init ( &c );
	c.regs[0].cap = ( QEMU_CAP & ~( 0x1fULL << 8 ) ) | ( 0x08ULL << 8 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_true ( c.out.iommu );
	assert_int_equal ( c.out.driver, VERDICT_VTD );
	assert_true ( has_reason ( &c.out, "SAGAW" ) );

	/* ND 7 (2^18 domains) is "unsupported" */
	vtd_init ( &c );
	c.regs[0].cap = ( QEMU_CAP | 7 );
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
}

/**
 * Make the DRHD's unit silent: CAP and ECAP read as 0, as QEMU's
 * unassigned MMIO does where no VT-d unit answers
 *
 * @v c			Case
 */
static void vtd_silence ( struct vtd_case *c ) {
	c->regs[0].cap = 0;
	c->regs[0].ecap = 0;
	c->regs[0].version = 0;
}

/**
 * init_vtd_hw: a DRHD where nothing answers (CAP and ECAP read as 0, as
 * QEMU's unassigned MMIO does) passes iommu_alloc and crashes Xen 4.17
 * (seen in the probe-*-inj-dmar-* QEMU cases); with FADT NO_MSI
 * vtd_setup stops first
 */
static void test_vtd_silent_unit ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	vtd_silence ( &c );
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.boots );
	assert_false ( c.out.iommu );
	assert_false ( c.out.intremap );
	assert_true ( has_reason ( &c.out, "init_vtd_hw" ) );
	assert_true ( has_suggest ( &c.out, "iommu=off" ) );
	assert_false ( has_reason ( &c.out, "SAGAW" ) );

	/* Same with INTR_REMAP clear: the crash does not depend on it */
	vtd_init ( &c );
	vtd_silence ( &c );
	c.dmar.flags = 0;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.boots );

	/* FADT NO_MSI: vtd_setup returns -EPERM before init_vtd_hw */
	vtd_init ( &c );
	vtd_silence ( &c );
	c.in.fadt_valid = 1;
	c.in.fadt_boot_arch = FADT_NO_MSI;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_false ( c.out.iommu );

	/* Registers not read: no claim either way */
	vtd_init ( &c );
	vtd_silence ( &c );
	c.regs[0].valid = 0;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_true ( c.out.iommu );
}

/** acpi_parse_one_drhd: a second INCLUDE_ALL on segment 0 is fatal */
static void test_vtd_two_include_all ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.drhd[1] = c.drhd[0];
	c.drhd[1].base = 0xfed91000ULL;
	c.drhd[1].offset = 80;
	c.regs[1] = c.regs[0];
	c.dmar.drhd_count = 2;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "INCLUDE_PCI_ALL" ) );

	/* On another segment it is fine */
	c.drhd[1].segment = 1;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
}

/** scope_device_count: a scope shorter than 8 bytes is fatal */
static void test_vtd_short_scope ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.scope[0].length = 6;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "device scope length 6" ) );
}

/**
 * Add an RMRR with one endpoint scope
 *
 * @v c			Case
 * @v base		Base
 * @v limit		Limit
 * @v bdf		Endpoint
 */
static void vtd_add_rmrr ( struct vtd_case *c, uint64_t base, uint64_t limit,
                           uint16_t bdf ) {
	unsigned int n = c->dmar.rmrr_count++;
	struct dmar_scope *scope = &c->scope[4 + n];

	c->rmrr[n].base = base;
	c->rmrr[n].limit = limit;
	c->rmrr[n].offset = ( 200 + 40 * n );
	c->rmrr[n].scopes.scope = scope;
	c->rmrr[n].scopes.count = 1;
	scope->type = DMAR_SCOPE_ENDPOINT;
	scope->length = 8;
	scope->bdf = bdf;
}

/** acpi_parse_one_rmrr / register_one_rmrr */
static void test_vtd_rmrr ( void **state ) {
	static struct vtd_case c;
	static struct pci_device devs[1];
	struct pci_scan scan = { .devs = devs, .max = 1, .count = 1 };

	( void )state;

	/* Reserved, not overlapping: fine */
	vtd_init ( &c );
	vtd_add_rmrr ( &c, 0x80000000ULL, 0x80000fffULL, 0x00a0 );
	vtd_add_rmrr ( &c, 0x80001000ULL, 0x80001fffULL, 0x00a0 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_int_equal ( c.out.reason_count, 0 );

	/* Overlapping: -EEXIST */
	c.rmrr[1].base = 0x80000800ULL;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "overlaps" ) );

	/* In RAM: a warning and a suggestion, nothing disabled */
	vtd_init ( &c );
	vtd_add_rmrr ( &c, 0x1000ULL, 0x1fffULL, 0x00a0 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "not reserved" ) );
	assert_true ( has_suggest ( &c.out, "iommu_inclusive_mapping=1" ) );

	/* Base above limit with the device present: -EFAULT */
	vtd_init ( &c );
	vtd_add_rmrr ( &c, 0x80002000ULL, 0x80001000ULL, 0x00a0 );
	memset ( devs, 0, sizeof ( devs ) );
	devs[0].bus = 0;
	devs[0].devfn = 0xa0;
	c.in.pci = &scan;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "above its limit" ) );

	/* ... but ignored when no device in its scope exists */
	devs[0].devfn = 0x08;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
}

/** vtd_setup / init_vtd_hw: the interrupt remapping conditions */
static void test_vtd_intremap ( void **state ) {
	static struct vtd_case c;

	( void )state;

	/* ECAP.IR clear */
	vtd_init ( &c );
	c.regs[0].ecap &= ~( 1ULL << 3 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_false ( c.out.intremap );

	/* ECAP.QI clear on a version 1 unit: register invalidation works */
	vtd_init ( &c );
	c.regs[0].ecap &= ~( 1ULL << 1 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_false ( c.out.intremap );

	/* ... on a version 6 unit there is no invalidation at all */
	c.regs[0].version = 0x60;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );

	/* An MADT IO-APIC no DRHD scope names (INCLUDE_ALL does not count) */
	vtd_init ( &c );
	c.madt.ioapic[1].id = 3;
	c.madt.ioapic_count = 2;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_false ( c.out.intremap );
	assert_true ( has_reason ( &c.out, "IO-APIC ID 3" ) );

	/* INTR_REMAP flag clear */
	vtd_init ( &c );
	c.dmar.flags = 0;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_false ( c.out.intremap );
	assert_true ( has_reason ( &c.out, "INTR_REMAP" ) );

	/* FADT: MSI not supported disables VT-d */
	vtd_init ( &c );
	c.in.fadt_valid = 1;
	c.in.fadt_boot_arch = FADT_NO_MSI;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_false ( c.out.intremap );
}

/** x2apic_bsp_setup: opt-out with x2APIC left on by firmware panics */
static void test_vtd_x2apic_panic ( void **state ) {
	static struct vtd_case c;

	( void )state;
	vtd_init ( &c );
	c.dmar.flags = ( DMAR_INTR_REMAP | DMAR_X2APIC_OPT_OUT );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots ); /* x2APIC off: "Not enabling x2APIC" */

	c.cpu.x2apic_enabled = 1;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.boots );
	assert_true ( has_suggest ( &c.out, "iommu=no-intremap" ) );

	/* Without EIM the IOMMU cannot do x2APIC: Xen never asks */
	c.regs[0].ecap &= ~( 1ULL << 4 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
}

/** An AMD machine */
struct amd_case {
	struct acpi_table table;
	uint8_t data[256];
	struct ivrs ivrs;
	struct ivrs_ivhd ivhd[2];
	struct ivrs_device dev[8];
	struct madt madt;
	struct verdict_input in;
	struct verdict out;
};

/**
 * Put a block header into the raw IVRS
 *
 * @v c			Case
 * @v offset		Offset
 * @v type		Type
 * @v len		Length
 */
static void amd_block ( struct amd_case *c, unsigned int offset, uint8_t type,
                        uint16_t len ) {
	c->data[offset] = type;
	c->data[offset + 2] = ( len & 0xff );
	c->data[offset + 3] = ( len >> 8 );
	if ( offset + len > c->table.length )
		c->table.length = ( offset + len );
}

/**
 * Add a special IO-APIC entry to IVHD 0
 *
 * @v c			Case
 * @v handle		IO-APIC ID
 * @v bdf		Device
 */
static void amd_ioapic ( struct amd_case *c, uint8_t handle, uint16_t bdf ) {
	struct ivrs_device *dev = &c->dev[c->ivhd[0].device_count++];

	memset ( dev, 0, sizeof ( *dev ) );
	dev->kind = IVRS_KIND_SPECIAL;
	dev->type = IVRS_DEV_SPECIAL;
	dev->variety = IVRS_SPECIAL_IOAPIC;
	dev->handle = handle;
	dev->bdf = bdf;
	dev->offset = ( 88 + 8 * c->ivhd[0].device_count );
}

/**
 * Set up a sound AMD machine: IVHD 0x10, IO-APIC 4 at 00:14.0
 *
 * @v c			Case
 */
static void amd_init ( struct amd_case *c ) {
	struct ivrs_device *dev;

	memset ( c, 0, sizeof ( *c ) );
	memcpy ( c->table.signature, "IVRS", 5 );
	c->table.data = c->data;
	c->table.length = 48;
	amd_block ( c, 48, IVRS_IVHD_10, 64 );
	c->ivrs.table = &c->table;
	c->ivrs.checksum_ok = 1;
	c->ivrs.ivhd = c->ivhd;
	c->ivrs.ivhd_count = 1;
	c->ivhd[0].type = IVRS_IVHD_10;
	c->ivhd[0].length = 64;
	c->ivhd[0].bdf = 0x0002;
	c->ivhd[0].cap_offset = 0x40;
	c->ivhd[0].base = 0xfeb80000ULL;
	c->ivhd[0].offset = 48;
	c->ivhd[0].device = c->dev;
	/* A range 00:00.0-00:1f.7 */
	dev = &c->dev[c->ivhd[0].device_count++];
	dev->kind = IVRS_KIND_RANGE;
	dev->type = IVRS_DEV_START;
	dev->bdf = 0x0000;
	dev->last = 0x00ff;
	dev->offset = 72;
	dev->end_offset = 76;
	amd_ioapic ( c, 4, 0x00a0 );
	c->madt.present = 1;
	c->madt.ioapic_count = 1;
	c->madt.ioapic[0].id = 4;
	c->in.ivrs = &c->ivrs;
	c->in.ivrs_present = 1;
	c->in.madt = &c->madt;
	c->in.hpet_number = -1;
}

/** A sound AMD machine: both enabled */
static void test_amd_ok ( void **state ) {
	static struct amd_case c;

	( void )state;
	amd_init ( &c );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.boots );
	assert_true ( c.out.iommu );
	assert_true ( c.out.intremap );
	assert_int_equal ( c.out.driver, VERDICT_AMDVI );

	/* With an HPET table but no HPET entry: a suggestion only */
	c.in.hpet_number = 0;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );
	assert_true ( has_suggest ( &c.out, "ivrs_hpet[0]=00:14.0" ) );
}

/** get_supported_ivhd_type: checksum, lengths, types */
static void test_amd_table ( void **state ) {
	static struct amd_case c;

	( void )state;
	amd_init ( &c );
	c.ivrs.checksum_ok = 0;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "checksum" ) );

	/* Block past the end of the table */
	amd_init ( &c );
	c.data[50] = 0xff;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( c.out.boots );

	/* A zero-length block: Xen's walk never ends */
	amd_init ( &c );
	amd_block ( &c, 112, IVRS_IVMD_ALL, 32 );
	c.data[114] = 0;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.boots );
	assert_true ( has_suggest ( &c.out, "iommu=off,no-intremap" ) );

	/* Only IVHD 0x11, without IVinfo EFRSup: none supported */
	amd_init ( &c );
	c.data[48] = IVRS_IVHD_11;
	c.ivhd[0].type = IVRS_IVHD_11;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "Cannot find supported" ) );
	c.ivrs.ivinfo = 1;
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );

	/* IVHD shorter than 40 bytes, or base 0 */
	amd_init ( &c );
	c.ivhd[0].length = 24;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	amd_init ( &c );
	c.ivhd[0].base = 0;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
}

/** parse_ivhd_block: entry types Xen 4.17 does not know, bad ranges */
static void test_amd_entries ( void **state ) {
	static struct amd_case c;

	( void )state;
	amd_init ( &c );
	c.dev[0].kind = IVRS_KIND_ACPI_HID;
	c.dev[0].type = IVRS_DEV_ACPI_HID;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "type 0xf0" ) );
	/* Turning interrupt remapping off does not help here */
	assert_false ( has_suggest ( &c.out, "iommu=no-intremap" ) );

	/* ... but only inside the IVHD type Xen chose */
	amd_init ( &c );
	c.ivhd[1] = c.ivhd[0];
	c.ivhd[1].type = IVRS_IVHD_40;
	c.ivhd[1].offset = 112;
	c.ivhd[1].device = &c.dev[4];
	c.ivhd[1].device_count = 1;
	c.dev[4].kind = IVRS_KIND_ACPI_HID;
	c.ivrs.ivhd_count = 2;
	amd_block ( &c, 112, IVRS_IVHD_40, 64 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );

	/* A range whose end entry does not follow at once */
	amd_init ( &c );
	c.dev[0].end_offset = 84;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "invalid range" ) );

	/* A range whose end is not above its start */
	amd_init ( &c );
	c.dev[0].last = 0;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
}

/** parse_ivhd_device_special and parse_ivrs_table: IO-APIC rules */
static void test_amd_ioapic ( void **state ) {
	static struct amd_case c;

	( void )state;

	/* MADT IO-APIC without a special entry */
	amd_init ( &c );
	c.ivhd[0].device_count = 1;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_false ( c.out.intremap );
	assert_true ( has_reason ( &c.out, "no information for IO-APIC" ) );
	assert_true ( has_suggest ( &c.out, "ivrs_ioapic[4]=00:14.0" ) );
	assert_true ( has_suggest ( &c.out, "iommu=no-intremap" ) );

	/* Special entry with a handle the MADT does not have */
	amd_init ( &c );
	c.dev[1].handle = 5;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "Invalid IO-APIC" ) );
	assert_true ( has_suggest ( &c.out, "ivrs_ioapic[4]=00:14.0" ) );

	/* Two entries for IO-APIC 4 with different devices */
	amd_init ( &c );
	amd_ioapic ( &c, 4, 0x00a1 );
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "conflicting" ) );

	/* The same device twice is only a warning */
	amd_init ( &c );
	amd_ioapic ( &c, 4, 0x00a0 );
	verdict_decide ( &c.in, &c.out );
	assert_true ( c.out.iommu );

	/* No IO-APIC at 00:14.0 */
	amd_init ( &c );
	c.dev[1].bdf = 0x0001;
	verdict_decide ( &c.in, &c.out );
	assert_false ( c.out.iommu );
	assert_true ( has_reason ( &c.out, "00:14.0" ) );
	assert_true ( has_suggest ( &c.out, "ivrs_ioapic[4]=00:14.0" ) );
}

/** acpi_iommu_init: a DMAR DRHD Xen cannot use sends it to the IVRS */
static void test_dmar_then_ivrs ( void **state ) {
	static struct vtd_case v;
	static struct amd_case a;

	( void )state;
	vtd_init ( &v );
	amd_init ( &a );
	v.drhd[0].base = 0;
	v.in.ivrs = a.in.ivrs;
	v.in.ivrs_present = 1;
	v.in.madt = a.in.madt;
	verdict_decide ( &v.in, &v.out );
	assert_true ( v.out.iommu );
	assert_int_equal ( v.out.driver, VERDICT_AMDVI );

	/* A silent unit is kept (no -ENODEV): no IVRS, and Xen crashes */
	vtd_init ( &v );
	vtd_silence ( &v );
	v.in.ivrs = a.in.ivrs;
	v.in.ivrs_present = 1;
	v.in.madt = a.in.madt;
	verdict_decide ( &v.in, &v.out );
	assert_false ( v.out.boots );
	assert_int_equal ( v.out.driver, VERDICT_VTD );
}

/**
 * Run the tests
 *
 * @ret status		Number of failures
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_no_tables ),
	        cmocka_unit_test ( test_vtd_ok ),
	        cmocka_unit_test ( test_vtd_zero_width ),
	        cmocka_unit_test ( test_vtd_base_zero ),
	        cmocka_unit_test ( test_vtd_regs ),
	        cmocka_unit_test ( test_vtd_silent_unit ),
	        cmocka_unit_test ( test_vtd_two_include_all ),
	        cmocka_unit_test ( test_vtd_short_scope ),
	        cmocka_unit_test ( test_vtd_rmrr ),
	        cmocka_unit_test ( test_vtd_intremap ),
	        cmocka_unit_test ( test_vtd_x2apic_panic ),
	        cmocka_unit_test ( test_amd_ok ),
	        cmocka_unit_test ( test_amd_table ),
	        cmocka_unit_test ( test_amd_entries ),
	        cmocka_unit_test ( test_amd_ioapic ),
	        cmocka_unit_test ( test_dmar_then_ivrs ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
