#pragma once
#include "core/util/error.h"

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace vox {

// A value or an Error. Every fallible core call returns one; exceptions from libtorch, FFmpeg
// or the standard library are caught at the core boundary and turned into an Error here.
// (std::expected is C++23; this is the subset VoxBench needs.)
template <typename T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Expected(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_state); }
    const T& value() const& { assert(ok()); return std::get<0>(m_state); }
    // From a temporary the value is moved out, not referenced: `for (auto& x : f().value())`
    // then iterates a value that lives as long as the loop, not one destroyed with the temporary.
    T value() && { assert(ok()); return std::get<0>(std::move(m_state)); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T operator*() && { return std::move(*this).value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Success without a value.
struct Done {};

inline Error makeError(std::string message, std::string context = {})
{
    return Error{std::move(message), std::move(context)};
}

} // namespace vox
