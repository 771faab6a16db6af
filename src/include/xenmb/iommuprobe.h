/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The IOMMU/SR-IOV probe: discovery, the table parsers, PCI, CPU,
 * registers, device to IOMMU mapping, the Xen verdict
 */
#ifndef XENMB_IOMMUPROBE_H
#define XENMB_IOMMUPROBE_H

#include <stdint.h>
#include <xenmb/platform.h>
#include <xenmb/acpi.h>
#include <xenmb/cpu.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>

struct arena;

struct dmar;
struct ivrs;
struct viot;
struct mcfg;

/** The IOMMU-related tables of a collection, decoded */
struct acpi_iommu {
	/** The collection */
	const struct acpi_tables *tables;
	/** DMAR, or NULL (absent, or not decodable: see dmar_rc) */
	struct dmar *dmar;
	/** Result of dmar_parse (0 if absent) */
	int dmar_rc;
	/** IVRS, or NULL */
	struct ivrs *ivrs;
	/** Result of ivrs_parse */
	int ivrs_rc;
	/** VIOT, or NULL */
	struct viot *viot;
	/** Result of viot_parse */
	int viot_rc;
	/** MCFG, or NULL */
	struct mcfg *mcfg;
	/** Result of mcfg_parse */
	int mcfg_rc;
};

/**
 * Decode the DMAR, IVRS, VIOT and MCFG tables of a collection
 *
 * @v iommu		Result (cleared first)
 * @v tables		Collection
 * @v arena		Memory for the decoded structures
 * @ret rc		0, or -XENOMEM (a broken table is not an error
 *			here: its own rc member says what is wrong)
 */
int acpi_parse_iommu ( struct acpi_iommu *iommu,
                       const struct acpi_tables *tables, struct arena *arena );

/** Most PCI functions kept */
#define PROBE_MAX_PCI 512
/** Most ECAM windows used */
#define PROBE_MAX_ECAM 16

/** The probe's findings */
struct probe_report {
	/** JSON "source": the carrier's name */
	const char *source;
	/** Tables (the caller's, or discovered) */
	const struct acpi_tables *tables;
	/** Decoded IOMMU tables */
	struct acpi_iommu acpi;
	/** CPU, and whether it was probed */
	struct cpu_info cpu;
	int cpu_valid;
	/** ECAM windows from MCFG */
	struct pci_ecam ecam[PROBE_MAX_ECAM];
	unsigned int ecam_count;
	/** PCI access used */
	struct pci_access pci_access;
	/** PCI functions, and whether PCI was scanned */
	struct pci_scan pci;
	int pci_valid;
	/** VT-d registers per DRHD, AMD-Vi registers per IVHD (or NULL) */
	struct vtd_regs *vtd;
	struct amdvi_regs *amdvi;
	/** MADT IO-APICs */
	struct madt madt;
	/** The verdict */
	struct verdict verdict;
};

extern int probe_run ( struct platform *plat, struct arena *arena,
                       const struct acpi_tables *tables,
                       struct probe_report *report );

#endif /* XENMB_IOMMUPROBE_H */
