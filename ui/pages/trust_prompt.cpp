#include "ui/pages/trust_prompt.h"

#include "app/session/project_session.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QStringList>

namespace vox::ui {

namespace {

class TrustTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::ui::TrustTexts)
public:
    static QString title() { return tr("Load packages from another machine?"); }
    static QString question(const QStringList& packages)
    {
        return tr("These model packages were added to the project on another machine:\n\n%1\n\n"
                  "Loading a model package runs its code (TorchScript is a program, not only weights). "
                  "Load them only if they come from someone you trust. Your answer is kept for this machine.")
            .arg(packages.join(QLatin1Char('\n')));
    }
    static QString origin(const QString& name, const QString& path, const QString& host)
    {
        return host.isEmpty() ? tr("%1 (%2; added by an older VoxBench)").arg(name, path)
                              : tr("%1 (%2; added on %3)").arg(name, path, host);
    }
};

} // namespace

bool loadWithTrust(QWidget* parent, app::ProjectSession* session, const QList<qint64>& variants,
                   std::function<void()> then)
{
    QList<qint64> untrusted;
    QStringList names;
    for (const auto& v : session->summary().variants)
        if (variants.contains(v.id) && !v.trustedHere) {
            untrusted << v.id;
            names << TrustTexts::origin(v.name, v.packagePath, v.registeredOn);
        }
    if (untrusted.isEmpty()) {
        then();
        return true;
    }
    const auto answer = QMessageBox::warning(parent, TrustTexts::title(), TrustTexts::question(names),
                                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return false;
    return session->trustVariants(untrusted, std::move(then));
}

} // namespace vox::ui
