#pragma once
#include <QSettings>
#include <QString>
#include <QVariant>

namespace vox::app {

// A typed settings key with its default, over QSettings (the application's organisation and
// name decide where it is stored). Keys are declared once, in settings_keys.h.
template <typename T>
class SettingValue {
public:
    SettingValue(QString key, T defaultValue) : m_key(std::move(key)), m_default(std::move(defaultValue)) {}

    T get() const
    {
        const QVariant value = QSettings().value(m_key);
        if (!value.isValid() || !value.canConvert<T>())
            return m_default;
        return value.value<T>();
    }

    void set(const T& value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    void reset() const { QSettings().remove(m_key); }

    const QString& key() const { return m_key; }
    const T& defaultValue() const { return m_default; }

private:
    QString m_key;
    T m_default;
};

} // namespace vox::app
