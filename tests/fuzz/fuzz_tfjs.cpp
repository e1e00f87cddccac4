// libFuzzer entry for TF.js manifests, read against a fixed 4 KiB shard
// "group1-shard1of1.bin" in a folder made once per run.
#include "formats/error.h"
#include "io/tfjs.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace {
const std::string& shardFolder()
{
    static QTemporaryDir dir;
    static const std::string path = [] {
        QFile shard(dir.filePath("group1-shard1of1.bin"));
        if (shard.open(QIODevice::WriteOnly)) {
            QByteArray bytes(4096, '\0');
            for (int i = 0; i < bytes.size(); ++i)
                bytes[i] = char(i * 37 + 11);
            shard.write(bytes);
        }
        return dir.path().toStdString();
    }();
    return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto c = qs::openTfjs({reinterpret_cast<const std::byte*>(data), size}, "model.json", shardFolder());
        for (const auto& t : c->tensors()) {
            try {
                if (c->read(t).tensor.shape() != t.shape)
                    throw std::logic_error("listed and read shapes disagree");
            } catch (const qs::Error&) {
            }
        }
    } catch (const qs::Error&) {
    }
    return 0;
}
