#pragma once
#include <QString>

namespace vox::app {

// A dataset of labelled keyword clips, a keyword stream or label folders (what a keyword
// spotter runs over), from its format name as stored.
bool isKeywordDataset(const QString& format);

} // namespace vox::app
