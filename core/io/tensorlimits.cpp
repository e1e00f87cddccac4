// How big a tensor may be before anything is allocated, and the UTF-8 check of
// names and headers: the limits every reader applies to a declared shape
// (docs/io.md "Bad input"). Split from dtype.cpp, which keeps the dtypes and
// their conversion to float32.
#include "io/dtype.h"

#include "io/ioerror.h"

#include <QFile>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

namespace qs {

std::int64_t maxTensorElements()
{
    static const std::int64_t limit = [] {
        constexpr std::int64_t hardCap = std::int64_t(1) << 34; // 64 GiB of float32
        std::int64_t availableBytes = std::int64_t(32) << 30;   // when the OS does not say
        // Linux reports the memory a new allocation can get without swapping as MemAvailable.
        QFile meminfo(QStringLiteral("/proc/meminfo"));
        if (meminfo.open(QIODevice::ReadOnly | QIODevice::Text)) {
            for (int i = 0; i < 64 && !meminfo.atEnd(); ++i) {
                const QByteArray line = meminfo.readLine(256);
                if (line.startsWith("MemAvailable:")) {
                    bool ok = false;
                    const qint64 kb = line.mid(13).trimmed().split(' ').value(0).toLongLong(&ok);
                    if (ok && kb > 0)
                        availableBytes = std::int64_t(kb) * 1024;
                    break;
                }
            }
        }
        return std::min(hardCap, std::max<std::int64_t>(availableBytes / 2 / 4, 1 << 20));
    }();
    return limit;
}

std::int64_t shapeProduct(const Shape& shape, const std::string& file)
{
    std::int64_t product = 1;
    bool zero = false;
    for (std::int64_t d : shape) {
        if (d < 0)
            throw IoError(IoErrorKind::BadShape, file,
                          "negative dimension " + std::to_string(d) + " in shape " + Tensor::shapeString(shape));
        if (d == 0) {
            zero = true;
            continue;
        }
        if (product > std::numeric_limits<std::int64_t>::max() / d)
            throw IoError(IoErrorKind::BadShape, file,
                          "shape " + Tensor::shapeString(shape) + " overflows a 64-bit element count");
        product *= d;
    }
    return zero ? 0 : product;
}

void checkMemoryLimit(std::int64_t elements, const Shape& shape, const std::string& file)
{
    if (elements > maxTensorElements())
        throw IoError(IoErrorKind::TooLarge, file,
                      "shape " + Tensor::shapeString(shape) + " has " + std::to_string(elements) +
                          " elements, more than the limit of " + std::to_string(maxTensorElements()) +
                          " (half the available memory as float32)");
}

std::int64_t checkedElementCount(const Shape& shape, const std::string& file)
{
    const std::int64_t n = shapeProduct(shape, file);
    checkMemoryLimit(n, shape, file);
    return n;
}

std::int64_t firstInvalidUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        std::uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return std::int64_t(i); // continuation byte, 0xc0/0xc1 (overlong) or > 0xf4
        }
        if (i + std::size_t(len) > n)
            return std::int64_t(i);
        for (int k = 1; k < len; ++k) {
            const unsigned cc = s[i + std::size_t(k)];
            if ((cc & 0xc0) != 0x80)
                return std::int64_t(i);
            cp = (cp << 6) | (cc & 0x3f);
        }
        const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
            return std::int64_t(i);
        i += std::size_t(len);
    }
    return -1;
}

} // namespace qs
