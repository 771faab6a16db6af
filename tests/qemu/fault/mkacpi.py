#!/usr/bin/env python3
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


def ivrs_badlen():
    # IVinfo: 64-bit VA, 48-bit PA, 4-level GVA, EFRSup; 8 reserved bytes
    body = struct.pack("<I", (0x40 << 15) | (0x30 << 8) | (2 << 5) | 1)
    body += bytes(8)
    entries = struct.pack("<BHB", 2, 0x0000, 0)          # select 00:00.0
    # IVHD type 11h: the 40-byte header Xen 4.17 wants (EFR image, reserved)
    ivhd = struct.pack("<BBHHHQHHIQQ", 0x11, 0, 0x200, 0x0002,
                       0x40, 0xfeb80000, 0, 0, 0, 0, 0)
    return table(b"IVRS", 2, body + ivhd + entries)


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


if __name__ == "__main__":
    main()
