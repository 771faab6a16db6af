/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's version
 */
#ifndef XENMB_XENMB_H
#define XENMB_XENMB_H

/** Version string */
#define XENMB_VERSION "0.1"

#endif /* XENMB_XENMB_H */
