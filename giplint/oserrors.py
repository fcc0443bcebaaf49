"""Why the system refused a file, in Chinese: ``exc.strerror`` is the C library's English
("No such file or directory"), which an editor should not have to read."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在位置只读",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "文件已存在",
    errno.ELOOP: "符号链接循环",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "读写出错",
    errno.EBUSY: "文件正被占用",
    errno.EINVAL: "路径无效",
    errno.EXDEV: "不能跨磁盘移动",
}


def reason(exc: OSError) -> str:
    """The Chinese reason of an OSError (its errno), e.g. 文件或文件夹不存在; an errno not listed
    is named by its number, never by the English text."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return f"系统错误 {exc.errno}" if exc.errno else "系统错误"
