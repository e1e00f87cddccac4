/* A full disk on demand, for the tests of the atomic writer (tests/io, tests/ui).
 * Loaded with LD_PRELOAD, it wraps write, writev, pwrite, fsync, fdatasync and
 * close. It does nothing unless QS_FAULT_PATH is set; then, for a file
 * descriptor whose path (as /proc/self/fd shows it) contains that text:
 *   QS_FAULT_ON=write (default): the first QS_FAULT_AFTER bytes (default 0) of
 *     the file are written, the write that crosses that count is cut short
 *     there, and every later write fails - as write(2) behaves when a disk fills;
 *   QS_FAULT_ON=fsync: fsync/fdatasync fail (a network file system or a quota
 *     reports the full disk only when the data is flushed);
 *   QS_FAULT_ON=close: close fails after closing (NFS reports late errors there).
 * The failure is errno QS_FAULT_ERRNO (default ENOSPC, "No space left on device").
 * Settings are read on every call, so a test may change them between steps.
 * Plain C, no sanitizer: it only forwards to the next definition (dlsym RTLD_NEXT). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FD 4096
static long long g_written[MAX_FD];

static int matches(int fd)
{
    const char* want = getenv("QS_FAULT_PATH");
    if (!want || !*want || fd < 0)
        return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    return strstr(path, want) != NULL;
}

static int faultOn(const char* op)
{
    const char* on = getenv("QS_FAULT_ON");
    return strcmp(on && *on ? on : "write", op) == 0;
}

static int faultErrno(void)
{
    const char* e = getenv("QS_FAULT_ERRNO");
    return e && *e ? atoi(e) : ENOSPC;
}

/* Bytes the file may still take (a large number when unlimited). */
static long long budget(int fd)
{
    const char* after = getenv("QS_FAULT_AFTER");
    const long long limit = after && *after ? atoll(after) : 0;
    const long long used = fd < MAX_FD ? g_written[fd] : 0;
    return limit > used ? limit - used : 0;
}

static void account(int fd, ssize_t n)
{
    if (n > 0 && fd >= 0 && fd < MAX_FD)
        g_written[fd] += n;
}

ssize_t write(int fd, const void* buf, size_t count)
{
    static ssize_t (*real)(int, const void*, size_t);
    if (!real)
        real = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    if (count == 0 || !faultOn("write") || !matches(fd))
        return real(fd, buf, count);
    const long long left = budget(fd);
    if (left <= 0) {
        errno = faultErrno();
        return -1;
    }
    const ssize_t n = real(fd, buf, count < (size_t)left ? count : (size_t)left);
    account(fd, n);
    return n;
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset)
{
    static ssize_t (*real)(int, const void*, size_t, off_t);
    if (!real)
        real = (ssize_t(*)(int, const void*, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    if (count == 0 || !faultOn("write") || !matches(fd))
        return real(fd, buf, count, offset);
    const long long left = budget(fd);
    if (left <= 0) {
        errno = faultErrno();
        return -1;
    }
    const ssize_t n = real(fd, buf, count < (size_t)left ? count : (size_t)left, offset);
    account(fd, n);
    return n;
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset)
{
    return pwrite(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt)
{
    static ssize_t (*real)(int, const struct iovec*, int);
    if (!real)
        real = (ssize_t(*)(int, const struct iovec*, int))dlsym(RTLD_NEXT, "writev");
    if (!faultOn("write") || !matches(fd))
        return real(fd, iov, iovcnt);
    long long left = budget(fd);
    if (left <= 0) {
        errno = faultErrno();
        return -1;
    }
    /* Write what fits, one piece at a time: a short count, as a filling disk gives. */
    ssize_t total = 0;
    for (int i = 0; i < iovcnt && left > 0; ++i) {
        const size_t len = iov[i].iov_len < (size_t)left ? iov[i].iov_len : (size_t)left;
        const ssize_t n = write(fd, iov[i].iov_base, len);
        if (n < 0)
            return total > 0 ? total : -1;
        total += n;
        left -= n;
        if ((size_t)n < iov[i].iov_len)
            break;
    }
    return total;
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (faultOn("fsync") && matches(fd)) {
        errno = faultErrno();
        return -1;
    }
    return real(fd);
}

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    if (faultOn("fsync") && matches(fd)) {
        errno = faultErrno();
        return -1;
    }
    return real(fd);
}

int close(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "close");
    const int fail = faultOn("close") && matches(fd);
    if (fd >= 0 && fd < MAX_FD)
        g_written[fd] = 0;
    const int r = real(fd);
    if (fail && r == 0) {
        errno = faultErrno();
        return -1;
    }
    return r;
}

/* Lets a test check that the shim is in the process (dlsym(RTLD_DEFAULT, ...)). */
int qs_fault_shim_loaded(void)
{
    return 1;
}
