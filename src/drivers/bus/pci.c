/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * PCI configuration space: ECAM and fallback access, enumeration,
 * capability walks and the SR-IOV, ACS, ATS and ARI capabilities
 *
 * Configuration space is read through the ECAM window that MCFG gives for
 * the segment and bus, one aligned 32-bit access at a time, and through
 * the carrier's pci_read (CF8/CFC on the firmware carriers, sysfs on
 * Linux) where no window covers the bus or the window cannot be read.
 * Nothing is ever written.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/pci.h>

/**
 * Find the ECAM window covering a bus
 *
 * @v windows		ECAM windows
 * @v count		Number of windows
 * @v seg		Segment
 * @v bus		Bus
 * @ret ecam		The first window covering the bus, or NULL
 */
const struct pci_ecam *pci_ecam_find ( const struct pci_ecam *windows,
                                       unsigned int count, unsigned int seg,
                                       unsigned int bus ) {
	const struct pci_ecam *ecam;
	unsigned int i;

	for ( i = 0; i < count; i++ ) {
		ecam = &windows[i];
		if ( ( ecam->segment == seg ) && ( bus >= ecam->bus_start ) &&
		     ( bus <= ecam->bus_end ) )
			return ecam;
	}
	return NULL;
}

/**
 * Read configuration space through an ECAM window
 *
 * @v pci		PCI access
 * @v ecam		Window
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register
 * @v width		1, 2 or 4
 * @v val		Value read
 * @ret rc		0, or negative if the window cannot be read here
 *
 * One aligned 32-bit access is made and the wanted bytes are taken from
 * it: configuration reads have no side effects, and a 32-bit read at a
 * 4-aligned address is one access on every carrier.
 */
static int pci_ecam_read ( struct pci_access *pci, const struct pci_ecam *ecam,
                           unsigned int bus, unsigned int devfn,
                           unsigned int reg, unsigned int width,
                           uint32_t *val ) {
	uint64_t addr;
	uint32_t dword;
	unsigned int shift;
	int rc;

	if ( !pci->plat->phys_read )
		return -XENOTSUP;
	addr = ( ecam->base + ( ( uint64_t )bus << 20 ) +
	         ( ( uint64_t )devfn << 12 ) + ( reg & ~3U ) );
	if ( ( rc = pci->plat->phys_read ( pci->plat, addr, &dword,
	                                   sizeof ( dword ) ) ) != 0 )
		return rc;
	shift = ( ( reg & 3 ) * 8 );
	dword >>= shift;
	if ( width < 4 )
		dword &= ( ( 1U << ( width * 8 ) ) - 1 );
	*val = dword;
	return 0;
}

/**
 * Read configuration space
 *
 * @v pci		PCI access
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device and function
 * @v reg		Register (0-4095, aligned to @c width)
 * @v width		1, 2 or 4
 * @v val		Value read
 * @ret rc		0, or negative
 */
int pci_config_read ( struct pci_access *pci, unsigned int seg,
                      unsigned int bus, unsigned int devfn, unsigned int reg,
                      unsigned int width, uint32_t *val ) {
	const struct pci_ecam *ecam;

	/* Refuse impossible requests */
	if ( ( ( width != 1 ) && ( width != 2 ) && ( width != 4 ) ) ||
	     ( reg & ( width - 1 ) ) || ( reg >= PCI_CONFIG_SIZE ) ||
	     ( bus > 0xff ) || ( devfn > 0xff ) )
		return -XEINVAL;

	/* Prefer the ECAM window, fall back to the carrier */
	ecam = pci_ecam_find ( pci->ecam, pci->ecam_count, seg, bus );
	if ( ecam &&
	     ( pci_ecam_read ( pci, ecam, bus, devfn, reg, width, val ) == 0 ) )
		return 0;
	if ( !pci->plat->pci_read )
		return -XENOTSUP;
	return pci->plat->pci_read ( pci->plat, seg, bus, devfn, reg, width,
	                             val );
}

/**
 * Read a configuration register of a device
 *
 * @v pci		PCI access
 * @v dev		Device
 * @v reg		Register
 * @v width		1, 2 or 4
 * @ret val		Value, or all-ones if it cannot be read
 */
