#include "app/project/dataset_kind.h"

#include "core/dataset/dataset_import.h"

namespace vox::app {

bool isKeywordDataset(const QString& format)
{
    return dataset::isKwsFormat(format.toStdString());
}

} // namespace vox::app
