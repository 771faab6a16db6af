/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * PCI configuration space: access (ECAM windows from MCFG, or the
 * carrier's CF8/CFC reader), enumeration and capability walks
 *
 * Everything here only reads.  Capability chains come from hardware the
 * firmware set up, so every walk is bounded and refuses loops and
 * pointers into the header.
 */
#ifndef XENMB_PCI_H
#define XENMB_PCI_H

#include <stdint.h>
#include <xenmb/platform.h>

/** Most classic capabilities followed in one chain */
#define PCI_MAX_CLASSIC_CAPS 48
/** Most extended capabilities followed in one chain */
#define PCI_MAX_EXT_CAPS 256
/** Size of configuration space with ECAM */
#define PCI_CONFIG_SIZE 4096
/** Size of configuration space through CF8/CFC */
#define PCI_CONFIG_SIZE_LEGACY 256

/* Header registers */
#define PCI_VENDOR_ID       0x00
#define PCI_DEVICE_ID       0x02
#define PCI_STATUS          0x06
#define PCI_STATUS_CAP_LIST 0x0010
#define PCI_REVISION        0x08
#define PCI_CLASS_PROG      0x09
#define PCI_HEADER_TYPE     0x0e
#define PCI_HEADER_MULTI    0x80
#define PCI_HEADER_NORMAL   0
#define PCI_HEADER_BRIDGE   1
#define PCI_HEADER_CARDBUS  2
#define PCI_PRIMARY_BUS     0x18
#define PCI_SECONDARY_BUS   0x19
#define PCI_SUBORDINATE_BUS 0x1a
#define PCI_CAP_PTR         0x34
#define PCI_CB_CAP_PTR      0x14

/* Classic capability IDs */
#define PCI_CAP_ID_MSI    0x05
#define PCI_CAP_ID_SECURE 0x0f
#define PCI_CAP_ID_EXP    0x10
#define PCI_CAP_ID_MSIX   0x11

/* Extended capability IDs */
#define PCI_EXT_CAP_ID_ACS   0x000d
#define PCI_EXT_CAP_ID_ARI   0x000e
#define PCI_EXT_CAP_ID_ATS   0x000f
#define PCI_EXT_CAP_ID_SRIOV 0x0010

/* SR-IOV capability registers (offsets from the capability) */
#define PCI_SRIOV_CTRL       0x08
#define PCI_SRIOV_INITIAL_VF 0x0c
#define PCI_SRIOV_TOTAL_VF   0x0e
#define PCI_SRIOV_NUM_VF     0x10
#define PCI_SRIOV_VF_OFFSET  0x14
#define PCI_SRIOV_VF_STRIDE  0x16
#define PCI_SRIOV_VF_DID     0x1a
#define PCI_SRIOV_BAR        0x24
#define PCI_SRIOV_NUM_BARS   6
/** Length of the SR-IOV capability */
#define PCI_SRIOV_LEN 0x40

/* ACS capability registers */
#define PCI_ACS_CAP  0x04
#define PCI_ACS_CTRL 0x06

/** Make a devfn */
#define PCI_DEVFN( dev, fn ) ( ( ( dev ) << 3 ) | ( fn ) )
/** Device number of a devfn */
#define PCI_SLOT( devfn ) ( ( ( devfn ) >> 3 ) & 0x1f )
/** Function number of a devfn */
#define PCI_FUNC( devfn ) ( ( devfn )&0x07 )

/** An ECAM window (an MCFG allocation) */
struct pci_ecam {
	/** Physical address of bus 0 of the segment */
	uint64_t base;
	/** Segment */
	uint16_t segment;
	/** First bus decoded */
	uint8_t bus_start;
	/** Last bus decoded */
	uint8_t bus_end;
};

/** How configuration space is reached */
struct pci_access {
	/** Platform (phys_read for ECAM, pci_read for the fallback) */
	struct platform *plat;
	/** ECAM windows, or NULL */
	const struct pci_ecam *ecam;
	/** Number of ECAM windows */
	unsigned int ecam_count;
};

/** SR-IOV state of a physical function */
struct pci_sriov {
	/** TotalVFs */
	uint16_t total_vfs;
	/** InitialVFs */
	uint16_t initial_vfs;
	/** NumVFs */
	uint16_t num_vfs;
	/** First VF offset */
	uint16_t vf_offset;
	/** VF stride */
	uint16_t vf_stride;
	/** VF device ID */
	uint16_t vf_device;
	/** SR-IOV control register */
	uint16_t ctrl;
	/** Nonzero if some VF BAR was given an address */
	int vf_bars_ok;
	/** Nonzero if every VF routing ID lies in the upstream bus range */
	int vf_buses_ok;
	/** Bus of the last VF (PF RID + offset + stride * (TotalVFs - 1)) */
	unsigned int last_vf_bus;
	/** Highest bus the upstream bridge forwards to */
	unsigned int bus_limit;
};

/** Device flags */
enum pci_device_flags {
	PCI_DEV_PCIE = 0x0001,
	PCI_DEV_SRIOV = 0x0002,
	PCI_DEV_ACS = 0x0004,
	PCI_DEV_ATS = 0x0008,
	PCI_DEV_ARI = 0x0010,
	PCI_DEV_MSI = 0x0020,
	PCI_DEV_MSIX = 0x0040,
	PCI_DEV_BRIDGE = 0x0080,
	/** Extended configuration space could be read */
	PCI_DEV_EXTCFG = 0x0100,
	/** A capability chain was broken (loop, bad pointer, too long) */
	PCI_DEV_CAP_BROKEN = 0x0200,
	/** Function 0 of a multi-function device */
	PCI_DEV_MULTI = 0x0400,
};

/** One PCI function */
struct pci_device {
	/** Segment */
	uint16_t segment;
	/** Bus */
	uint8_t bus;
	/** Device << 3 | function */
	uint8_t devfn;
	/** Vendor ID */
	uint16_t vendor;
	/** Device ID */
	uint16_t device;
	/** Class code (base, sub, prog-if) */
	uint32_t class_code;
	/** Revision */
	uint8_t revision;
	/** Header type (without the multi-function bit) */
	uint8_t header_type;
	/** Bridges: secondary bus */
	uint8_t secondary;
	/** Bridges: subordinate bus */
	uint8_t subordinate;
	/** PCI_DEV_xxx */
	unsigned int flags;
	/** ACS capability register */
	uint16_t acs_cap;
	/** ACS control register */
	uint16_t acs_ctrl;
	/** SR-IOV (valid with PCI_DEV_SRIOV) */
	struct pci_sriov sriov;
	/** Index of the IOMMU that covers it, or -1 (filled by the probe) */
	int iommu;
};

/** The result of an enumeration */
struct pci_scan {
	/** Storage for devices, given by the caller */
	struct pci_device *devs;
	/** Capacity of @c devs */
	unsigned int max;
	/** Devices found */
	unsigned int count;
	/** Devices found beyond the capacity (not stored) */
	unsigned int dropped;
};

/** A capability walk callback: return nonzero to stop the walk */
typedef int ( *pci_cap_fn ) ( void *ctx, unsigned int id, unsigned int offset );

extern int pci_config_read ( struct pci_access *pci, unsigned int seg,
                             unsigned int bus, unsigned int devfn,
                             unsigned int reg, unsigned int width,
                             uint32_t *val );
extern unsigned int pci_config_size ( struct pci_access *pci, unsigned int seg,
                                      unsigned int bus );
extern int pci_walk_caps ( struct pci_access *pci, const struct pci_device *dev,
                           pci_cap_fn fn, void *ctx );
extern int pci_walk_ext_caps ( struct pci_access *pci,
                               const struct pci_device *dev, pci_cap_fn fn,
                               void *ctx );
extern int pci_find_cap ( struct pci_access *pci, const struct pci_device *dev,
                          unsigned int id, unsigned int *offset );
extern int pci_find_ext_cap ( struct pci_access *pci,
                              const struct pci_device *dev, unsigned int id,
                              unsigned int *offset );
extern int pci_probe_device ( struct pci_access *pci, unsigned int seg,
                              unsigned int bus, unsigned int devfn,
                              struct pci_device *dev );
extern void pci_sriov_check_buses ( struct pci_sriov *sriov,
                                    const struct pci_device *pf,
                                    unsigned int bus_limit );
extern const struct pci_ecam *pci_ecam_find ( const struct pci_ecam *windows,
                                              unsigned int count,
                                              unsigned int seg,
                                              unsigned int bus );
extern int pci_scan_all ( struct pci_access *pci, struct pci_scan *scan );
extern const struct pci_device *pci_find_device ( const struct pci_scan *scan,
                                                  unsigned int seg,
                                                  unsigned int bus,
                                                  unsigned int devfn );

#endif /* XENMB_PCI_H */
