/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen verdict: will Xen 4.17 boot, enable the IOMMU and interrupt
 * remapping with what the firmware gives it, why not, and which Xen
 * command-line option fixes it
 *
 * Each rule in verdict.c names the Xen source function it mirrors.  Also
 * here: the small MADT and FADT readers the rules need, and the IOMMU
 * register snapshots (iommu_regs.c).
 */
#ifndef XENMB_VERDICT_H
#define XENMB_VERDICT_H

#include <stdint.h>
#include <xenmb/platform.h>

struct acpi_table;
struct acpi_tables;
struct dmar;
struct ivrs;
struct cpu_info;
struct pci_scan;
struct pci_access;

/** Most IO-APICs kept from the MADT (Xen: MAX_IO_APICS is 128) */
#define MADT_MAX_IOAPICS 128

/** An IO-APIC from the MADT */
struct madt_ioapic {
	/** IO-APIC ID */
	uint8_t id;
	/** MMIO address */
	uint32_t address;
	/** First GSI */
	uint32_t gsi_base;
};

/** The MADT facts the verdict needs */
struct madt {
	/** Nonzero if a MADT was found and read */
	int present;
	/** IO-APICs, in table order */
	struct madt_ioapic ioapic[MADT_MAX_IOAPICS];
	/** Number of IO-APICs kept */
	unsigned int ioapic_count;
	/** Nonzero if some entry's length was impossible (walk stopped) */
	int broken;
};

/** FADT IAPC_BOOT_ARCH: MSI not supported */
#define FADT_NO_MSI 0x0008

/** VT-d registers of one DRHD, read at its base */
struct vtd_regs {
	/** Nonzero once read */
	int valid;
	/** Version register */
	uint32_t version;
	/** Capability register */
	uint64_t cap;
	/** Extended capability register */
	uint64_t ecap;
	/** Global status register */
	uint32_t gsts;
};

/** VT-d GSTS: translation enabled */
#define VTD_GSTS_TES 0x80000000UL
/** VT-d GSTS: interrupt remapping enabled */
#define VTD_GSTS_IRES 0x02000000UL

/** AMD-Vi registers of one IVHD's IOMMU */
struct amdvi_regs {
	/** Nonzero if the PCI capability header was read */
	int cap_valid;
	/** Capability header at cap_offset */
	uint32_t cap_header;
	/** Nonzero if the function has an MSI capability */
	int has_msi;
	/** Nonzero if the MMIO registers were read */
	int mmio_valid;
	/** Extended feature register (MMIO 0x30) */
	uint64_t efr;
	/** Control register (MMIO 0x18) */
	uint64_t control;
};

/** AMD-Vi PCI capability: type field (bits 18:16) for an IOMMU */
#define AMDVI_CAP_TYPE_IOMMU 3
/** AMD-Vi PCI capability header: EFRSup */
#define AMDVI_CAP_EFRSUP 0x08000000UL
/** AMD-Vi control: IOMMU enable */
#define AMDVI_CTRL_ENABLE 0x01

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

extern int madt_parse ( const struct acpi_table *table, struct madt *madt );
extern int fadt_boot_arch ( const struct acpi_table *table,
                            uint16_t *boot_arch );
extern int hpet_number ( const struct acpi_table *table );
extern void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_reason ( struct verdict *out, const char *fmt, ... );
extern void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_suggest ( struct verdict *out, const char *fmt, ... );
extern void verdict_decide ( const struct verdict_input *in,
                             struct verdict *out );
extern void vtd_regs_read ( struct platform *plat, const struct dmar *dmar,
                            struct vtd_regs *regs );
extern void amdvi_regs_read ( struct platform *plat, struct pci_access *pci,
                              const struct ivrs *ivrs,
                              struct amdvi_regs *regs );

#endif /* XENMB_VERDICT_H */
