#include "io/pickle.h"

#include "io/bytecursor.h"
#include "io/ioerror.h"

#include <bit>
#include <cstdio>
#include <cstring>
#include <unordered_map>

namespace qs::pickle {
namespace {

// The storage classes torch.save names in persistent ids (torch/storage.py's
// _dtype_to_storage_type_map, plus the float8 ones of newer releases).
const char* const kStorageTypes[] = {"FloatStorage",  "DoubleStorage", "HalfStorage",          "BFloat16Storage",
                                     "LongStorage",   "IntStorage",    "ShortStorage",         "CharStorage",
                                     "ByteStorage",   "BoolStorage",   "Float8_e4m3fnStorage", "Float8_e5m2Storage",
                                     "UInt16Storage", "UInt32Storage", "UInt64Storage"};

// What REDUCE may build, and from which global.
enum class Builder { None, OrderedDict, RebuildTensorV2, RebuildTensor, RebuildParameter, StorageType };

Builder builderOf(const std::string& name)
{
    if (name == "collections.OrderedDict")
        return Builder::OrderedDict;
    if (name == "torch._utils._rebuild_tensor_v2")
        return Builder::RebuildTensorV2;
    if (name == "torch._utils._rebuild_tensor")
        return Builder::RebuildTensor;
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state")
        return Builder::RebuildParameter;
    for (const char* s : kStorageTypes)
        if (name == std::string("torch.") + s)
            return Builder::StorageType;
    return Builder::None;
}

// Opcodes (Python's Lib/pickletools.py names them and documents their arguments).
enum Op : unsigned char {
    MARK = '(',
    STOP = '.',
    POP = '0',
    POP_MARK = '1',
    DUP = '2',
    NONE = 'N',
    BININT = 'J',
    BININT1 = 'K',
    BININT2 = 'M',
    BINFLOAT = 'G',
    BINSTRING = 'T',
    SHORT_BINSTRING = 'U',
    BINUNICODE = 'X',
    BINBYTES = 'B',
    SHORT_BINBYTES = 'C',
    EMPTY_TUPLE = ')',
    TUPLE = 't',
    EMPTY_LIST = ']',
    APPEND = 'a',
    APPENDS = 'e',
    LIST = 'l',
    EMPTY_DICT = '}',
    SETITEM = 's',
    SETITEMS = 'u',
    DICT = 'd',
    BINGET = 'h',
    LONG_BINGET = 'j',
    BINPUT = 'q',
    LONG_BINPUT = 'r',
    GLOBAL = 'c',
    REDUCE = 'R',
    BUILD = 'b',
    BINPERSID = 'Q',
    PROTO = 0x80,
    NEWOBJ = 0x81,
    TUPLE1 = 0x85,
    TUPLE2 = 0x86,
    TUPLE3 = 0x87,
    NEWTRUE = 0x88,
    NEWFALSE = 0x89,
    LONG1 = 0x8a,
    LONG4 = 0x8b,
    SHORT_BINUNICODE = 0x8c,
    BINUNICODE8 = 0x8d,
    BINBYTES8 = 0x8e,
    STACK_GLOBAL = 0x93,
    MEMOIZE = 0x94,
    FRAME = 0x95,
};

const char* kindName(Value::Kind k)
{
    switch (k) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Float: return "float";
    case Value::Kind::String: return "str";
    case Value::Kind::Bytes: return "bytes";
    case Value::Kind::Tuple: return "tuple";
    case Value::Kind::List: return "list";
    case Value::Kind::Dict: return "dict";
    case Value::Kind::Global: return "global";
    case Value::Kind::Storage: return "storage";
    case Value::Kind::Tensor: return "tensor";
    }
    return "?";
}

} // namespace

class Unpickler
{
public:
    Unpickler(std::span<const std::byte> bytes, const std::string& file, const Limits& limits)
        : m_in(bytes, file), m_file(file), m_limits(limits)
    {}

