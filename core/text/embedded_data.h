#pragma once
#include <string_view>

// Data files compiled into voxbench_core (see core/text/CMakeLists.txt); core reads no files
// of its own at run time.
namespace vox::text {

// resources/text/whisper-english-spellings.json: Whisper's British -> American spellings.
std::string_view whisperEnglishSpellingsJson();

} // namespace vox::text
