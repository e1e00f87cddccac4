#pragma once
// Test side of the full-disk shim (tests/io/faultshim.c, built as the module
// qs_faultshim; its path is QS_FAULT_SHIM). A test main calls
// reexecWithFaultShim() first: without the shim in the process it runs itself
// again with LD_PRELOAD set, so the in-process tests never skip. FaultScope
// turns the fault on for files under one directory, and off again.
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

#include <cstdlib>
#include <cstring>
#include <string>

#include <dlfcn.h>
#include <unistd.h>

namespace qs::faulttest {

inline bool faultShimLoaded()
{
    return dlsym(RTLD_DEFAULT, "qs_fault_shim_loaded") != nullptr;
}

// The environment a process needs to load the shim (also under AddressSanitizer,
// which otherwise insists on being first in the library list).
inline void addShimTo(QProcessEnvironment& env)
{
    QString preload = QStringLiteral(QS_FAULT_SHIM);
    if (env.contains(QStringLiteral("LD_PRELOAD")) && !env.value(QStringLiteral("LD_PRELOAD")).isEmpty())
        preload += QLatin1Char(':') + env.value(QStringLiteral("LD_PRELOAD"));
    env.insert(QStringLiteral("LD_PRELOAD"), preload);
    QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
    env.insert(QStringLiteral("ASAN_OPTIONS"),
               asan.isEmpty() ? QStringLiteral("verify_asan_link_order=0") : asan + ":verify_asan_link_order=0");
}

// Runs this test program again with the shim preloaded, unless it is loaded already.
inline void reexecWithFaultShim(char** argv)
{
    if (faultShimLoaded() || std::getenv("QS_FAULT_REEXEC"))
        return;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    addShimTo(env);
    ::setenv("LD_PRELOAD", env.value(QStringLiteral("LD_PRELOAD")).toLocal8Bit().constData(), 1);
    ::setenv("ASAN_OPTIONS", env.value(QStringLiteral("ASAN_OPTIONS")).toLocal8Bit().constData(), 1);
    ::setenv("QS_FAULT_REEXEC", "1", 1);
    ::execv("/proc/self/exe", argv);
    // exec failed: the tests below report the missing shim.
}

// While it lives, writes to files whose path contains `dir` fail as configured.
class FaultScope
{
public:
    FaultScope(const QString& dir, qint64 after, const char* on = "write")
    {
        ::setenv("QS_FAULT_AFTER", std::to_string(after).c_str(), 1);
        ::setenv("QS_FAULT_ON", on, 1);
        ::setenv("QS_FAULT_PATH", dir.toLocal8Bit().constData(), 1);
    }
    ~FaultScope()
    {
        ::unsetenv("QS_FAULT_PATH");
        ::unsetenv("QS_FAULT_AFTER");
        ::unsetenv("QS_FAULT_ON");
    }
    FaultScope(const FaultScope&) = delete;
    FaultScope& operator=(const FaultScope&) = delete;
};

// The environment of a child process that should see the fault.
inline QProcessEnvironment faultEnvironment(const QString& dir, qint64 after, const char* on = "write")
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    addShimTo(env);
    env.insert(QStringLiteral("QS_FAULT_PATH"), dir);
    env.insert(QStringLiteral("QS_FAULT_AFTER"), QString::number(after));
    env.insert(QStringLiteral("QS_FAULT_ON"), QString::fromLatin1(on));
    return env;
}

} // namespace qs::faulttest
