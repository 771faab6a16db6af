# SPDX-License-Identifier: GPL-2.0-or-later
"""labkit: the parts of xenmb's QEMU lab shared by tests/qemu/run,
scripts/demo and scripts/lab.

  Namespace    a network namespace made for one run, with lo up
  Servers      nginx (always) and rpcbind + ganesha.nfsd (on request)
               inside that namespace, stopped by PID
  build_dom0_initrd
               the busybox initramfs whose /init prints a marker and
               /proc/cmdline, then powers off (cached, rebuilt on change)
  build_nfs_initrd
               the dom0 initramfs that loads the NFS modules, takes a
               DHCP lease and switch_roots onto an NFS export
  build_esp    a FAT image holding Debian's ipxe.efi as EFI/BOOT/BOOTX64.EFI
  Qemu         one QEMU started inside the namespace, its serial console
               read line by line and stamped with seconds since start

Everything started here is recorded by PID and stopped by PID; nothing
else on the machine is touched.  Python 3 standard library only.
"""

import gzip
import hashlib
import os
import re
import selectors
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("XENMB_CACHE", "/var/cache/xenmb")
IPXE_LKRN = "/usr/lib/ipxe/ipxe.lkrn"
IPXE_EFI = "/usr/lib/ipxe/ipxe.efi"
OVMF_CODE = "/usr/share/OVMF/OVMF_CODE.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS.fd"
BUSYBOX = "/bin/busybox"
RPCBIND_SOCK = "/run/rpcbind.sock"

# Address at which a slirp guest reaches the namespace's 127.0.0.1
SERVER = "10.0.2.2"

# Lines the dom0 initramfs prints
DOM0_MARKER = "XENMB-DOM0-UP"
DOM0_CMDLINE = "XENMB-CMDLINE: "

DOM0_INIT = """#!/bin/busybox sh
# xenmb test dom0: prove that dom0 runs and show the command line it got
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev
echo "%s"
echo "%s$(/bin/busybox cat /proc/cmdline)"
/bin/busybox sync
/bin/busybox poweroff -f
""" % (DOM0_MARKER, DOM0_CMDLINE)


def log(msg):
    """Print one progress line at once."""
    print(msg, flush=True)


# ---------------------------------------------------------------- files


