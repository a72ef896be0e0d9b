"""Network shares are found from the mount table or the Windows drive type, both injected."""

from __future__ import annotations

import pytest

from app.store.network_share import (
    DRIVE_REMOTE,
    Mount,
    is_on_network_share,
    parse_mac_mount,
    parse_proc_mounts,
)

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /home/clerk/local\\040disk ext4 rw 0 0
//nas/books /mnt/books cifs rw,vers=3.0 0 0
clerk@host:/srv /mnt/ssh fuse.sshfs rw 0 0
"""

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//clerk@nas._smb._tcp.local/Books on /Volumes/Books (smbfs, nodev, nosuid, mounted by clerk)
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/var/lib/books.sqlite3", False),
        ("/home/clerk/books.sqlite3", True),
        ("/home/clerk/local disk/books.sqlite3", False),
        ("/mnt/books/invoice-batches.sqlite3", True),
        ("/mnt/ssh/a/b/c.sqlite3", True),
        ("/mnt/booksellers/x.sqlite3", False),
    ],
)
def test_linux_mount_table(path: str, network: bool) -> None:
    mounts = parse_proc_mounts(PROC_MOUNTS)
    assert Mount("/home/clerk/local disk", "ext4") in mounts
    assert is_on_network_share(path, platform="linux", mounts=mounts) is network


def test_mac_mount_output() -> None:
    mounts = parse_mac_mount(MAC_MOUNT)
    assert mounts[2] == Mount("/Volumes/Books", "smbfs")
    assert is_on_network_share("/Volumes/Books/b.sqlite3", platform="darwin", mounts=mounts)
    assert not is_on_network_share("/Users/clerk/b.sqlite3", platform="darwin", mounts=mounts)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"\\nas\books\invoice-batches.sqlite3", True),
        ("//nas/books/invoice-batches.sqlite3", True),
        (r"\\?\C:\Users\clerk\books.sqlite3", False),
        (r"C:\Users\clerk\books.sqlite3", False),
        (r"Z:\books.sqlite3", True),
    ],
)
def test_windows_paths(path: str, network: bool) -> None:
    def drive_type(root: str) -> int:
        return DRIVE_REMOTE if root.upper() == "Z:\\" else 3  # 3: a fixed disk

    assert is_on_network_share(path, platform="win32", drive_type=drive_type) is network