static uint32_t pci_dev_read ( struct pci_access *pci,
                               const struct pci_device *dev, unsigned int reg,
                               unsigned int width ) {
	uint32_t val;

	if ( pci_config_read ( pci, dev->segment, dev->bus, dev->devfn, reg,
	                       width, &val ) != 0 )
		return ( ( width == 4 ) ? 0xffffffffU
		                        : ( ( 1U << ( width * 8 ) ) - 1 ) );
	return val;
}

/**
 * Size of configuration space reachable on a bus
 *
 * @v pci		PCI access
 * @v seg		Segment
 * @v bus		Bus
 * @ret size		4096 with an ECAM window, else 256
 */
unsigned int pci_config_size ( struct pci_access *pci, unsigned int seg,
                               unsigned int bus ) {
	return ( pci_ecam_find ( pci->ecam, pci->ecam_count, seg, bus )
	                 ? PCI_CONFIG_SIZE
	                 : PCI_CONFIG_SIZE_LEGACY );
}

/**
 * Test and set a bit in a visited set
 *
 * @v set		Bit set
 * @v bit		Bit number
 * @ret seen		Nonzero if the bit was already set
 */
static int pci_visit ( uint32_t *set, unsigned int bit ) {
	uint32_t mask = ( 1U << ( bit % 32 ) );
	int seen = ( ( set[bit / 32] & mask ) != 0 );

	set[bit / 32] |= mask;
	return seen;
}

/**
 * Walk the classic capability list
 *
 * @v pci		PCI access
 * @v dev		Device
 * @v fn		Called for each capability
 * @v ctx		Callback context
 * @ret rc		0, or -XEPCICAP if the chain loops, points into the
 *			header, is misaligned or too long
 */
int pci_walk_caps ( struct pci_access *pci, const struct pci_device *dev,
                    pci_cap_fn fn, void *ctx ) {
	uint32_t visited[PCI_CONFIG_SIZE_LEGACY / 4 / 32];
	unsigned int count = 0;
	unsigned int ptr;
	uint32_t header;

	/* No list at all is not an error */
	if ( !( pci_dev_read ( pci, dev, PCI_STATUS, 2 ) &
	        PCI_STATUS_CAP_LIST ) )
		return 0;
	ptr = pci_dev_read ( pci, dev,
	                     ( ( dev->header_type == PCI_HEADER_CARDBUS )
	                               ? PCI_CB_CAP_PTR
	                               : PCI_CAP_PTR ),
	                     1 );
	memset ( visited, 0, sizeof ( visited ) );

	while ( ptr ) {
		/* Check the pointer before following it */
		if ( ( ptr < 0x40 ) || ( ptr & 3 ) ||
		     ( ptr >= PCI_CONFIG_SIZE_LEGACY ) )
			return -XEPCICAP;
		if ( pci_visit ( visited, ( ptr / 4 ) ) )
			return -XEPCICAP;
		if ( ++count > PCI_MAX_CLASSIC_CAPS )
			return -XEPCICAP;

		header = pci_dev_read ( pci, dev, ptr, 2 );
		if ( header == 0xffff )
			return -XEPCICAP;
		if ( fn ( ctx, ( header & 0xff ), ptr ) )
			return 0;
		ptr = ( header >> 8 );
	}
	return 0;
}

/**
 * Walk the extended capability list
 *
 * @v pci		PCI access
 * @v dev		Device (needs PCI_DEV_EXTCFG)
 * @v fn		Called for each capability
 * @v ctx		Callback context
 * @ret rc		0, or -XEPCICAP if the chain is broken
 */
int pci_walk_ext_caps ( struct pci_access *pci, const struct pci_device *dev,
                        pci_cap_fn fn, void *ctx ) {
	uint32_t visited[PCI_CONFIG_SIZE / 4 / 32];
	unsigned int count = 0;
	unsigned int ptr = PCI_CONFIG_SIZE_LEGACY;
	uint32_t header;

	if ( !( dev->flags & PCI_DEV_EXTCFG ) )
		return 0;
	memset ( visited, 0, sizeof ( visited ) );

	/* An empty list reads as 0 or all-ones at 0x100 */
	header = pci_dev_read ( pci, dev, ptr, 4 );
	if ( ( header == 0 ) || ( header == 0xffffffffU ) )
		return 0;

	while ( 1 ) {
		if ( pci_visit ( visited, ( ptr / 4 ) ) )
			return -XEPCICAP;
		if ( ++count > PCI_MAX_EXT_CAPS )
			return -XEPCICAP;
		if ( header == 0xffffffffU )
			return -XEPCICAP;
		if ( fn ( ctx, ( header & 0xffff ), ptr ) )
			return 0;

		/* Follow the next pointer, if it is sane */
		ptr = ( header >> 20 );
		if ( !ptr )
			return 0;
		if ( ( ptr < PCI_CONFIG_SIZE_LEGACY ) || ( ptr & 3 ) )
			return -XEPCICAP;
		header = pci_dev_read ( pci, dev, ptr, 4 );
	}
}

