#include "core/scoring/units.h"

#include "core/text/whitespace.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace vox::scoring {

Token Vocabulary::intern(std::string_view text)
{
    if (auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const auto id = static_cast<Token>(m_texts.size());
    m_texts.emplace_back(text);
    m_ids.emplace(std::string(text), id);
    return id;
}

namespace {

bool isAscii(std::string_view s)
{
    for (unsigned char c : s)
        if (c >= 0x80)
            return false;
    return true;
}

// One ICU character break iterator per thread: creating one costs far more than using it.
icu::BreakIterator* graphemeIterator()
{
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
        return U_SUCCESS(status) ? std::move(it) : nullptr;
    }();
    return iterator.get();
}

bool isWhiteSpaceCluster(std::string_view cluster)
{
    const auto* s = reinterpret_cast<const uint8_t*>(cluster.data());
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(cluster.size()), c);
    return c >= 0 && u_isUWhiteSpace(c);
}

template <typename Emit>
void forEachCharacter(std::string_view text, Emit&& emit)
{
    text::forEachWord(text, [&](std::string_view word) {
        if (isAscii(word)) {
            for (size_t i = 0; i < word.size(); ++i)
                emit(word.substr(i, 1));
            return;
        }
        icu::BreakIterator* it = graphemeIterator();
        UErrorCode status = U_ZERO_ERROR;
        UText* ut = utext_openUTF8(nullptr, word.data(), static_cast<int64_t>(word.size()), &status);
        if (!it || U_FAILURE(status)) {
            utext_close(ut);
            emit(word); // cannot split: keep the word whole rather than lose it
            return;
        }
        it->setText(ut, status);
        int32_t start = it->first();
        for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
            const auto cluster = word.substr(start, end - start);
            if (!isWhiteSpaceCluster(cluster))
                emit(cluster);
        }
        utext_close(ut);
    });
}

} // namespace

std::vector<std::string> splitCharacters(std::string_view text)
{
    std::vector<std::string> out;
    forEachCharacter(text, [&](std::string_view c) { out.emplace_back(c); });
    return out;
}

std::vector<Token> tokenize(std::string_view text, Unit unit, Vocabulary& vocabulary)
{
    std::vector<Token> tokens;
    if (unit == Unit::Word) {
        text::forEachWord(text, [&](std::string_view word) { tokens.push_back(vocabulary.intern(word)); });
    } else {
        forEachCharacter(text, [&](std::string_view c) { tokens.push_back(vocabulary.intern(c)); });
    }
    return tokens;
}

const char* unitName(Unit unit)
{
    return unit == Unit::Word ? "word" : "character";
}

} // namespace vox::scoring
