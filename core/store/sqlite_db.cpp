#include "core/store/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace vox::store {

Statement::Statement(Statement&& other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr)), m_db(other.m_db)
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement& Statement::bind(int index, int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_statement, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t)
{
    sqlite3_bind_null(m_statement, index);
    return *this;
}

Statement& Statement::bindOptional(int index, const std::optional<double>& value)
{
    return value ? bind(index, *value) : bind(index, std::nullopt);
}

Expected<bool> Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return makeError(std::string("database error: ") + sqlite3_errmsg(m_db), sqlite3_db_filename(m_db, "main"));
}

Expected<Done> Statement::run()
{
    auto stepped = step();
    reset();
    if (!stepped)
        return stepped.error();
    return Done{};
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

std::string Statement::text(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(m_statement, column))) : std::string();
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

namespace {

// A file: URI for `path` (percent-encoding what a URI would read otherwise), with `query`.
std::string fileUri(const std::string& path, const char* query)
{
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
            static const char* const hex = "0123456789ABCDEF";
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        } else {
            uri += char(c);
        }
    }
    return uri + "?" + query;
}

} // namespace

Expected<Database> Database::open(const std::string& path, bool create, bool readOnly, bool immutable)
{
    readOnly = readOnly || immutable;
    int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readOnly)
        flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX; // one connection per thread
    if (immutable)
        flags |= SQLITE_OPEN_URI;
    const std::string name = immutable ? fileUri(path, "immutable=1") : path;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return makeError("cannot open the project: " + why, path);
    }
    sqlite3_busy_timeout(db, 5000); // another process (the CLI) may hold the write lock briefly
    sqlite3_extended_result_codes(db, 1);
    return Database(db, path);
}

Database::Database(Database&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        sqlite3_close(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database()
{
    sqlite3_close(m_db); // statements are finalized by their owners first
}

Expected<Done> Database::execute(std::string_view sql)
{
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        return makeError("database error: " + why, m_path);
    }
    return Done{};
}

Expected<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK)
        return makeError(std::string("database error: ") + sqlite3_errmsg(m_db), m_path);
    return Statement(statement, m_db);
}

int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int64_t Database::changes() const
{
    return sqlite3_changes64(m_db);
}

std::string Database::lastError() const
{
    return sqlite3_errmsg(m_db);
}

} // namespace vox::store
