/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI DMAR table (Intel VT-d DMA remapping reporting)
 *
 * dmar_parse() decodes every remapping structure of the table into arrays
 * allocated from an arena, in table order, keeping the raw fields that
 * Xen's rules look at.  Device scopes of all structures live in one pool;
 * each structure points at its own run of it.
 */
#ifndef XENMB_DMAR_H
#define XENMB_DMAR_H

#include <stdint.h>
#include <xenmb/acpi.h>

struct arena;
struct json;

/** DMAR table flags */
#define DMAR_INTR_REMAP               0x01
#define DMAR_X2APIC_OPT_OUT           0x02
#define DMAR_DMA_CTRL_PLATFORM_OPT_IN 0x04

/** DRHD flags */
#define DMAR_DRHD_INCLUDE_PCI_ALL 0x01

/** SATC flags */
#define DMAR_SATC_ATC_REQUIRED 0x01

/** ATSR flags */
#define DMAR_ATSR_ALL_PORTS 0x01

/** Remapping structure types */
enum dmar_type {
	DMAR_TYPE_DRHD = 0,
	DMAR_TYPE_RMRR = 1,
	DMAR_TYPE_ATSR = 2,
	DMAR_TYPE_RHSA = 3,
	DMAR_TYPE_ANDD = 4,
	DMAR_TYPE_SATC = 5,
	DMAR_TYPE_SIDP = 6,
};

/** Device scope types */
enum dmar_scope_type {
	DMAR_SCOPE_ENDPOINT = 1,
	DMAR_SCOPE_BRIDGE = 2,
	DMAR_SCOPE_IOAPIC = 3,
	DMAR_SCOPE_HPET = 4,
	DMAR_SCOPE_ACPI = 5,
};

/** A device scope entry */
struct dmar_scope {
	/** Type (enum dmar_scope_type; other values kept as stored) */
	uint8_t type;
	/** Length as stored */
	uint8_t length;
	/** Scope flags (byte 2, VT-d 4.0 and later) */
	uint8_t flags;
	/** Enumeration ID (IO-APIC ID, HPET number, ANDD device number) */
	uint8_t enum_id;
	/** Start bus number */
	uint8_t start_bus;
	/** Number of path hops ((length - 6) / 2) */
	uint8_t hops;
	/**
	 * Bus/device/function the scope names: the first hop on the start
	 * bus (a probe with PCI access may overwrite it with the BDF a
	 * multi-hop path resolves to)
	 */
	uint16_t bdf;
	/** Path: hops pairs of (device, function), pointing into the table */
	const uint8_t *path;
	/** Offset of the entry in the table */
	uint32_t offset;
};

/** A run of device scopes belonging to one structure */
struct dmar_scopes {
	/** First scope (in struct dmar's pool) */
	struct dmar_scope *scope;
	/** Number of scopes */
	unsigned int count;
};

/** DRHD: a DMA remapping hardware unit */
struct dmar_drhd {
	/** Flags (DMAR_DRHD_INCLUDE_PCI_ALL) */
	uint8_t flags;
	/** Size field (byte 5: register set size is 2^n pages, VT-d 3+) */
	uint8_t size;
	/** PCI segment */
	uint16_t segment;
	/** Register base address */
	uint64_t base;
	/** Device scopes */
	struct dmar_scopes scopes;
	/** Offset in the table */
	uint32_t offset;
	/** Nonzero once a probe has read @c cap and @c ecap from @c base */
	int regs_valid;
	/** Capability register (filled by a probe with MMIO access) */
	uint64_t cap;
	/** Extended capability register (filled by a probe) */
	uint64_t ecap;
};

/** RMRR: a reserved memory region */
struct dmar_rmrr {
	/** PCI segment */
	uint16_t segment;
	/** Base address */
	uint64_t base;
	/** Limit address (last byte, inclusive) */
	uint64_t limit;
	/** Device scopes */
	struct dmar_scopes scopes;
	/** Offset in the table */
	uint32_t offset;
};

/** ATSR: root ports supporting ATS */
struct dmar_atsr {
	/** Flags (DMAR_ATSR_ALL_PORTS) */
	uint8_t flags;
	/** PCI segment */
	uint16_t segment;
	/** Device scopes */
	struct dmar_scopes scopes;
	/** Offset in the table */
	uint32_t offset;
};

/** RHSA: remapping hardware static affinity */
struct dmar_rhsa {
	/** Register base address of the unit */
	uint64_t base;
	/** Proximity domain */
	uint32_t proximity_domain;
	/** Offset in the table */
	uint32_t offset;
};

/** ANDD: ACPI namespace device declaration */
struct dmar_andd {
	/** ACPI device number (matches a scope's enumeration ID) */
	uint8_t device_number;
	/** Object name, pointing into the table (not NUL terminated) */
	const char *name;
	/** Length of @c name up to its first NUL */
	unsigned int name_len;
	/** Offset in the table */
	uint32_t offset;
};

/** SATC (type 5) or SIDP (type 6): SoC integrated devices */
struct dmar_satc {
	/** Flags (SATC: DMAR_SATC_ATC_REQUIRED; SIDP: 0) */
	uint8_t flags;
	/** PCI segment */
	uint16_t segment;
	/** Device scopes */
	struct dmar_scopes scopes;
	/** Offset in the table */
	uint32_t offset;
};

/** A decoded DMAR table */
struct dmar {
	/** The table */
	const struct acpi_table *table;
	/** Nonzero if the checksum is right */
	int checksum_ok;
	/** Host address width field as stored */
	uint8_t width;
	/** Host address width in bits (width + 1) */
	unsigned int haw;
	/** Flags (DMAR_INTR_REMAP, ...) */
	uint8_t flags;

	/** DRHDs */
	struct dmar_drhd *drhd;
	unsigned int drhd_count;
	/** RMRRs */
	struct dmar_rmrr *rmrr;
	unsigned int rmrr_count;
	/** ATSRs */
	struct dmar_atsr *atsr;
	unsigned int atsr_count;
	/** RHSAs */
	struct dmar_rhsa *rhsa;
	unsigned int rhsa_count;
	/** ANDDs */
	struct dmar_andd *andd;
	unsigned int andd_count;
	/** SATCs */
	struct dmar_satc *satc;
	unsigned int satc_count;
	/** SIDPs */
	struct dmar_satc *sidp;
	unsigned int sidp_count;

	/** Pool of every device scope */
	struct dmar_scope *scope;
	unsigned int scope_count;

	/** Unknown structures and the error that stopped the walk */
	struct acpi_walk walk;
};

/**
 * Decode a DMAR table
 *
 * @v table		Table (signature "DMAR")
 * @v arena		Memory for the decoded structures
 * @ret dmar		Decoded table, on success or -XEACPISUB
 * @ret rc		0; -XEACPISUB if a structure's length stopped the
 *			walk (@c dmar then holds what came before, and
 *			dmar->walk says where); -XEACPISIG, -XEACPILEN,
 *			-XENOMEM (and @c dmar is NULL)
 */
int dmar_parse ( const struct acpi_table *table, struct arena *arena,
                 struct dmar **dmar );

/**
 * Name a device scope type as the JSON report does
 *
 * @v type		Scope type
 * @ret name		"endpoint", "bridge", "ioapic", "hpet", "acpi" or
 *			"unknown"
 */
const char *dmar_scope_name ( unsigned int type );

/**
 * Write the "dmar" part of the JSON report (the value only)
 *
 * @v dmar		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void dmar_json ( const struct dmar *dmar, struct json *json );

#endif /* XENMB_DMAR_H */
