#include "io/ioerror.h"

namespace qs {

const char* toString(IoErrorKind kind)
{
    switch (kind) {
    case IoErrorKind::NotFound: return "not-found";
    case IoErrorKind::Empty: return "empty";
    case IoErrorKind::Truncated: return "truncated";
    case IoErrorKind::BadMagic: return "bad-magic";
    case IoErrorKind::BadHeader: return "bad-header";
    case IoErrorKind::BadShape: return "bad-shape";
    case IoErrorKind::TooLarge: return "too-large";
    case IoErrorKind::SizeMismatch: return "size-mismatch";
    case IoErrorKind::UnsupportedDtype: return "unsupported-dtype";
    case IoErrorKind::Refused: return "refused";
    case IoErrorKind::BadUtf8: return "bad-utf8";
    case IoErrorKind::BadOffsets: return "bad-offsets";
    case IoErrorKind::DuplicateName: return "duplicate-name";
    case IoErrorKind::UnknownTensor: return "unknown-tensor";
    case IoErrorKind::BadText: return "bad-text";
    case IoErrorKind::WriteFailed: return "write-failed";
    case IoErrorKind::Changed: return "changed";
    case IoErrorKind::ReadFailed: return "read-failed";
    }
    return "?";
}

} // namespace qs
