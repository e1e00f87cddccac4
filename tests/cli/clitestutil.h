#pragma once
// Runs quantscope-cli (QS_CLI_PATH) as a process for the CLI tests.
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace qs::test {

struct CliRun
{
    int status = -1; // -1: crashed or timed out
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

inline CliRun runProgram(const QString& program, const QStringList& args,
                         const QProcessEnvironment& env = plainEnvironment(), const QString& workDir = {},
                         int timeoutMs = 300000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline CliRun runCli(const QStringList& args, const QProcessEnvironment& env = plainEnvironment())
{
    return runProgram(QStringLiteral(QS_CLI_PATH), args, env);
}

} // namespace qs::test
