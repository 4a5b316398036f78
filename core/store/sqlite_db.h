#pragma once
#include "core/util/expected.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

// A thin RAII layer over the SQLite C API: a connection and prepared statements whose failures
// come back as Errors carrying SQLite's message. Not thread-safe: one connection per thread.
namespace vox::store {

class Statement {
public:
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, std::nullopt_t);
    Statement& bindOptional(int index, const std::optional<double>& value);

    // Steps once: true while a row is available, false when done. Errors become Error values.
    Expected<bool> step();
    // Steps to completion (for statements that return no rows) and resets for reuse.
    Expected<Done> run();
    void reset();

    int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* statement, sqlite3* db) : m_statement(statement), m_db(db) {}
    sqlite3_stmt* m_statement = nullptr;
    sqlite3* m_db = nullptr;
};

class Database {
public:
    // `immutable`: read-only, no locks and no -shm (SQLite's immutable=1), for a project in a
    // folder where the -shm file cannot be created; nobody may change the file meanwhile.
    static Expected<Database> open(const std::string& path, bool create, bool readOnly, bool immutable = false);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    ~Database();

    Expected<Done> execute(std::string_view sql);       // one or more statements, no results
    Expected<Statement> prepare(std::string_view sql);
    int64_t lastInsertId() const;
    int64_t changes() const; // rows changed by the last INSERT, UPDATE or DELETE
    const std::string& path() const { return m_path; }
    std::string lastError() const;

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// Steps `statement` to the end, calling row(statement) for each row; stops at the first error.
template <typename Row>
Expected<Done> forEachRow(Statement& statement, Row&& row)
{
    while (true) {
        auto stepped = statement.step();
        if (!stepped)
            return stepped.error();
        if (!*stepped)
            return Done{};
        row(statement);
    }
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it returns an Error.
template <typename Body>
Expected<Done> inTransaction(Database& db, Body&& body)
{
    if (auto begun = db.execute("BEGIN IMMEDIATE"); !begun)
        return begun.error();
    Expected<Done> result = body();
    if (!result) {
        (void)db.execute("ROLLBACK");
        return result;
    }
    if (auto committed = db.execute("COMMIT"); !committed) {
        (void)db.execute("ROLLBACK");
        return committed.error();
    }
    return Done{};
}

} // namespace vox::store
