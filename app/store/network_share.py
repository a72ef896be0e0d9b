"""Is a file on a network share? SQLite's locking is unsafe there (sqlite.org says so).

The mount table and the Windows drive type are passed in by tests; by default they are read
from the system: /proc/mounts on Linux, `mount` on macOS, GetDriveTypeW on Windows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs",
        "ncpfs", "afs", "ceph", "glusterfs", "lustre", "sshfs", "fuse.sshfs", "fuse.davfs2",
        "fuse.glusterfs", "fuse.ceph", "fuse.rclone", "fuse.s3fs", "osxfuse", "macfuse",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive
_MAC_MOUNT_LINE = re.compile(r"^(?P<device>.+?) on (?P<point>.+) \((?P<type>[^,)]+)")


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str


def parse_proc_mounts(text: str) -> list[Mount]:
    """Linux /proc/mounts: `device point type options dump pass`, spaces escaped as \\040."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1])
            mounts.append(Mount(point, parts[2]))
    return mounts


def parse_mac_mount(text: str) -> list[Mount]:
    """macOS `mount`: `//user@server/share on /Volumes/share (smbfs, nodev, nosuid)`."""
    mounts = []
    for line in text.splitlines():
        match = _MAC_MOUNT_LINE.match(line)
        if match:
            mounts.append(Mount(match["point"], match["type"].strip()))
    return mounts


def system_mounts(platform: str = sys.platform) -> list[Mount]:
    """The mount table of this machine; empty when it cannot be read."""
    try:
        if platform.startswith("linux"):
            with open("/proc/mounts", encoding="utf-8", errors="replace") as table:
                return parse_proc_mounts(table.read())
        if platform == "darwin":
            output = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=True
            ).stdout
            return parse_mac_mount(output)
    except (OSError, subprocess.SubprocessError):
        return []
    return []


def filesystem_of(path: PurePath, mounts: Iterable[Mount]) -> str | None:
    """The type of the filesystem holding `path`: its longest enclosing mount point wins."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) > len(PurePosixPath(best.point).parts)
        ):
            best = mount
    return best.fstype if best else None


def _windows_drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll")  # noqa: B009 - only exists on Windows
    return int(windll.kernel32.GetDriveTypeW(root))


def is_on_windows_share(path: str, drive_type: Callable[[str], int] | None = None) -> bool:
    windows_path = PureWindowsPath(path)
    drive = windows_path.drive
    # \\server\share is a UNC path; \\?\C:\ and \\.\C:\ are local paths in long form.
    if drive.startswith(("\\\\", "//")) and not re.match(r"^[\\/]{2}[?.][\\/][A-Za-z]:", drive):
        return True
    if re.fullmatch(r"[A-Za-z]:", drive):
        return (drive_type or _windows_drive_type)(drive + "\\") == DRIVE_REMOTE
    return False


def is_on_network_share(
    path: str | os.PathLike[str],
    *,
    platform: str = sys.platform,
    mounts: Iterable[Mount] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True when `path` (which need not exist yet) lies on a network filesystem."""
    if platform == "win32":
        # realpath turns a mapped drive or a link into the UNC path behind it, where it can.
        names = {os.fspath(path)} if drive_type else {os.fspath(path), os.path.realpath(path)}
        return any(is_on_windows_share(name, drive_type) for name in names)
    # Symbolic links are followed: a link in the home folder may point into an NFS mount.
    real = PurePosixPath(os.path.realpath(path)) if mounts is None else PurePosixPath(path)
    fstype = filesystem_of(real, system_mounts(platform) if mounts is None else mounts)
    return fstype is not None and fstype.lower() in NETWORK_FILESYSTEMS