/** Context for finding one capability */
struct pci_find_ctx {
	/** Capability ID wanted */
	unsigned int id;
	/** Offset found, or 0 */
	unsigned int offset;
};

/**
 * Capability walk callback: stop at the wanted ID
 *
 * @v ctx		A struct pci_find_ctx
 * @v id		Capability ID
 * @v offset		Capability offset
 * @ret stop		Nonzero when found
 */
static int pci_find_cb ( void *ctx, unsigned int id, unsigned int offset ) {
	struct pci_find_ctx *find = ctx;

	if ( id != find->id )
		return 0;
	find->offset = offset;
	return 1;
}

/**
 * Find a classic capability
 *
 * @v pci		PCI access
 * @v dev		Device
 * @v id		Capability ID
 * @v offset		Offset, on success
 * @ret rc		0, -XENOENT if absent, or -XEPCICAP
 */
int pci_find_cap ( struct pci_access *pci, const struct pci_device *dev,
                   unsigned int id, unsigned int *offset ) {
	struct pci_find_ctx find = { .id = id, .offset = 0 };
	int rc;

	if ( ( rc = pci_walk_caps ( pci, dev, pci_find_cb, &find ) ) != 0 )
		return rc;
	if ( !find.offset )
		return -XENOENT;
	*offset = find.offset;
	return 0;
}

/**
 * Find an extended capability
 *
 * @v pci		PCI access
 * @v dev		Device
 * @v id		Extended capability ID
 * @v offset		Offset, on success
 * @ret rc		0, -XENOENT if absent, or -XEPCICAP
 */
int pci_find_ext_cap ( struct pci_access *pci, const struct pci_device *dev,
                       unsigned int id, unsigned int *offset ) {
	struct pci_find_ctx find = { .id = id, .offset = 0 };
	int rc;

	if ( ( rc = pci_walk_ext_caps ( pci, dev, pci_find_cb, &find ) ) != 0 )
		return rc;
	if ( !find.offset )
		return -XENOENT;
	*offset = find.offset;
	return 0;
}

/** Capabilities a device walk records */
struct pci_cap_offsets {
	/** SR-IOV capability, or 0 */
	unsigned int sriov;
	/** ACS capability, or 0 */
	unsigned int acs;
	/** Device flags gathered */
	unsigned int flags;
};

/**
 * Classic capability callback: note the ones the report needs
 *
 * @v ctx		A struct pci_cap_offsets
 * @v id		Capability ID
 * @v offset		Offset
 * @ret stop		Always 0 (walk the whole list)
 */
static int pci_note_cap ( void *ctx, unsigned int id, unsigned int offset ) {
	struct pci_cap_offsets *caps = ctx;

	( void )offset;
	if ( id == PCI_CAP_ID_EXP )
		caps->flags |= PCI_DEV_PCIE;
	else if ( id == PCI_CAP_ID_MSI )
		caps->flags |= PCI_DEV_MSI;
	else if ( id == PCI_CAP_ID_MSIX )
		caps->flags |= PCI_DEV_MSIX;
	return 0;
}

/**
 * Extended capability callback: note the ones the report needs
 *
 * @v ctx		A struct pci_cap_offsets
 * @v id		Extended capability ID
 * @v offset		Offset
 * @ret stop		Always 0 (walk the whole list)
 */
