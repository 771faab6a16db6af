/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen verdict: will Xen 4.17 boot, enable the IOMMU and interrupt
 * remapping with what the firmware gives it, why not, and which Xen
 * command-line option fixes it
 *
 * Each rule in verdict.c names the Xen source function it mirrors.  The
 * MADT/FADT/HPET facts it decides from are madt.h's, the IOMMU register
 * snapshots iommu_regs.h's.
 */
#ifndef XENMB_VERDICT_H
#define XENMB_VERDICT_H

#include <stdint.h>
#include <xenmb/platform.h>
#include <xenmb/madt.h>
#include <xenmb/iommu_regs.h>

struct acpi_table;
struct acpi_tables;
struct dmar;
struct ivrs;
struct cpu_info;
struct pci_scan;
struct pci_access;

/** What the verdict decides from */
struct verdict_input {
	/** Decoded DMAR (NULL if absent or undecodable), its parse result */
	const struct dmar *dmar;
	int dmar_rc;
	/** Nonzero if a DMAR table exists at all */
	int dmar_present;
	/** VT-d registers, one per DRHD (NULL if not read) */
	const struct vtd_regs *vtd;
	/** Decoded IVRS (NULL if absent or undecodable), its parse result */
	const struct ivrs *ivrs;
	int ivrs_rc;
	/** Nonzero if an IVRS table exists at all */
	int ivrs_present;
	/** AMD-Vi registers, one per IVHD (NULL if not read) */
	const struct amdvi_regs *amdvi;
	/** MADT IO-APICs */
	const struct madt *madt;
	/** FADT IAPC_BOOT_ARCH flags, and whether they were read */
	uint16_t fadt_boot_arch;
	int fadt_valid;
	/** HPET number from the HPET table, or -1 without one */
	int hpet_number;
	/** Memory map (NULL if unknown) */
	const struct memmap_entry *memmap;
	unsigned int memmap_count;
	/** CPU (NULL if unknown) */
	const struct cpu_info *cpu;
	/** PCI devices (NULL if PCI was not scanned) */
	const struct pci_scan *pci;
};

/** Most reasons kept */
#define VERDICT_MAX_REASONS 16
/** Longest reason */
#define VERDICT_REASON_LEN 200
/** Most suggestions kept */
#define VERDICT_MAX_SUGGEST 8
/** Longest suggestion */
#define VERDICT_SUGGEST_LEN 48

/** Which IOMMU driver Xen would use */
enum verdict_driver {
	VERDICT_NONE = 0,
	VERDICT_VTD,
	VERDICT_AMDVI,
};

/** The verdict */
struct verdict {
	/** Xen gets through boot (no panic or hang from these tables) */
	int boots;
	/** I/O virtualisation enabled */
	int iommu;
	/** Interrupt remapping enabled */
	int intremap;
	/** Driver Xen would use */
	enum verdict_driver driver;
	/** Reasons: sentences naming the table and the field */
	char reason[VERDICT_MAX_REASONS][VERDICT_REASON_LEN];
	unsigned int reason_count;
	/** Xen command-line fixes that apply */
	char suggest[VERDICT_MAX_SUGGEST][VERDICT_SUGGEST_LEN];
	unsigned int suggest_count;
};

extern void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_reason ( struct verdict *out, const char *fmt, ... );
extern void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_suggest ( struct verdict *out, const char *fmt, ... );
extern void verdict_decide ( const struct verdict_input *in,
                             struct verdict *out );

#endif /* XENMB_VERDICT_H */
