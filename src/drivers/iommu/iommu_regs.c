/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Read-only snapshots of the IOMMU registers the verdict needs
 *
 * VT-d: version, CAP, ECAP and GSTS at each DRHD base (vtd/iommu.h
 * offsets).  AMD-Vi: the IOMMU capability header of the IVHD's PCI
 * function, whether it has MSI, and the MMIO EFR and control registers.
 * Only addresses a table gave are read, and nothing is written.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/pci.h>
#include <xenmb/iommu_regs.h>

/** VT-d register offsets */
#define VTD_VER  0x00
#define VTD_CAP  0x08
#define VTD_ECAP 0x10
#define VTD_GSTS 0x1c
/** AMD-Vi MMIO offsets */
#define AMDVI_CONTROL 0x18
#define AMDVI_EFR     0x30

/**
 * Read the VT-d registers of every DRHD
 *
 * @v plat		Platform (phys_read)
 * @v dmar		DMAR
 * @v regs		One entry per DRHD, filled
 */
void vtd_regs_read ( struct platform *plat, const struct dmar *dmar,
                     struct vtd_regs *regs ) {
	const struct dmar_drhd *drhd;
	struct vtd_regs *reg;
	unsigned int i;

	for ( i = 0; i < dmar->drhd_count; i++ ) {
		drhd = &dmar->drhd[i];
		reg = &regs[i];
		memset ( reg, 0, sizeof ( *reg ) );
		/* Never touch a base Xen itself would refuse */
		if ( ( !plat->phys_read ) || ( drhd->base == 0 ) ||
		     ( drhd->base == ~0ULL ) || ( drhd->base & 0xfff ) )
			continue;
		if ( ( plat->phys_read ( plat, drhd->base + VTD_VER,
		                         &reg->version, 4 ) != 0 ) ||
		     ( plat->phys_read ( plat, drhd->base + VTD_CAP, &reg->cap,
		                         8 ) != 0 ) ||
		     ( plat->phys_read ( plat, drhd->base + VTD_ECAP,
		                         &reg->ecap, 8 ) != 0 ) ||
		     ( plat->phys_read ( plat, drhd->base + VTD_GSTS,
		                         &reg->gsts, 4 ) != 0 ) )
			continue;
		reg->valid = 1;
	}
}

/**
 * Read the AMD-Vi registers of every IVHD
 *
 * @v plat		Platform (phys_read)
 * @v pci		PCI access, or NULL
 * @v ivrs		IVRS
 * @v regs		One entry per IVHD, filled
 */
void amdvi_regs_read ( struct platform *plat, struct pci_access *pci,
                       const struct ivrs *ivrs, struct amdvi_regs *regs ) {
	const struct ivrs_ivhd *ivhd;
	struct amdvi_regs *reg;
	struct pci_device dev;
	unsigned int offset;
	unsigned int i;

	for ( i = 0; i < ivrs->ivhd_count; i++ ) {
		ivhd = &ivrs->ivhd[i];
		reg = &regs[i];
		memset ( reg, 0, sizeof ( *reg ) );

		/* The capability block of the IOMMU's PCI function */
		if ( pci && ivhd->cap_offset && !( ivhd->cap_offset & 3 ) &&
		     ( ivhd->cap_offset < PCI_CONFIG_SIZE_LEGACY ) &&
		     ( pci_probe_device ( pci, ivhd->segment,
		                          ( ivhd->bdf >> 8 ),
		                          ( ivhd->bdf & 0xff ), &dev ) == 0 ) &&
		     ( pci_config_read ( pci, ivhd->segment, ( ivhd->bdf >> 8 ),
		                         ( ivhd->bdf & 0xff ), ivhd->cap_offset,
		                         4, &reg->cap_header ) == 0 ) ) {
			reg->cap_valid = 1;
			reg->has_msi =
			        ( pci_find_cap ( pci, &dev, PCI_CAP_ID_MSI,
			                         &offset ) == 0 );
		}

		/* MMIO registers at the base the IVHD gave */
		if ( plat->phys_read && ivhd->base &&
		     !( ivhd->base & 0x3fff ) &&
		     ( plat->phys_read ( plat, ivhd->base + AMDVI_CONTROL,
		                         &reg->control, 8 ) == 0 ) &&
		     ( plat->phys_read ( plat, ivhd->base + AMDVI_EFR,
		                         &reg->efr, 8 ) == 0 ) )
			reg->mmio_valid = 1;
	}
}
