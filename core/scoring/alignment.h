#pragma once
#include <cstdint>
#include <span>
#include <vector>

// Alignment of a reference token sequence against a hypothesis, the base of WER and CER.
//
// Cost models:
//   Unit    correct 0, substitution 1, deletion 1, insertion 1 (Levenshtein; Kaldi, jiwer).
//   Sclite  correct 0, substitution 4, deletion 3, insertion 3 (NIST sclite's default weights).
// Both give the minimum total cost; they differ in which of several equally short edit paths
// they pick, so S/D/I counts can differ while the unit edit distance of Unit is minimal.
//
// Tie-breaking (same for both models, and the same as sclite's dynamic programme): at each cell
// the diagonal move (correct or substitution) wins when it is no worse than both others; then
// deletion wins over insertion only when strictly cheaper, so an equal deletion/insertion tie
// goes to insertion. First row: insertions; first column: deletions. The path is traced back from
// the end of both sequences.
namespace vox::scoring {

using Token = uint32_t; // an interned word or character (see Vocabulary)

enum class CostModel { Unit, Sclite };

enum class EditOp : uint8_t { Correct, Substitution, Deletion, Insertion };

struct EditCounts {
    int64_t correct = 0;
    int64_t substitutions = 0;
    int64_t deletions = 0;
    int64_t insertions = 0;

    int64_t errors() const { return substitutions + deletions + insertions; }
    int64_t referenceLength() const { return correct + substitutions + deletions; }
    int64_t hypothesisLength() const { return correct + substitutions + insertions; }
    EditCounts& operator+=(const EditCounts& other);
    bool operator==(const EditCounts&) const = default;
};

struct AlignmentStep {
    EditOp op;
    int32_t ref; // index into the reference, -1 for an insertion
    int32_t hyp; // index into the hypothesis, -1 for a deletion
};

struct Alignment {
    std::vector<AlignmentStep> steps; // in order, reference start to end
    EditCounts counts;
};

// Reuses its buffers across calls: keep one per thread when scoring many utterances.
class Aligner {
public:
    explicit Aligner(CostModel model = CostModel::Sclite) : m_model(model) {}

    Alignment align(std::span<const Token> ref, std::span<const Token> hyp);
    // Counts only, without building the path (same path, same counts).
    EditCounts count(std::span<const Token> ref, std::span<const Token> hyp);
    // Calls visit(EditOp, refIndex, hypIndex) for each step of the path, from the END backwards
    // (refIndex/hypIndex -1 where a side is missing). Defined in alignment_trace.h.
    template <typename Visit>
    void trace(std::span<const Token> ref, std::span<const Token> hyp, Visit&& visit);

    CostModel model() const { return m_model; }

private:

    CostModel m_model;
    std::vector<uint32_t> m_cost;  // two rows of the cost matrix
    std::vector<uint8_t> m_back;   // (ref+1) x (hyp+1) back pointers
};

} // namespace vox::scoring
