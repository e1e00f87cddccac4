#pragma once
// Shared by every test that runs a program or reads a committed fixture:
// run a process with a timeout and collect its status and output (runProgram,
// runCli for quantscope-cli), and the path of a file under tests/data (dataPath).
// QS_CLI_PATH and QS_TEST_DATA_DIR are defined for every test by qs_add_test
// (tests/CMakeLists.txt).
#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <string>

namespace qs::test {

struct Run
{
    int status = -1; // -1: did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};

// The environment of a machine without a login session: no XDG_RUNTIME_DIR
// (the CI containers', where Qt used to warn on stderr).
inline QProcessEnvironment plainEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

inline Run runProgram(const QString& program, const QStringList& args,
                      const QProcessEnvironment& env = plainEnvironment(), const QString& workDir = {},
                      int timeoutMs = 300000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(timeoutMs))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The bytes of a safetensors file holding one F32 value per tensor: `jsonNames`
// are the names as JSON string text (escapes allowed, e.g. "\\ud800"), `values` theirs.
inline QByteArray safetensorsOfScalars(const QList<QByteArray>& jsonNames, const QList<float>& values)
{
    QByteArray header = "{", data;
    for (qsizetype i = 0; i < jsonNames.size(); ++i) {
        header += (i ? "," : "") + QByteArray("\"") + jsonNames[i] + "\":{\"dtype\":\"F32\",\"shape\":[1]," +
                  "\"data_offsets\":[" + QByteArray::number(4 * i) + "," + QByteArray::number(4 * i + 4) + "]}";
        data.append(reinterpret_cast<const char*>(&values[i]), 4);
    }
    header += "}";
    QByteArray file(8, '\0');
    for (int b = 0; b < 8; ++b)
        file[b] = char((quint64(header.size()) >> (8 * b)) & 0xff);
    return file + header + data;
}

#ifdef QS_CLI_PATH
inline Run runCli(const QStringList& args, const QProcessEnvironment& env = plainEnvironment())
{
    return runProgram(QStringLiteral(QS_CLI_PATH), args, env);
}
#endif

#ifdef QS_TEST_DATA_DIR
// A committed fixture: dataPath("npy/f4_le_C.npy") is tests/data/npy/f4_le_C.npy.
inline std::string dataPath(const std::string& relative)
{
    return std::string(QS_TEST_DATA_DIR) + "/" + relative;
}

inline QString dataFile(const QString& relative)
{
    return QStringLiteral(QS_TEST_DATA_DIR "/") + relative;
}
#endif

} // namespace qs::test
