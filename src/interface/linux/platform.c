/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb-probe: the platform interface on Linux
 *
 * PCI configuration space comes from /sys/bus/pci/devices/<addr>/config
 * (all of it as root, the first 64 bytes otherwise); there is no physical
 * memory access, so the probe reads no IOMMU registers here.  With table
 * dumps (--tables, --table) the platform is "tables" and offers nothing.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include "linux_probe.h"

/** Where Linux shows PCI functions */
#define LINUX_PCI_DEVICES "/sys/bus/pci/devices"

/**
 * Read PCI configuration space through sysfs
 *
 * @v plat		Platform
 * @v seg		Segment
 * @v bus		Bus
 * @v devfn		Device << 3 | function
 * @v reg		Register offset
 * @v width		1, 2 or 4
 * @v val		Value read
 * @ret rc		0, -XENOENT (no such function), -XEIO (not readable)
 */
static int linux_pci_read ( struct platform *plat, unsigned int seg,
                            unsigned int bus, unsigned int devfn,
                            unsigned int reg, unsigned int width,
                            uint32_t *val ) {
	char path[64];
	uint8_t bytes[4];
	unsigned int i;
	ssize_t got;
	int fd;

	( void )plat;
	if ( ( width != 1 ) && ( width != 2 ) && ( width != 4 ) )
		return -XEINVAL;
	snprintf ( path, sizeof ( path ), "%s/%04x:%02x:%02x.%x/config",
	           LINUX_PCI_DEVICES, ( seg & 0xffff ), ( bus & 0xff ),
	           ( ( devfn >> 3 ) & 0x1f ), ( devfn & 7 ) );
	if ( ( fd = open ( path, O_RDONLY ) ) < 0 )
		return -XENOENT;
	got = pread ( fd, bytes, width, reg );
	close ( fd );
	if ( got != ( ssize_t )width )
		return -XEIO;
	*val = 0;
	for ( i = 0; i < width; i++ )
		*val |= ( ( uint32_t )bytes[i] << ( 8 * i ) );
	return 0;
}

/**
 * Fill the platform interface
 *
 * @v plat		Platform to fill
 * @v dumps		Nonzero when probing table dumps (no hardware)
 */
void linux_platform_init ( struct platform *plat, int dumps ) {
	memset ( plat, 0, sizeof ( *plat ) );
	plat->name = ( dumps ? "tables" : "linux" );
	plat->probes_hardware = !dumps;
	if ( !dumps )
		plat->pci_read = linux_pci_read;
}
