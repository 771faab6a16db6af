#!/usr/bin/env python3
"""mkacpi.py: write the damaged ACPI tables the fault-injection cases give
QEMU with -acpitable file=... (QEMU keeps a table's checksum as the file
has it, but refuses a header length that differs from the file's size, so
an impossible length is put inside the table, in a sub-structure).

  ivrs-badsum.aml  IVRS: one IVHD (IOMMU at 00:00.2, MMIO 0xfeb80000)
                   selecting 00:00.0, checksum off by one
  dmar-badlen.aml  DMAR: a DRHD (INCLUDE_PCI_ALL, 0xfed91000) whose length
                   says 0x100 where the table holds 24 bytes of it

Run it after changing it; the .aml files are committed next to it."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def table(sig, revision, body, skew=0):
    """The 36-byte ACPI header before BODY; checksum made right, then
    moved by SKEW."""
    hdr = bytearray(sig + struct.pack("<IBB", 36 + len(body), revision, 0) +
                    b"XENMB " + b"FAULTINJ" + struct.pack("<I", 1) +
                    b"XNMB" + struct.pack("<I", 1))
    data = hdr + body
    data[9] = (-sum(data) + skew) & 0xff
    return bytes(data)


def ivrs_badsum():
    # IVinfo: 64-bit VA, 48-bit PA, 4-level GVA; then 8 reserved bytes
    body = struct.pack("<I", (0x40 << 15) | (0x30 << 8) | (2 << 5))
    body += bytes(8)
    entries = struct.pack("<BHB", 2, 0x0000, 0)          # select 00:00.0
    ivhd = struct.pack("<BBHHHQHHI", 0x10, 0, 24 + len(entries), 0x0002,
                       0x40, 0xfeb80000, 0, 0, 0)
    return table(b"IVRS", 2, body + ivhd + entries, skew=1)


def dmar_badlen():
    body = struct.pack("<BB", 38, 1) + bytes(10)       # HAW 39 bits, INTR_REMAP
    drhd = struct.pack("<HHBBHQ", 0, 0x100, 1, 0, 0, 0xfed91000)
    drhd += struct.pack("<BBHBB", 1, 8, 0, 0, 0) + bytes(2)  # scope header only
    return table(b"DMAR", 1, body + drhd)


def main():
    for name, make in (("ivrs-badsum", ivrs_badsum),
                       ("dmar-badlen", dmar_badlen)):
        with open(os.path.join(HERE, name + ".aml"), "wb") as f:
            f.write(make())


if __name__ == "__main__":
    main()
