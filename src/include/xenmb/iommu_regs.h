/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The VT-d and AMD-Vi registers the verdict needs, read at the addresses
 * the DMAR and IVRS give
 */
#ifndef XENMB_IOMMU_REGS_H
#define XENMB_IOMMU_REGS_H

#include <stdint.h>

struct platform;
struct dmar;
struct ivrs;
struct pci_access;

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

extern void vtd_regs_read ( struct platform *plat, const struct dmar *dmar,
                            struct vtd_regs *regs );
extern void amdvi_regs_read ( struct platform *plat, struct pci_access *pci,
                              const struct ivrs *ivrs,
                              struct amdvi_regs *regs );

#endif /* XENMB_IOMMU_REGS_H */
