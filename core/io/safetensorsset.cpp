#include "io/safetensorsset.h"

#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/naturalorder.h"
#include "io/safetensors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace qs {
namespace {

struct Shard
{
    std::string path;
    std::unique_ptr<InputFile> file;
    SafetensorsHeader header;
};

class SafetensorsSet : public TensorContainer
{
public:
    explicit SafetensorsSet(const std::string& path) : TensorContainer(path) {}

    std::size_t addShard(const std::string& path)
    {
        for (std::size_t i = 0; i < m_shards.size(); ++i)
            if (m_shards[i].path == path)
                return i;
        Shard s;
        s.path = path;
        s.file = std::make_unique<InputFile>(path);
        s.header = parseSafetensorsHeader(*s.file);
        m_shards.push_back(std::move(s));
        return m_shards.size() - 1;
    }

    void addTensor(std::size_t shard, const SafetensorsEntry& e)
    {
        if (m_where.count(e.name))
            throw IoError(IoErrorKind::DuplicateName, m_path,
                          "tensor '" + e.name + "' is in both '" + m_shards[m_where[e.name].first].path + "' and '" +
                              m_shards[shard].path + "'");
        const std::size_t entry = std::size_t(&e - m_shards[shard].header.tensors.data());
        m_where[e.name] = {shard, entry};
        ContainerTensor t;
        t.name = e.name;
        t.dtype = dtypeName(e.dtype);
        t.shape = e.shape;
        t.count = e.count;
        t.bytes = e.end - e.begin;
        t.slot = m_refs.size();
        m_refs.push_back({shard, entry});
        m_tensors.push_back(std::move(t));
    }

    void finish(const std::string& format)
    {
        m_format = format;
        if (m_shards.size() == 1)
            m_metadata.insert(m_shards.front().header.metadata.begin(), m_shards.front().header.metadata.end());
        sortNaturally(/*namesPrintable=*/true); // parseSafetensorsHeader escaped them
    }

    std::map<std::string, std::string>& metadata() { return m_metadata; }
    const std::vector<Shard>& shards() const { return m_shards; }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const auto [shard, entry] = m_refs[m_tensors[index].slot];
        const Shard& s = m_shards[shard];
        LoadedTensor out = readSafetensorsTensor(*s.file, s.header, s.header.tensors[entry], progress);
        s.file->verifyUnchanged();
        return out;
    }

private:
    std::vector<Shard> m_shards;
    std::vector<std::pair<std::size_t, std::size_t>> m_refs;
    std::map<std::string, std::pair<std::size_t, std::size_t>> m_where;
};

QJsonObject readJsonObject(const std::string& path)
{
    const std::string bytes = readSmallFile(path, std::uint64_t(64) << 20, "safetensors index");
    const std::string_view text(bytes);
    if (const auto bad = firstInvalidUtf8(text); bad >= 0)
        throw IoError(IoErrorKind::BadUtf8, path, "invalid UTF-8 at byte " + std::to_string(bad));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size())), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw IoError(IoErrorKind::BadHeader, path, "not a JSON object: " + err.errorString().toStdString());
    return doc.object();
}

} // namespace

std::unique_ptr<TensorContainer> openSafetensorsFile(const std::string& path)
{
    auto set = std::make_unique<SafetensorsSet>(path);
    const std::size_t shard = set->addShard(path);
    for (const auto& e : set->shards()[shard].header.tensors)
        set->addTensor(shard, e);
    set->finish("safetensors");
    return set;
}

std::unique_ptr<TensorContainer> openSafetensorsIndex(const std::string& indexPath)
{
    const QJsonObject root = readJsonObject(indexPath);
    if (!root.value("weight_map").isObject())
        throw IoError(IoErrorKind::BadHeader, indexPath, "the index has no \"weight_map\" object");
    const std::string folder = QFileInfo(QString::fromStdString(indexPath)).absolutePath().toStdString();
    auto set = std::make_unique<SafetensorsSet>(indexPath);
    const QJsonObject map = root.value("weight_map").toObject();
    std::map<std::string, std::size_t> shardOf;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().isString())
            throw IoError(IoErrorKind::BadHeader, indexPath,
                          "the shard of '" + it.key().toStdString() + "' is not a string");
        const std::string rel = it.value().toString().toStdString();
        auto found = shardOf.find(rel);
        if (found == shardOf.end())
            found = shardOf.emplace(rel, set->addShard(resolveInsideFolder(folder, rel, indexPath, "shard"))).first;
        const std::string name = it.key().toStdString();
        const SafetensorsEntry* e = set->shards()[found->second].header.find(name);
        if (!e)
            throw IoError(IoErrorKind::UnknownTensor, indexPath,
                          "the index puts tensor '" + name + "' in '" + rel + "', which does not hold it");
        set->addTensor(found->second, *e);
    }
    if (root.value("metadata").isObject()) {
        const QJsonObject meta = root.value("metadata").toObject();
        for (auto it = meta.begin(); it != meta.end(); ++it) {
            const QJsonValue v = it.value();
            const std::string text =
                v.isString()   ? v.toString().toStdString()
                : v.isDouble() ? QString::number(v.toDouble(), 'g', 17).toStdString()
                               : QJsonDocument(QJsonObject{{"v", v}}).toJson(QJsonDocument::Compact).toStdString();
            set->metadata()[it.key().toStdString()] = text.substr(0, 200);
        }
    }
    set->finish("safetensors (" + std::to_string(set->shards().size()) + " shards)");
    set->metadata()["shards"] = std::to_string(set->shards().size());
    return set;
}

std::unique_ptr<TensorContainer> openSafetensorsFolder(const std::string& folder)
{
    const QDir dir(QString::fromStdString(folder));
    const QStringList indexes =
        dir.entryList({QStringLiteral("*.safetensors.index.json")}, QDir::Files | QDir::Readable, QDir::Name);
    if (indexes.size() > 1)
        throw IoError(IoErrorKind::BadHeader, folder,
                      "holds " + std::to_string(indexes.size()) + " safetensors indexes; open one of them");
    if (indexes.size() == 1)
        return openSafetensorsIndex(dir.filePath(indexes.front()).toStdString());
    QStringList files = dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files | QDir::Readable, QDir::Name);
    if (files.isEmpty())
        throw IoError(IoErrorKind::NotFound, folder, "holds no .safetensors files");
    std::sort(files.begin(), files.end(),
              [](const QString& a, const QString& b) { return naturalLess(a.toStdString(), b.toStdString()); });
    auto set = std::make_unique<SafetensorsSet>(folder);
    for (const QString& f : files) {
        const std::size_t shard = set->addShard(dir.filePath(f).toStdString());
        for (const auto& e : set->shards()[shard].header.tensors)
            set->addTensor(shard, e);
    }
    const std::size_t n = set->shards().size();
    set->finish(n == 1 ? std::string("safetensors") : "safetensors (" + std::to_string(n) + " files)");
    return set;
}

} // namespace qs