static int pci_note_ext_cap ( void *ctx, unsigned int id,
                              unsigned int offset ) {
	struct pci_cap_offsets *caps = ctx;

	switch ( id ) {
	case PCI_EXT_CAP_ID_SRIOV:
		if ( !caps->sriov )
			caps->sriov = offset;
		break;
	case PCI_EXT_CAP_ID_ACS:
		if ( !caps->acs )
			caps->acs = offset;
		break;
	case PCI_EXT_CAP_ID_ATS:
		caps->flags |= PCI_DEV_ATS;
		break;
	case PCI_EXT_CAP_ID_ARI:
		caps->flags |= PCI_DEV_ARI;
		break;
	default:
		break;
	}
	return 0;
}

/**
 * Check whether some VF BAR has been given an address
 *
 * @v pci		PCI access
 * @v dev		Physical function
 * @v cap		SR-IOV capability offset
 * @ret ok		Nonzero if some memory VF BAR holds a nonzero address
 *
 * A BAR's size cannot be learnt without writing to it, and the probe only
 * reads: an implemented BAR that the firmware left at 0 and an
 * unimplemented BAR look the same, so "no address at all" is the finding.
 */
static int pci_sriov_bars_ok ( struct pci_access *pci,
                               const struct pci_device *dev,
                               unsigned int cap ) {
	unsigned int i;
	uint64_t addr;
	uint32_t bar;

	for ( i = 0; i < PCI_SRIOV_NUM_BARS; i++ ) {
		bar = pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_BAR + i * 4 ),
		                     4 );
		if ( ( bar == 0xffffffffU ) || ( bar & 1 ) )
			continue;
		addr = ( bar & ~0xfU );
		if ( ( ( ( bar >> 1 ) & 3 ) == 2 ) &&
		     ( i + 1 < PCI_SRIOV_NUM_BARS ) ) {
			i++;
			addr |= ( ( uint64_t )pci_dev_read (
			                  pci, dev,
			                  ( cap + PCI_SRIOV_BAR + i * 4 ), 4 )
			          << 32 );
		}
		if ( addr )
			return 1;
	}
	return 0;
}

/**
 * Check that the routing IDs of all VFs stay within a bus range
 *
 * @v sriov		SR-IOV state (total_vfs, vf_offset, vf_stride set)
 * @v pf		Physical function
 * @v bus_limit		Highest bus the upstream bridge forwards to
 *
 * The last VF's routing ID is PF RID + offset + stride * (TotalVFs - 1).
 */
void pci_sriov_check_buses ( struct pci_sriov *sriov,
                             const struct pci_device *pf,
                             unsigned int bus_limit ) {
	uint32_t pf_rid = ( ( ( uint32_t )pf->bus << 8 ) | pf->devfn );
	uint32_t last_rid;

	sriov->bus_limit = bus_limit;
	if ( !sriov->total_vfs ) {
		sriov->last_vf_bus = pf->bus;
		sriov->vf_buses_ok = 1;
		return;
	}
	last_rid = ( pf_rid + sriov->vf_offset +
	             ( uint32_t )sriov->vf_stride *
	                     ( uint32_t )( sriov->total_vfs - 1 ) );
	sriov->last_vf_bus = ( last_rid >> 8 );
	sriov->vf_buses_ok = ( ( last_rid <= 0xffff ) &&
	                       ( sriov->last_vf_bus <= bus_limit ) );
}

/**
 * Decode a device's SR-IOV capability
 *
 * @v pci		PCI access
 * @v dev		Physical function
 * @v cap		SR-IOV capability offset
 */
static void pci_decode_sriov ( struct pci_access *pci, struct pci_device *dev,
                               unsigned int cap ) {
	struct pci_sriov *sriov = &dev->sriov;

	sriov->ctrl = pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_CTRL ), 2 );
	sriov->initial_vfs =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_INITIAL_VF ), 2 );
	sriov->total_vfs =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_TOTAL_VF ), 2 );
	sriov->num_vfs =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_NUM_VF ), 2 );
	sriov->vf_offset =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_VF_OFFSET ), 2 );
	sriov->vf_stride =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_VF_STRIDE ), 2 );
	sriov->vf_device =
	        pci_dev_read ( pci, dev, ( cap + PCI_SRIOV_VF_DID ), 2 );
	sriov->vf_bars_ok = pci_sriov_bars_ok ( pci, dev, cap );
	/* Until the bridges are known, the whole bus space is the limit */
	pci_sriov_check_buses ( sriov, dev, 0xff );
	dev->flags |= PCI_DEV_SRIOV;
}

