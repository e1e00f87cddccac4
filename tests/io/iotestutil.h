#pragma once
// Helpers shared by the io tests: the corpus location, reading the reference
// manifest (tests/data/corpus.json, made by NumPy) and bitwise float checks.
#include "common/testutil.h"
#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

namespace qs::iotest {

using qs::test::dataPath;

inline QJsonObject manifest()
{
    QFile f(QString::fromStdString(dataPath("corpus.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QByteArray readAll(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline std::span<const std::byte> bytesOf(const QByteArray& a)
{
    return {reinterpret_cast<const std::byte*>(a.constData()), std::size_t(a.size())};
}

inline std::uint32_t bitsOf(float f)
{
    return std::bit_cast<std::uint32_t>(f);
}

// Bit-identical, except that any NaN equals any NaN (payloads are not part of
// the contract: hardware conversions may quiet a signalling NaN).
inline bool sameFloat(float a, float b)
{
    return (std::isnan(a) && std::isnan(b)) || bitsOf(a) == bitsOf(b);
}

} // namespace qs::iotest