def _newc_entry(name, mode, data=b"", rdev=(0, 0), ino=1):
    """One newc cpio entry (header, name, data, each padded to 4)."""
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
        len(name_b), 0))
    out = hdr.encode() + name_b
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def _busybox_entries(busybox):
    """The cpio entries every test initramfs starts with: /dev/console,
    /proc, /sys and busybox as /bin/sh."""
    return [
        ("dev", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("dev/console", stat.S_IFCHR | 0o600, b"", (5, 1)),
        ("proc", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("sys", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("bin", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("bin/busybox", stat.S_IFREG | 0o755, busybox, (0, 0)),
        ("bin/sh", stat.S_IFLNK | 0o777, b"busybox", (0, 0)),
    ]


def _is_current(out, key):
    """True if out exists and was built from the inputs hashed as key."""
    stamp = out + ".key"
    if os.path.exists(out) and os.path.exists(stamp):
        with open(stamp) as f:
            return f.read().strip() == key
    return False


def _write_initrd(out, key, entries):
    """Write entries as a gzipped newc archive to out, key beside it."""
    blob = b"".join(_newc_entry(n, m, d, r, i + 1)
                    for i, (n, m, d, r) in enumerate(entries))
    blob += _newc_entry("TRAILER!!!", 0, ino=0)
    tmp = out + ".tmp%d" % os.getpid()
    with gzip.open(tmp, "wb", compresslevel=6) as f:
        f.write(blob)
    os.replace(tmp, out)
    with open(out + ".key", "w") as f:
        f.write(key + "\n")
    return out


def build_dom0_initrd(builddir):
    """Build (or reuse) the test dom0 initramfs; return its path.

    The cache key is a hash of /init and of the busybox binary, so the
    file is rebuilt exactly when one of them changes.
    """
    os.makedirs(builddir, exist_ok=True)
    out = os.path.join(builddir, "dom0-initrd.gz")
    with open(BUSYBOX, "rb") as f:
        busybox = f.read()
    key = hashlib.sha256(DOM0_INIT.encode() + busybox).hexdigest()
    if _is_current(out, key):
        return out
    return _write_initrd(out, key, _busybox_entries(busybox) + [
        ("init", stat.S_IFREG | 0o755, DOM0_INIT.encode(), (0, 0))])


# Modules the Debian dom0 kernel needs for an NFSv3 root over e1000, in
# load order (its NFS is modular and it has no nfsroot= or ip=)
NFS_MODULES = ["e1000", "sunrpc", "grace", "lockd", "nfs_acl", "netfs",
               "fscache", "nfs", "nfsv3"]
NFS_MARKER = "XENMB-NFS-MOUNTED"

NFS_INIT = """#!/bin/busybox sh
# xenmb lab dom0 initramfs: load the NFS modules, take a DHCP lease,
# mount the root named by xenmb_nfsroot=SERVER:/PATH and switch_root to it
export PATH=/bin
busybox mount -t proc proc /proc
busybox mount -t sysfs sys /sys
busybox mount -t devtmpfs dev /dev
busybox --install -s /bin
for m in %s; do
    insmod /lib/modules/$m.ko || echo "xenmb-initrd: cannot load $m"
done
root=
opts=ro,nolock,vers=3,proto=tcp,port=2049,mountport=20048,mountproto=tcp
for word in $(cat /proc/cmdline); do
    case "$word" in
    xenmb_nfsroot=*) root="${word#xenmb_nfsroot=}" ;;
    xenmb_nfsopts=*) opts="${word#xenmb_nfsopts=}" ;;
    esac
done
fail() {
    echo "xenmb-initrd: $*"
    sync
    poweroff -f
}
[ -n "$root" ] || fail "no xenmb_nfsroot=SERVER:/PATH on the command line"
server="${root%%%%:*}"
path="${root#*:}"
tries=0
until ip link show eth0 >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 50 ] || fail "no eth0"
    sleep 0.2
done
ip link set eth0 up
udhcpc -i eth0 -s /udhcpc.sh -n -q -t 10 -T 2 || fail "no DHCP lease on eth0"
mkdir -p /nfs /newroot
mount -t nfs -o "$opts,addr=$server" "$server:/export" /nfs ||
    fail "cannot mount $server:/export"
sub="${path#/export}"
mount -o bind "/nfs$sub" /newroot || fail "no $path on $server"
echo "%s $server:$path"
umount /proc /sys /dev 2>/dev/null
exec switch_root /newroot /sbin/init
"""

UDHCPC_SCRIPT = """#!/bin/busybox sh
# udhcpc hook: configure the interface with the lease
case "$1" in
bound|renew)
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
    echo "xenmb-initrd: $interface $ip from ${serverid:-?}"
    ;;
esac
"""


def build_nfs_initrd(builddir, modules_dir=None):
    """Build (or reuse) the dom0 initramfs that mounts its root over NFS
    (busybox, the NFS modules from /var/cache/xenmb/modules); return its
    path.  Rebuilt when /init, busybox or a module changes."""
    modules_dir = modules_dir or os.path.join(CACHE, "modules")
    os.makedirs(builddir, exist_ok=True)
    out = os.path.join(builddir, "dom0-nfs-initrd.gz")
    init = NFS_INIT % (" ".join(NFS_MODULES), NFS_MARKER)
    blobs = {}
    with open(BUSYBOX, "rb") as f:
        busybox = f.read()
    key = hashlib.sha256(init.encode() + UDHCPC_SCRIPT.encode() + busybox)
    for mod in NFS_MODULES:
        path = os.path.join(modules_dir, mod + ".ko")
        if not os.path.exists(path):
            raise RuntimeError("%s is missing (run scripts/setup)" % path)
        with open(path, "rb") as f:
            blobs[mod] = f.read()
        key.update(blobs[mod])
    key = key.hexdigest()
    if _is_current(out, key):
        return out
    entries = _busybox_entries(busybox) + [
        ("lib", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("lib/modules", stat.S_IFDIR | 0o755, b"", (0, 0)),
    ]
    entries += [("lib/modules/%s.ko" % m, stat.S_IFREG | 0o644, blobs[m],
                 (0, 0)) for m in NFS_MODULES]
    entries += [
        ("udhcpc.sh", stat.S_IFREG | 0o755, UDHCPC_SCRIPT.encode(), (0, 0)),
        ("init", stat.S_IFREG | 0o755, init.encode(), (0, 0)),
    ]
    return _write_initrd(out, key, entries)


def build_esp(builddir):
    """Build (or reuse) a FAT image with ipxe.efi as the removable-media
    boot loader EFI/BOOT/BOOTX64.EFI; return its path."""
    os.makedirs(builddir, exist_ok=True)
    out = os.path.join(builddir, "esp-ipxe.img")
    if (os.path.exists(out)
            and os.path.getmtime(out) >= os.path.getmtime(IPXE_EFI)):
        return out
    tmp = out + ".tmp%d" % os.getpid()
    with open(tmp, "wb") as f:
        f.truncate(4 * 1024 * 1024)
    run_quiet(["mkfs.vfat", "-n", "IPXE", tmp])
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    run_quiet(["mmd", "-i", tmp, "::EFI", "::EFI/BOOT"], env=env)
    run_quiet(["mcopy", "-i", tmp, IPXE_EFI, "::EFI/BOOT/BOOTX64.EFI"],
              env=env)
    os.replace(tmp, out)
    return out


def run_quiet(cmd, **kw):
    """Run a command; raise with its output if it fails."""
    res = subprocess.run(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, **kw)
    if res.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (
            " ".join(cmd), res.returncode,
            res.stdout.decode(errors="replace").strip()))
    return res


# ---------------------------------------------------------------- servers


class Namespace:
    """A network namespace created (and later deleted) by this process."""

    def __init__(self, name):
        self.name = name
        self.created = False

    def create(self):
        run_quiet(["ip", "netns", "add", self.name])
        self.created = True
        run_quiet(self.wrap(["ip", "link", "set", "lo", "up"]))

    def wrap(self, cmd):
        """Return cmd prefixed so that it runs inside the namespace."""
        return ["ip", "netns", "exec", self.name] + list(cmd)

    def delete(self):
        if self.created:
            subprocess.run(["ip", "netns", "delete", self.name],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            self.created = False


def stop_pid(proc, grace=5.0):
    """Stop one process we started: SIGTERM, then SIGKILL after grace."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    except ProcessLookupError:
        pass


def wait_port(ns, port, timeout=10.0):
    """Wait until something listens on 127.0.0.1:port inside ns."""
    deadline = time.monotonic() + timeout
    probe = ("import socket,sys\ns=socket.socket()\ns.settimeout(1)\n"
             "sys.exit(s.connect_ex(('127.0.0.1',%d)))" % port)
    while time.monotonic() < deadline:
        if subprocess.run(ns.wrap(["python3", "-c", probe])).returncode == 0:
            return True
        time.sleep(0.2)
    return False


def rpcbind_running():
    """True if some rpcbind on this machine answers on its socket
    (that socket is not namespaced, so only one NFS lab can run)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(RPCBIND_SOCK)
        return True
    except OSError:
        return False
    finally:
        s.close()


NGINX_CONF = """# nginx for one xenmb lab run (written by labkit.py)
daemon off;
master_process on;
worker_processes 1;
user root root;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    types {{ text/plain ipxe cfg txt; }}
    default_type application/octet-stream;
    access_log {state}/nginx-access.log;
    client_body_temp_path {state}/nginx-tmp/body;
    proxy_temp_path {state}/nginx-tmp/proxy;
    fastcgi_temp_path {state}/nginx-tmp/fastcgi;
    uwsgi_temp_path {state}/nginx-tmp/uwsgi;
    scgi_temp_path {state}/nginx-tmp/scgi;
    sendfile on;
    server {{
        listen {listen};
        root {root};
        autoindex off;
    }}
}}
"""

GANESHA_CONF = """# nfs-ganesha for one xenmb lab run (written by labkit.py)
NFS_CORE_PARAM {{
    NFS_Port = 2049;
    MNT_Port = 20048;
    Protocols = 3, 4;
    Enable_NLM = false;
    Enable_RQUOTA = false;
    mount_path_pseudo = true;
}}
NFSV4 {{
    Graceless = true;
    RecoveryBackend = fs;
}}
NFS_KRB5 {{
    Active_krb5 = false;
}}
EXPORT {{
    Export_Id = 1;
    Path = {root};
    Pseudo = /export;
    Access_Type = RO;
    Squash = No_Root_Squash;
    Protocols = 3, 4;
    Transports = TCP, UDP;
    SecType = sys;
    CLIENT {{
        Clients = 127.0.0.1, 10.0.2.0/24, 192.168.42.0/24;
        Access_Type = RO;
    }}
    FSAL {{
        Name = VFS;
    }}
}}
"""


class Servers:
    """nginx, and optionally rpcbind + ganesha.nfsd, inside a namespace,
    serving (read-only) the directory root.  Logs go to state/."""

    def __init__(self, ns, root, state, listen="127.0.0.1:80"):
        self.ns = ns
        # nginx's listen address (scripts/lab serves its bridge too)
        self.listen = listen
        self.root = os.path.abspath(root)
        self.state = os.path.abspath(state)
        self.procs = []
        self.rpcbind_started = False

    def _spawn(self, name, cmd):
        out = open(os.path.join(self.state, name + ".out"), "wb")
        proc = subprocess.Popen(self.ns.wrap(cmd), stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        out.close()
        self.procs.append((name, proc))
        return proc

    def start_http(self):
        os.makedirs(os.path.join(self.state, "nginx-tmp"), exist_ok=True)
        conf = os.path.join(self.state, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(state=self.state, root=self.root,
                                      listen=self.listen))
        proc = self._spawn("nginx", ["nginx", "-e",
                                     os.path.join(self.state,
                                                  "nginx-error.log"),
                                     "-p", self.state, "-c", conf])
        if not wait_port(self.ns, 80) or proc.poll() is not None:
            raise RuntimeError("nginx did not start; see %s/nginx-error.log"
                               % self.state)

    def start_nfs(self):
        if rpcbind_running():
            raise RuntimeError(
                "an rpcbind is already running on this machine (%s "
                "answers); its socket is shared by all namespaces, so only "
                "one NFS lab can run at a time" % RPCBIND_SOCK)
        rpc = self._spawn("rpcbind", ["rpcbind", "-f"])
        self.rpcbind_started = True
        if not wait_port(self.ns, 111) or rpc.poll() is not None:
            raise RuntimeError("rpcbind did not start")
        os.makedirs("/var/lib/nfs/ganesha", exist_ok=True)
        conf = os.path.join(self.state, "ganesha.conf")
        with open(conf, "w") as f:
            f.write(GANESHA_CONF.format(root=self.root))
        gan = self._spawn("ganesha", [
            "ganesha.nfsd", "-F", "-f", conf,
            "-L", os.path.join(self.state, "ganesha.log"),
            "-p", os.path.join(self.state, "ganesha.pid"), "-N", "NIV_EVENT"])
        if not wait_port(self.ns, 2049, 20) or gan.poll() is not None:
            raise RuntimeError("ganesha.nfsd did not start; see %s/ganesha.log"
                               % self.state)
        # mountd registers a little after the NFS port opens
        if not wait_port(self.ns, 20048, 10):
            raise RuntimeError("ganesha's mountd did not start")

    def stop(self):
        """Stop, newest first, exactly the processes started here."""
        for name, proc in reversed(self.procs):
            stop_pid(proc)
        self.procs = []
        if self.rpcbind_started:
            # rpcbind saves its registrations on exit; a later "rpcbind -w"
            # would reload them, so remove what our instance wrote
            for xdr in ("rpcbind.xdr", "portmap.xdr"):
                try:
                    os.unlink(os.path.join("/run/rpcbind", xdr))
                except OSError:
                    pass
            self.rpcbind_started = False


# ---------------------------------------------------------------- QEMU

ANSI = re.compile(r"\x1b\[[0-9;?=]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1bc")


def clean_line(raw):
    """Console bytes to text: drop escapes, carriage returns, NULs."""
    text = raw.decode("utf-8", errors="replace")
    text = ANSI.sub("", text)
    # a carriage return alone redraws the line: keep what was drawn last
    parts = [p for p in text.split("\r") if p != ""]
    text = parts[-1] if parts else ""
    return text.replace("\0", "").rstrip()


class Qemu:
    """One QEMU run inside a namespace, with its serial console watched.

    firmware: "bios" (SeaBIOS + ipxe.lkrn) or "efi" (OVMF + ipxe.efi
    from a FAT drive).  The iPXE script reaches iPXE through slirp's
    DHCP boot file, served by slirp's own TFTP server from tftp_root.
    """

    def __init__(self, ns, firmware, machine, memory, smp, tftp_root,
                 bootfile, extra_args, logpath, esp=None, workdir=None,
                 netdev=None, nic_opts="", bios_boot=None):
        self.ns = ns
        # netdev: the -netdev value (default: slirp with its TFTP boot
        # file); nic_opts: more e1000 properties (",mac=..."); bios_boot:
        # the QEMU arguments that start iPXE on BIOS (default: -kernel
        # ipxe.lkrn; scripts/lab uses the NIC's ROM, "-boot n")
        self.netdev = netdev
        self.nic_opts = nic_opts
        self.bios_boot = bios_boot
        self.firmware = firmware
        self.machine = machine
        self.memory = memory
        self.smp = smp
        self.tftp_root = tftp_root
        self.bootfile = bootfile
        self.extra_args = list(extra_args)
        self.logpath = logpath
        self.esp = esp
        self.workdir = workdir
        self.proc = None
        self.start = None
        self.lines = []  # (seconds, text)

    def command(self):
        cmd = ["qemu-system-x86_64", "-accel", "tcg", "-nographic",
               "-no-reboot", "-machine", self.machine,
               "-m", str(self.memory), "-smp", str(self.smp),
               "-netdev", self.netdev or "user,id=n0,tftp=%s,bootfile=%s" % (
                   self.tftp_root, self.bootfile)]
        if self.firmware == "efi":
            vars_copy = os.path.join(self.workdir, "OVMF_VARS.fd")
            shutil.copyfile(OVMF_VARS, vars_copy)
            cmd += ["-drive", "if=pflash,format=raw,unit=0,readonly=on,"
                    "file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars_copy,
                    "-drive", "file=%s,format=raw,if=ide,snapshot=on"
                    % self.esp,
                    # no NIC option ROM: ipxe.efi drives the e1000 itself
                    "-device", "e1000,netdev=n0,romfile=" + self.nic_opts]
        else:
            cmd += (self.bios_boot if self.bios_boot is not None
                    else ["-kernel", IPXE_LKRN])
            cmd += ["-device", "e1000,netdev=n0" + self.nic_opts]
        return cmd + self.extra_args

    def run(self, on_line, timeout, stop_event=None, registry=None):
        """Run QEMU until on_line(seconds, text, partial) returns True,
        QEMU exits, stop_event is set, or timeout seconds pass.

        Returns "matched", "exited", "timeout" or "stopped".
        """
        cmd = self.ns.wrap(self.command()) if self.ns else self.command()
        logf = open(self.logpath, "w")
        logf.write("# %s\n" % " ".join(cmd))
        self.start = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        if registry is not None:
            registry.add(self.proc)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        buf = b""
        result = "timeout"
        try:
            while True:
                now = time.monotonic() - self.start
                if now >= timeout:
                    result = "timeout"
                    break
                if stop_event is not None and stop_event.is_set():
                    result = "stopped"
                    break
                events = sel.select(min(0.5, timeout - now))
                if not events:
                    if buf and on_line(now, clean_line(buf), True):
                        result = "matched"
                        break
                    continue
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    result = "exited"
                    break
                buf += chunk
                stamp = time.monotonic() - self.start
                done = False
                while b"\n" in buf:
                    raw, buf = buf.split(b"\n", 1)
                    text = clean_line(raw)
                    self.lines.append((stamp, text))
                    logf.write("[%8.3f] %s\n" % (stamp, text))
                    if on_line(stamp, text, False):
                        done = True
                        break
                if done:
                    result = "matched"
                    break
                if buf and on_line(stamp, clean_line(buf), True):
                    result = "matched"
                    break
        finally:
            sel.close()
            if buf:
                text = clean_line(buf)
                stamp = time.monotonic() - self.start
                self.lines.append((stamp, text))
                logf.write("[%8.3f] %s\n" % (stamp, text))
            stop_pid(self.proc)
            if registry is not None:
                registry.discard(self.proc)
            self.proc.stdout.close()
            logf.write("# qemu %s after %.1f s, exit status %s\n" % (
                result, time.monotonic() - self.start, self.proc.returncode))
            logf.close()
        return result