/**
 * Read one function's header and capabilities
 *
 * @v pci		PCI access
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device and function
 * @v dev		Device to fill
 * @ret rc		0, or -XENOENT if nothing answers there
 */
int pci_probe_device ( struct pci_access *pci, unsigned int seg,
                       unsigned int bus, unsigned int devfn,
                       struct pci_device *dev ) {
	struct pci_cap_offsets caps;
	uint32_t ids;
	uint32_t class_rev;
	uint32_t header;

	/* Is anything there? */
	if ( ( pci_config_read ( pci, seg, bus, devfn, PCI_VENDOR_ID, 4,
	                         &ids ) != 0 ) ||
	     ( ( ids & 0xffff ) == 0xffff ) || ( ( ids & 0xffff ) == 0 ) )
		return -XENOENT;

	/* Header */
	memset ( dev, 0, sizeof ( *dev ) );
	dev->segment = seg;
	dev->bus = bus;
	dev->devfn = devfn;
	dev->iommu = -1;
	dev->vendor = ( ids & 0xffff );
	dev->device = ( ids >> 16 );
	class_rev = pci_dev_read ( pci, dev, PCI_REVISION, 4 );
	dev->revision = ( class_rev & 0xff );
	dev->class_code = ( class_rev >> 8 );
	header = pci_dev_read ( pci, dev, PCI_HEADER_TYPE, 1 );
	dev->header_type = ( header & 0x7f );
	if ( header & PCI_HEADER_MULTI )
		dev->flags |= PCI_DEV_MULTI;
	if ( dev->header_type == PCI_HEADER_BRIDGE ) {
		dev->flags |= PCI_DEV_BRIDGE;
		dev->secondary =
		        pci_dev_read ( pci, dev, PCI_SECONDARY_BUS, 1 );
		dev->subordinate =
		        pci_dev_read ( pci, dev, PCI_SUBORDINATE_BUS, 1 );
	}

	/* Classic capabilities */
	memset ( &caps, 0, sizeof ( caps ) );
	if ( pci_walk_caps ( pci, dev, pci_note_cap, &caps ) != 0 )
		dev->flags |= PCI_DEV_CAP_BROKEN;
	dev->flags |= caps.flags;

	/* Extended capabilities: PCI Express functions with ECAM only */
	if ( ( dev->flags & PCI_DEV_PCIE ) &&
	     ( pci_config_read ( pci, seg, bus, devfn, PCI_CONFIG_SIZE_LEGACY,
	                         4, &header ) == 0 ) ) {
		dev->flags |= PCI_DEV_EXTCFG;
		caps.flags = 0;
		if ( pci_walk_ext_caps ( pci, dev, pci_note_ext_cap, &caps ) !=
		     0 )
			dev->flags |= PCI_DEV_CAP_BROKEN;
		dev->flags |= caps.flags;
	}

	/* Decode what the report shows */
	if ( caps.sriov )
		pci_decode_sriov ( pci, dev, caps.sriov );
	if ( caps.acs ) {
		dev->flags |= PCI_DEV_ACS;
		dev->acs_cap = pci_dev_read ( pci, dev,
		                              ( caps.acs + PCI_ACS_CAP ), 2 );
		dev->acs_ctrl = pci_dev_read ( pci, dev,
		                               ( caps.acs + PCI_ACS_CTRL ), 2 );
	}
	return 0;
}

/**
 * Add a device to the scan
 *
 * @v scan		Scan
 * @v dev		Device
 */
static void pci_scan_add ( struct pci_scan *scan,
                           const struct pci_device *dev ) {
	if ( scan->count < scan->max )
		scan->devs[scan->count++] = *dev;
	else
		scan->dropped++;
}

/**
 * Scan one bus
 *
 * @v pci		PCI access
 * @v scan		Scan
 * @v seg		Segment
 * @v bus		Bus
 * @v buses		Buses still to scan (bridges add theirs), or NULL
 */