    Document run()
    {
        if (m_in.size() > m_limits.maxBytes)
            throw IoError(IoErrorKind::TooLarge, m_file,
                          "pickle of " + std::to_string(m_in.size()) + " bytes exceeds the limit of " +
                              std::to_string(m_limits.maxBytes));
        while (true) {
            const std::size_t at = m_in.pos();
            const unsigned char op = m_in.u8("an opcode");
            if (op == STOP)
                break;
            step(op, at);
        }
        if (m_stack.size() != 1 || !m_marks.empty())
            bad("the pickle does not end with exactly one value");
        m_doc.m_root = m_stack.back();
        return std::move(m_doc);
    }

private:
    [[noreturn]] void refuse(const std::string& what) const
    {
        throw IoError(IoErrorKind::Refused, m_file, "refused: " + what + " (nothing in the pickle is executed)");
    }
    [[noreturn]] void bad(const std::string& what) const
    {
        throw IoError(IoErrorKind::BadHeader, m_file, "malformed pickle: " + what);
    }

    Value* make(Value::Kind kind)
    {
        if (m_doc.m_values.size() >= m_limits.maxValues)
            throw IoError(IoErrorKind::TooLarge, m_file,
                          "the pickle builds more than " + std::to_string(m_limits.maxValues) +
                              " values (a pickle bomb?)");
        m_doc.m_values.push_back(std::make_unique<Value>());
        Value* v = m_doc.m_values.back().get();
        v->kind = kind;
        return v;
    }
    // Every stored reference (stack slot, memo entry, container item) is counted: a pickle
    // can repeat a reference with a 2-byte BINGET far more often than it builds values.
    void countReference()
    {
        if (++m_references > m_limits.maxReferences)
            throw IoError(IoErrorKind::TooLarge, m_file,
                          "the pickle makes more than " + std::to_string(m_limits.maxReferences) +
                              " references (a pickle bomb?)");
    }
    void push(const Value* v)
    {
        countReference();
        m_stack.push_back(v);
    }
    const Value* pop()
    {
        if (m_stack.size() <= stackFloor())
            bad("stack underflow");
        const Value* v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    const Value* top() const
    {
        if (m_stack.size() <= stackFloor())
            bad("stack underflow");
        return m_stack.back();
    }
    std::size_t stackFloor() const { return m_marks.empty() ? 0 : m_marks.back(); }
    // The items since the last MARK, which is removed.
    std::vector<const Value*> popMark()
    {
        if (m_marks.empty())
            bad("no MARK to pop to");
        const std::size_t from = m_marks.back();
        m_marks.pop_back();
        std::vector<const Value*> items(m_stack.begin() + std::ptrdiff_t(from), m_stack.end());
        m_stack.resize(from);
        return items;
    }
    // The mutable value behind a pointer this reader made (every Value is ours).
    static Value* mut(const Value* v) { return const_cast<Value*>(v); }

    const Value* text(std::uint64_t n, Value::Kind kind)
    {
        Value* v = make(kind);
        v->s = std::string(m_in.text(n, "a string"));
        return v;
    }
    const Value* integer(std::int64_t i)
    {
        Value* v = make(Value::Kind::Int);
        v->i = i;
        return v;
    }
    const Value* longInt(std::uint64_t n)
    {
        if (n > 8)
            refuse("an integer of " + std::to_string(n) + " bytes (more than 64 bits)");
        const auto b = m_in.take(n, "a LONG");
        std::uint64_t u = 0;
        for (std::size_t k = n; k-- > 0;)
            u = u << 8 | std::to_integer<std::uint64_t>(b[k]);
        if (n > 0 && n < 8 && (std::to_integer<unsigned>(b[n - 1]) & 0x80))
            u |= ~std::uint64_t(0) << (8 * n); // two's complement sign extension
        return integer(std::int64_t(u));
    }
    void memoPut(std::uint64_t index)
    {
        // The memo holds references to values that already exist: it adds no values, but
        // its size is bounded by the opcodes read, which the pickle size bounds.
        countReference();
        m_memo[index] = top();
    }
    void memoGet(std::uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            bad("memo key " + std::to_string(index) + " was never stored");
        push(it->second);
    }
    const Value* global(const std::string& module, const std::string& name)
    {
        const std::string full = module + "." + name;
        if (builderOf(full) == Builder::None)
            refuse(full);
        Value* v = make(Value::Kind::Global);
        v->s = full;
        return v;
    }
    static std::int64_t asInt(const Value* v, const char* what, const Unpickler& u)
    {
        if (v->kind != Value::Kind::Int)
            u.bad(std::string(what) + " is a " + kindName(v->kind) + ", not an int");
        return v->i;
    }
    std::vector<std::int64_t> intTuple(const Value* v, const char* what) const
    {
        if (v->kind != Value::Kind::Tuple && v->kind != Value::Kind::List)
            bad(std::string(what) + " is not a tuple");
        if (v->items.size() > 64)
            refuse(std::string(what) + " with more than 64 dimensions");
        std::vector<std::int64_t> out;
        for (const Value* x : v->items)
            out.push_back(asInt(x, what, *this));
        return out;
    }
    const Value* reduce(const Value* callable, const Value* args)
    {
        if (callable->kind != Value::Kind::Global)
            refuse(std::string("calling a ") + kindName(callable->kind));
        if (args->kind != Value::Kind::Tuple)
            bad("REDUCE arguments are not a tuple");
        const auto& a = args->items;
        switch (builderOf(callable->s)) {
        case Builder::OrderedDict: {
            Value* d = make(Value::Kind::Dict);
            if (a.size() > 1)
                bad("OrderedDict takes at most one argument");
            if (a.size() == 1) { // OrderedDict([(key, value), ...])
                if (a[0]->kind != Value::Kind::List && a[0]->kind != Value::Kind::Tuple)
                    refuse("OrderedDict built from a " + std::string(kindName(a[0]->kind)));
                for (const Value* pair : a[0]->items) {
                    if (pair->kind != Value::Kind::Tuple || pair->items.size() != 2)
                        bad("OrderedDict item is not a (key, value) pair");
                    d->map.emplace_back(pair->items[0], pair->items[1]);
                }
            }
            return d;
        }
        case Builder::RebuildTensorV2:
        case Builder::RebuildTensor: {
            if (a.size() < 4)
                bad(callable->s + " needs (storage, offset, size, stride, ...)");
            if (a[0]->kind != Value::Kind::Storage)
                bad(callable->s + " is not given a storage");
            Value* t = make(Value::Kind::Tensor);
            t->tensor = std::make_unique<TensorRef>();
            t->tensor->storage = *a[0]->storage;
            t->tensor->offset = asInt(a[1], "a storage offset", *this);
            t->tensor->size = intTuple(a[2], "a tensor size");
            t->tensor->stride = intTuple(a[3], "a tensor stride");
            return t;
        }
        case Builder::RebuildParameter:
            if (a.empty() || a[0]->kind != Value::Kind::Tensor)
                bad(callable->s + " is not given a tensor");
            return a[0]; // a Parameter's values are its data tensor's
        case Builder::StorageType: refuse("calling " + callable->s);
        case Builder::None: break;
        }
        refuse(callable->s);
    }
    void build(const Value* target, const Value* state)
    {
        // BUILD sets an object's state. Only two kinds are allowed and neither runs code
        // here: an OrderedDict's attributes (torch's _metadata) and a tensor's Python
        // attributes; both are dropped.
        if (target->kind == Value::Kind::Dict || target->kind == Value::Kind::Tensor) {
            (void)state;
            return;
        }
        refuse(std::string("BUILD on a ") + kindName(target->kind));
    }

    void step(unsigned char op, std::size_t at)
    {
        switch (op) {
        case PROTO: {
            const unsigned v = m_in.u8("the protocol");
            if (v < 2 || v > 5)
                refuse("pickle protocol " + std::to_string(v));
            break;
        }
        case FRAME: m_in.skip(8, "a frame length"); break; // framing only groups opcodes
        case MARK:
            if (m_marks.size() >= m_limits.maxMarks)
                throw IoError(IoErrorKind::TooLarge, m_file,
                              "more than " + std::to_string(m_limits.maxMarks) + " nested MARKs (a pickle bomb?)");
            m_marks.push_back(m_stack.size());
            break;
        case POP: pop(); break;
        case POP_MARK: popMark(); break;
        case DUP: push(top()); break;
        case NONE: push(make(Value::Kind::None)); break;
        case NEWTRUE:
        case NEWFALSE: {
            Value* v = make(Value::Kind::Bool);
            v->i = op == NEWTRUE;
            push(v);
            break;
        }
        case BININT: push(integer(m_in.le<std::int32_t>("BININT"))); break;
        case BININT1: push(integer(m_in.u8("BININT1"))); break;
        case BININT2: push(integer(m_in.le<std::uint16_t>("BININT2"))); break;
        case LONG1: push(longInt(m_in.u8("LONG1"))); break;
        case LONG4: {
            const std::int32_t n = m_in.le<std::int32_t>("LONG4");
            if (n < 0)
                bad("negative LONG4 length");
            push(longInt(std::uint64_t(n)));
            break;
        }
        case BINFLOAT: { // big-endian IEEE double
            const auto b = m_in.take(8, "BINFLOAT");
            std::uint64_t u = 0;
            for (int k = 0; k < 8; ++k)
                u = u << 8 | std::to_integer<std::uint64_t>(b[std::size_t(k)]);
            Value* v = make(Value::Kind::Float);
            v->f = std::bit_cast<double>(u);
            push(v);
            break;
        }
        case BINUNICODE: push(text(m_in.le<std::uint32_t>("BINUNICODE"), Value::Kind::String)); break;
        case SHORT_BINUNICODE: push(text(m_in.u8("SHORT_BINUNICODE"), Value::Kind::String)); break;
        case BINUNICODE8: push(text(m_in.le<std::uint64_t>("BINUNICODE8"), Value::Kind::String)); break;
        case BINSTRING: {
            const std::int32_t n = m_in.le<std::int32_t>("BINSTRING");
            if (n < 0)
                bad("negative BINSTRING length");
            push(text(std::uint64_t(n), Value::Kind::String));
            break;
        }
        case SHORT_BINSTRING: push(text(m_in.u8("SHORT_BINSTRING"), Value::Kind::String)); break;
        case BINBYTES: push(text(m_in.le<std::uint32_t>("BINBYTES"), Value::Kind::Bytes)); break;
        case SHORT_BINBYTES: push(text(m_in.u8("SHORT_BINBYTES"), Value::Kind::Bytes)); break;
        case BINBYTES8: push(text(m_in.le<std::uint64_t>("BINBYTES8"), Value::Kind::Bytes)); break;
        case EMPTY_TUPLE: push(make(Value::Kind::Tuple)); break;
        case TUPLE1:
        case TUPLE2:
        case TUPLE3: {
            const std::size_t n = op - TUPLE1 + 1;
            Value* t = make(Value::Kind::Tuple);
            t->items.resize(n);
            for (std::size_t k = n; k-- > 0;)
                t->items[k] = pop();
            push(t);
            break;
        }
        case TUPLE:
        case LIST: {
            Value* t = make(op == TUPLE ? Value::Kind::Tuple : Value::Kind::List);
            t->items = popMark();
            push(t);
            break;
        }
        case EMPTY_LIST: push(make(Value::Kind::List)); break;
        case EMPTY_DICT: push(make(Value::Kind::Dict)); break;
        case DICT: {
            auto items = popMark();
            if (items.size() % 2)
                bad("DICT with an odd number of items");
            Value* d = make(Value::Kind::Dict);
            for (std::size_t k = 0; k < items.size(); k += 2)
                d->map.emplace_back(items[k], items[k + 1]);
            push(d);
            break;
        }
        case APPEND: {
            const Value* x = pop();
            const Value* list = top();
            if (list->kind != Value::Kind::List)
                refuse(std::string("APPEND to a ") + kindName(list->kind));
            countReference();
            mut(list)->items.push_back(x);
            break;
        }
        case APPENDS: {
            auto items = popMark();
            const Value* list = top();
            if (list->kind != Value::Kind::List)
                refuse(std::string("APPENDS to a ") + kindName(list->kind));
            for (std::size_t k = 0; k < items.size(); ++k)
                countReference();
            auto& dst = mut(list)->items;
            dst.insert(dst.end(), items.begin(), items.end());
            break;
        }
        case SETITEM: {
            const Value* value = pop();
            const Value* key = pop();
            const Value* dict = top();
            if (dict->kind != Value::Kind::Dict)
                refuse(std::string("SETITEM on a ") + kindName(dict->kind));
            countReference();
            mut(dict)->map.emplace_back(key, value);
            break;
        }
        case SETITEMS: {
            auto items = popMark();
            if (items.size() % 2)
                bad("SETITEMS with an odd number of items");
            const Value* dict = top();
            if (dict->kind != Value::Kind::Dict)
                refuse(std::string("SETITEMS on a ") + kindName(dict->kind));
            for (std::size_t k = 0; k < items.size(); k += 2) {
                countReference();
                mut(dict)->map.emplace_back(items[k], items[k + 1]);
            }
            break;
        }
        case BINPUT: memoPut(m_in.u8("BINPUT")); break;
        case LONG_BINPUT: memoPut(m_in.le<std::uint32_t>("LONG_BINPUT")); break;
        case MEMOIZE: memoPut(m_memo.size()); break;
        case BINGET: memoGet(m_in.u8("BINGET")); break;
        case LONG_BINGET: memoGet(m_in.le<std::uint32_t>("LONG_BINGET")); break;
        case GLOBAL: {
            // "module\nname\n": both lines bounded by the bytes left (and 1000 characters).
            auto line = [&] {
                std::string s;
                while (true) {
                    const char c = char(m_in.u8("a GLOBAL name"));
                    if (c == '\n')
                        return s;
                    if (s.size() >= 1000)
                        bad("GLOBAL name longer than 1000 characters");
                    s += c;
                }
            };
            const std::string module = line();
            const std::string name = line();
            push(global(module, name));
            break;
        }
        case STACK_GLOBAL: {
            const Value* name = pop();
            const Value* module = pop();
            if (name->kind != Value::Kind::String || module->kind != Value::Kind::String)
                bad("STACK_GLOBAL names are not strings");
            push(global(module->s, name->s));
            break;
        }
        case REDUCE: {
            const Value* args = pop();
            const Value* callable = pop();
            push(reduce(callable, args));
            break;
        }
        case BUILD: {
            const Value* state = pop();
            build(top(), state);
            break;
        }
        case BINPERSID: {
            // torch.save's persistent id: ('storage', torch.XStorage, KEY, LOCATION, NUMEL).
            const Value* pid = pop();
            if (pid->kind != Value::Kind::Tuple || pid->items.size() < 5 ||
                pid->items[0]->kind != Value::Kind::String || pid->items[0]->s != "storage")
                refuse("a persistent id that is not a ('storage', ...) tuple");
            const auto& it = pid->items;
            if (it[1]->kind != Value::Kind::Global || builderOf(it[1]->s) != Builder::StorageType)
                refuse("a persistent id whose storage type is not a torch storage class");
            if (it[2]->kind != Value::Kind::String || it[3]->kind != Value::Kind::String)
                bad("a persistent id's key or location is not a string");
            Value* s = make(Value::Kind::Storage);
            s->storage = std::make_unique<StorageRef>();
            s->storage->type = it[1]->s.substr(6); // drop "torch."
            s->storage->key = it[2]->s;
            s->storage->location = it[3]->s;
            s->storage->numel = asInt(it[4], "a storage size", *this);
            if (s->storage->numel < 0)
                bad("negative storage size");
            push(s);
            break;
        }
        case NEWOBJ: refuse("NEWOBJ (object construction)");
        case 0x92: refuse("NEWOBJ_EX (object construction)");
        case 'i': refuse("INST (object construction)");
        case 'o': refuse("OBJ (object construction)");
        case 0x82:
        case 0x83:
        case 0x84: refuse("EXT (the extension registry)");
        case 'P': refuse("PERSID with a text id");
        case 0x97:
        case 0x98: refuse("out-of-band buffers");
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            const bool printable = op >= 0x20 && op < 0x7f;
            refuse(std::string("pickle opcode ") + hex + (printable ? std::string(" '") + char(op) + "'" : "") +
                   " at byte " + std::to_string(at) + " (not used by torch.save)");
        }
        }
    }

    ByteCursor m_in;
    std::string m_file;
    Limits m_limits;
    Document m_doc;
    std::vector<const Value*> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, const Value*> m_memo;
    std::size_t m_references = 0;
};

Document unpickle(std::span<const std::byte> bytes, const std::string& file, const Limits& limits)
{
    return Unpickler(bytes, file, limits).run();
}

const std::vector<std::string>& allowedGlobals()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v{"collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                                   "torch._utils._rebuild_tensor", "torch._utils._rebuild_parameter",
                                   "torch._utils._rebuild_parameter_with_state"};
        for (const char* s : kStorageTypes)
            v.push_back(std::string("torch.") + s);
        return v;
    }();
    return names;
}

} // namespace qs::pickle
