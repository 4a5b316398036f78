#pragma once
#include "core/scoring/alignment.h"

#include <optional>

// Rates from edit counts. N = C+S+D (reference length), P = C+S+I (hypothesis length).
//   error rate (WER or CER)       (S+D+I) / N                  undefined when N = 0
//   match error rate (MER)        (S+D+I) / (C+S+D+I)          undefined when all are 0
//   word information lost (WIL)   1 - (C/N)(C/P)               1 when exactly one of N, P is 0;
//                                                              undefined when both are 0
// An utterance with an empty reference has no error rate of its own, but its insertions count
// in every corpus total (a hallucination on silence is an error, not nothing).
namespace vox::scoring {

std::optional<double> errorRate(const EditCounts& c);
std::optional<double> matchErrorRate(const EditCounts& c);
std::optional<double> wordInformationLost(const EditCounts& c);

} // namespace vox::scoring
