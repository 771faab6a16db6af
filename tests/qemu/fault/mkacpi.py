#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""mkacpi.py: write the damaged ACPI tables the fault-injection cases give
QEMU with -acpitable file=...  QEMU recomputes the checksum of such a
table (measured: a DMAR written off by one reaches the guest with a good
checksum) and refuses a header length that differs from the file's size,
so the damage that survives is an impossible length inside the table.

  ivrs-badlen.aml  IVRS: one IVHD 11h (IOMMU at 00:00.2, MMIO 0xfeb80000)
                   selecting 00:00.0, whose length says 0x200 where the
                   table holds 44 bytes of it
  dmar-badlen.aml  DMAR: a DRHD (INCLUDE_PCI_ALL, 0xfed91000) whose length
                   says 0x100 where the table holds 24 bytes of it

A bad checksum reaches a BIOS guest another way: with -machine acpi=off
QEMU writes no tables of its own, and SeaBIOS runs whatever table-loader
script fw_cfg holds (QEMU's "linker/loader": allocate, add pointer, add
checksum).  The ivrs-badsum.* files are such a set, given with
-fw_cfg name=etc/...,file=...: an RSDP and an RSDT whose checksums
SeaBIOS makes right, and an IVRS (well formed, as in ivrs-badlen but with
the true block length) whose checksum is one off and that no command
touches.  (OVMF installs every table through EFI_ACPI_TABLE_PROTOCOL,
which computes the checksum again, so this works on BIOS only.)

  ivrs-badsum.rsdp    etc/acpi/rsdp, in the F segment
  ivrs-badsum.tables  etc/acpi/tables: RSDT at 0, IVRS at 40
  ivrs-badsum.loader  etc/table-loader: the commands

Run it after changing it; the .aml files are committed next to it."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def table(sig, revision, body):
    """The 36-byte ACPI header before BODY, checksum made right."""
    hdr = bytearray(sig + struct.pack("<IBB", 36 + len(body), revision, 0) +
                    b"XENMB " + b"FAULTINJ" + struct.pack("<I", 1) +
                    b"XNMB" + struct.pack("<I", 1))
    data = hdr + body
    data[9] = (-sum(data)) & 0xff
    return bytes(data)


def ivrs_body(ivhd_len):
    """IVRS contents after the header: IVinfo and one IVHD 11h of
    IVHD_LEN bytes (44 is its true length) selecting 00:00.0."""
    # IVinfo: 64-bit VA, 48-bit PA, 4-level GVA, EFRSup; 8 reserved bytes
    body = struct.pack("<I", (0x40 << 15) | (0x30 << 8) | (2 << 5) | 1)
    body += bytes(8)
    entries = struct.pack("<BHB", 2, 0x0000, 0)          # select 00:00.0
    # IVHD type 11h: the 40-byte header Xen 4.17 wants (EFR image, reserved)
    ivhd = struct.pack("<BBHHHQHHIQQ", 0x11, 0, ivhd_len, 0x0002,
                       0x40, 0xfeb80000, 0, 0, 0, 0, 0)
    return body + ivhd + entries


def ivrs_badlen():
    return table(b"IVRS", 2, ivrs_body(0x200))


# QEMU's table-loader commands (entries of 128 bytes: a u32 command, then
# its arguments; file names are 56 bytes, NUL padded)
LOADER_ALLOCATE = 1
LOADER_ADD_POINTER = 2
LOADER_ADD_CHECKSUM = 3
ZONE_HIGH = 1
ZONE_FSEG = 2
FILE_NAME_LEN = 56


def loader_entry(command, args):
    entry = struct.pack("<I", command) + args
    return entry + bytes(128 - len(entry))


def fname(name):
    return name.encode().ljust(FILE_NAME_LEN, b"\0")


def ivrs_badsum():
    """The three fw_cfg files (rsdp, tables, loader)."""
    ivrs = bytearray(table(b"IVRS", 2, ivrs_body(44)))
    ivrs[9] = (ivrs[9] + 1) & 0xff                       # one off
    rsdt_len = 36 + 4
    # RSDT: one entry, the IVRS's offset in this file (made an address
    # by ADD_POINTER); checksum left 0 for ADD_CHECKSUM
    rsdt = bytearray(table(b"RSDT", 1, struct.pack("<I", rsdt_len)))
    rsdt[9] = 0
    tables = bytes(rsdt) + bytes(ivrs)
    # RSDP (ACPI 1.0, 20 bytes): RSDT address 0 = start of tables
    rsdp = b"RSD PTR " + b"\0" + b"XENMB " + b"\0" + struct.pack("<I", 0)
    rsdp_file, tables_file = "etc/acpi/rsdp", "etc/acpi/tables"
    loader = b""
    loader += loader_entry(LOADER_ALLOCATE, fname(tables_file) +
                           struct.pack("<IB", 64, ZONE_HIGH))
    loader += loader_entry(LOADER_ALLOCATE, fname(rsdp_file) +
                           struct.pack("<IB", 16, ZONE_FSEG))
    loader += loader_entry(LOADER_ADD_POINTER, fname(tables_file) +
                           fname(tables_file) + struct.pack("<IB", 36, 4))
    loader += loader_entry(LOADER_ADD_CHECKSUM, fname(tables_file) +
                           struct.pack("<III", 9, 0, rsdt_len))
    loader += loader_entry(LOADER_ADD_POINTER, fname(rsdp_file) +
                           fname(tables_file) + struct.pack("<IB", 16, 4))
    loader += loader_entry(LOADER_ADD_CHECKSUM, fname(rsdp_file) +
                           struct.pack("<III", 8, 0, len(rsdp)))
    return {"rsdp": rsdp, "tables": tables, "loader": loader}


def dmar_badlen():
    body = struct.pack("<BB", 38, 1) + bytes(10)       # HAW 39 bits, INTR_REMAP
    drhd = struct.pack("<HHBBHQ", 0, 0x100, 1, 0, 0, 0xfed91000)
    drhd += struct.pack("<BBHBB", 1, 8, 0, 0, 0) + bytes(2)  # scope header only
    return table(b"DMAR", 1, body + drhd)


def main():
    for name, make in (("ivrs-badlen", ivrs_badlen),
                       ("dmar-badlen", dmar_badlen)):
        with open(os.path.join(HERE, name + ".aml"), "wb") as f:
            f.write(make())
    for ext, data in ivrs_badsum().items():
        with open(os.path.join(HERE, "ivrs-badsum." + ext), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
