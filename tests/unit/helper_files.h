/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit-test helper: read a whole file into memory
 */
#ifndef HELPER_FILES_H
#define HELPER_FILES_H

#include <stddef.h>
#include <stdint.h>

uint8_t *helper_read_file ( const char *path, size_t *len );

#endif /* HELPER_FILES_H */
