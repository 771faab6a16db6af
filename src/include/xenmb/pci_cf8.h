/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * PCI configuration access through I/O ports 0xCF8/0xCFC
 */
#ifndef XENMB_PCI_CF8_H
#define XENMB_PCI_CF8_H

#include <stdint.h>

struct platform;

extern int pci_cf8_read ( struct platform *plat, unsigned int seg,
                          unsigned int bus, unsigned int devfn,
                          unsigned int reg, unsigned int width, uint32_t *val );

#endif /* XENMB_PCI_CF8_H */