static void pci_scan_bus ( struct pci_access *pci, struct pci_scan *scan,
                           unsigned int seg, unsigned int bus,
                           uint32_t *buses ) {
	struct pci_device dev;
	unsigned int slot;
	unsigned int fn;

	for ( slot = 0; slot < 32; slot++ ) {
		for ( fn = 0; fn < 8; fn++ ) {
			if ( pci_probe_device ( pci, seg, bus,
			                        PCI_DEVFN ( slot, fn ),
			                        &dev ) != 0 ) {
				/* No function 0: no device */
				if ( fn == 0 )
					break;
				continue;
			}
			pci_scan_add ( scan, &dev );
			if ( buses && ( dev.flags & PCI_DEV_BRIDGE ) &&
			     ( dev.secondary > bus ) )
				buses[dev.secondary / 32] |=
				        ( 1U << ( dev.secondary % 32 ) );
			if ( ( fn == 0 ) && !( dev.flags & PCI_DEV_MULTI ) )
				break;
		}
	}
}

/**
 * Find the highest bus that routes to a device's bus
 *
 * @v pci		PCI access
 * @v scan		Scan
 * @v dev		Device
 * @ret limit		Subordinate bus of the bridge above, else the end
 *			of the segment's ECAM window (or 255)
 */
static unsigned int pci_bus_limit ( struct pci_access *pci,
                                    const struct pci_scan *scan,
                                    const struct pci_device *dev ) {
	const struct pci_device *bridge;
	const struct pci_ecam *ecam;
	unsigned int i;

	for ( i = 0; i < scan->count; i++ ) {
		bridge = &scan->devs[i];
		if ( ( bridge->flags & PCI_DEV_BRIDGE ) &&
		     ( bridge->segment == dev->segment ) &&
		     ( bridge->secondary == dev->bus ) &&
		     ( bridge->bus != dev->bus ) )
			return bridge->subordinate;
	}
	ecam = pci_ecam_find ( pci->ecam, pci->ecam_count, dev->segment,
	                       dev->bus );
	return ( ecam ? ecam->bus_end : 0xff );
}

/**
 * Enumerate every segment and bus
 *
 * @v pci		PCI access
 * @v scan		Scan (devs and max set by the caller)
 * @ret rc		0, or -XENOSPC if devices had to be dropped
 *
 * With ECAM windows every bus of every window is scanned; without them,
 * bus 0 of segment 0 and every bus behind a bridge found on the way.
 */
int pci_scan_all ( struct pci_access *pci, struct pci_scan *scan ) {
	uint32_t buses[256 / 32];
	struct pci_device *dev;
	const struct pci_ecam *ecam;
	unsigned int bus;
	unsigned int i;

	scan->count = 0;
	scan->dropped = 0;

	if ( pci->ecam_count ) {
		for ( i = 0; i < pci->ecam_count; i++ ) {
			ecam = &pci->ecam[i];
			for ( bus = ecam->bus_start; bus <= ecam->bus_end;
			      bus++ )
				pci_scan_bus ( pci, scan, ecam->segment, bus,
				               NULL );
		}
	} else {
		/* Bridges only point forward, so one ascending pass works */
		memset ( buses, 0, sizeof ( buses ) );
		buses[0] = 1;
		for ( bus = 0; bus < 256; bus++ ) {
			if ( buses[bus / 32] & ( 1U << ( bus % 32 ) ) )
				pci_scan_bus ( pci, scan, 0, bus, buses );
		}
	}

	/* Now that the bridges are known, check where the VFs land */
	for ( i = 0; i < scan->count; i++ ) {
		dev = &scan->devs[i];
		if ( dev->flags & PCI_DEV_SRIOV )
			pci_sriov_check_buses (
			        &dev->sriov, dev,
			        pci_bus_limit ( pci, scan, dev ) );
	}
	return ( scan->dropped ? -XENOSPC : 0 );
}

/**
 * Find a device in a scan
 *
 * @v scan		Scan
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device and function
 * @ret dev		Device, or NULL
 */
const struct pci_device *pci_find_device ( const struct pci_scan *scan,
                                           unsigned int seg, unsigned int bus,
                                           unsigned int devfn ) {
	const struct pci_device *dev;
	unsigned int i;

	for ( i = 0; i < scan->count; i++ ) {
		dev = &scan->devs[i];
		if ( ( dev->segment == seg ) && ( dev->bus == bus ) &&
		     ( dev->devfn == devfn ) )
			return dev;
	}
	return NULL;
}
