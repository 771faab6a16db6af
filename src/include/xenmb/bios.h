/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * What the BIOS carrier offers the rest of xenmb
 */
#ifndef XENMB_BIOS_H
#define XENMB_BIOS_H

/** Default wait before rebooting after xenmb_main() returns, in seconds */
#define BIOS_REBOOT_TIMEOUT 30

/**
 * Wait for a key press (keyboard or COM1) or a timeout, then reboot
 *
 * @v seconds		Timeout in seconds; 0 reboots at once
 */
void bios_wait_and_reboot ( unsigned int seconds )
        __attribute__ ( ( noreturn ) );

#endif /* XENMB_BIOS_H */
