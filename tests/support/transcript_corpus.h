#pragma once
// Seeded generator of reference/hypothesis transcript pairs for scoring tests and benchmarks:
// words from several scripts (Latin with and without accents, Cyrillic, Greek, CJK, Arabic),
// empty references and hypotheses, exact matches, long utterances, and hypotheses made from
// the reference by random substitutions, insertions and deletions. Precomposed characters only,
// so code points and grapheme clusters coincide (sclite -c splits code points).
// Avoids sclite's markup characters: ( ) { } @ ; * - %.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace vox::test {

struct TranscriptPair {
    std::string id;
    std::string reference;
    std::string hypothesis;
};

class CorpusGenerator {
public:
    explicit CorpusGenerator(uint64_t seed) : m_state(seed) { buildVocabulary(); }

    std::vector<TranscriptPair> make(size_t count, size_t vocabularyLimit = 0)
    {
        std::vector<TranscriptPair> pairs;
        pairs.reserve(count);
        const size_t vocab = vocabularyLimit ? std::min(vocabularyLimit, m_words.size()) : m_words.size();
        for (size_t i = 0; i < count; ++i) {
            TranscriptPair p;
            p.id = "spk" + std::to_string(below(7)) + "_utt" + std::to_string(i);
            const uint64_t kind = below(100);
            size_t length = kind < 3 ? 0 : kind < 4 ? 100 + below(250) : 1 + below(30);
            std::vector<std::string> ref;
            for (size_t w = 0; w < length; ++w)
                ref.push_back(m_words[below(vocab)]);
            std::vector<std::string> hyp;
            if (kind >= 4 && kind < 8) {
                // empty hypothesis for a non-empty reference
            } else if (kind >= 10 && kind < 20) {
                hyp = ref;
            } else if (kind >= 20 && kind < 24) {
                for (size_t w = 0, n = below(20); w < n; ++w)
                    hyp.push_back(m_words[below(vocab)]);
            } else {
                for (const auto& word : ref) {
                    const uint64_t r = below(100);
                    if (r < 8)
                        continue; // deletion
                    if (r < 18)
                        hyp.push_back(m_words[below(vocab)]); // substitution (sometimes the same word)
                    else
                        hyp.push_back(word);
                    if (below(100) < 7)
                        hyp.push_back(m_words[below(vocab)]); // insertion
                }
            }
            p.reference = join(ref);
            p.hypothesis = join(hyp);
            pairs.push_back(std::move(p));
        }
        return pairs;
    }

    static void writeTrn(const std::string& path, const std::vector<TranscriptPair>& pairs, bool hypothesis)
    {
        std::ofstream out(path, std::ios::binary);
        for (const auto& p : pairs)
            out << (hypothesis ? p.hypothesis : p.reference) << " (" << p.id << ")\n";
    }

private:
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return next() % n; }

    static std::string join(const std::vector<std::string>& words)
    {
        std::string s;
        for (const auto& w : words) {
            if (!s.empty())
                s += ' ';
            s += w;
        }
        return s;
    }

    void buildVocabulary()
    {
        const std::vector<std::string> syllables{"ka", "lo", "mi", "ne", "ru", "ta", "sh", "vo", "qu", "ex", "b", "z"};
        const std::vector<std::string> accented{"é", "ñ", "ü", "ø", "ç", "à", "ß", "ő"};
        const std::vector<std::string> cyrillic{"при", "вет", "мир", "до", "ро", "га", "ж", "ё", "щи"};
        const std::vector<std::string> greek{"αλ", "φα", "βη", "τα", "ω", "λό", "γος"};
        const std::vector<std::string> cjk{"语", "音", "识", "别", "東", "京", "日", "本"};
        const std::vector<std::string> arabic{"سل", "ام", "كت", "اب"};
        const auto add = [&](const std::vector<std::string>& parts, size_t count, size_t maxParts) {
            for (size_t i = 0; i < count; ++i) {
                std::string word;
                for (size_t p = 0, n = 1 + below(maxParts); p < n; ++p)
                    word += parts[below(parts.size())];
                m_words.push_back(word);
            }
        };
        add(syllables, 400, 3);
        std::vector<std::string> mixed = syllables;
        mixed.insert(mixed.end(), accented.begin(), accented.end());
        add(mixed, 150, 3);
        add(cyrillic, 150, 3);
        add(greek, 80, 3);
        add(cjk, 80, 2);
        add(arabic, 40, 2);
        for (int d = 0; d < 20; ++d)
            m_words.push_back(std::to_string(d * 7));
    }

    uint64_t m_state;
    std::vector<std::string> m_words;
};

} // namespace vox::test
