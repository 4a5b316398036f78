<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>vox::app::DatasetTableModel</name>
    <message>
        <source>Imported %1 from %2</source>
        <translation>Импортирован %1 из %2</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Набор данных</translation>
    </message>
    <message>
        <source>Utterances</source>
        <translation>Высказывания</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Аудио</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>Источник импорта</translation>
    </message>
</context>
<context>
    <name>vox::app::Issue</name>
    <message>
        <source>Info</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>vox::app::IssueModel</name>
    <message>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
</context>
<context>
    <name>vox::app::ProjectTables</name>
    <message>
        <source>missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
</context>
<context>
    <name>vox::app::UtteranceTableModel</name>
    <message>
        <source>Utterance</source>
        <translation>Высказывание</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Диктор</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Эталон</translation>
    </message>
    <message>
        <source>Other fields</source>
        <translation>Другие поля</translation>
    </message>
</context>
<context>
    <name>vox::app::VariantTableModel</name>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (демо)</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Семейство</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Размер на диске</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>Чем отличается</translation>
    </message>
</context>
<context>
    <name>vox::ui::DataPage</name>
    <message>
        <source>Filter by id, speaker, reference or other fields</source>
        <translation>Фильтр по идентификатору, диктору, эталону или другим полям</translation>
    </message>
    <message>
        <source>Loading utterances…</source>
        <translation>Загрузка высказываний…</translation>
    </message>
    <message>
        <source>Could not read the utterances: %1</source>
        <translation>Не удалось прочитать высказывания: %1</translation>
    </message>
    <message>
        <source>%1 utterances</source>
        <translation>Высказываний: %1</translation>
    </message>
    <message>
        <source>%1 of %2 utterances</source>
        <translation>Высказываний: %1 из %2</translation>
    </message>
</context>
<context>
    <name>vox::ui::EnvironmentLabel</name>
    <message>
        <source>libtorch %1 · %2</source>
        <translation>libtorch %1 · %2</translation>
    </message>
    <message>
        <source>Devices libtorch reports: %1
Default intra-op threads: %2
Quantization engines: %3

%4</source>
        <translation>Устройства, о которых сообщает libtorch: %1
Потоков intra-op по умолчанию: %2
Движки квантования: %3

%4</translation>
    </message>
    <message>
        <source> · OpenBLAS %1</source>
        <translation> · OpenBLAS %1</translation>
    </message>
</context>
<context>
    <name>vox::ui::IssuesDock</name>
    <message>
        <source>Issues</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Remove every issue from the list</source>
        <translation>Удалить все проблемы из списка</translation>
    </message>
    <message>
        <source>No issues.</source>
        <translation>Проблем нет.</translation>
    </message>
    <message>
        <source>Errors: %1 · Warnings: %2 · Other: %3</source>
        <translation>Ошибок: %1 · Предупреждений: %2 · Прочих: %3</translation>
    </message>
</context>
<context>
    <name>vox::ui::MainWindow</name>
    <message>
        <source>VoxBench</source>
        <translation>VoxBench</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Issues</source>
        <translation>&amp;Проблемы</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About VoxBench</source>
        <translation>&amp;О программе VoxBench</translation>
    </message>
    <message>
        <source>About VoxBench</source>
        <translation>О программе VoxBench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VoxBench %1&lt;/h3&gt;&lt;p&gt;Measure what speeding up a speech model costs and what it breaks: accuracy, time, memory and operators of each variant, on your own audio.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VoxBench %1&lt;/h3&gt;&lt;p&gt;Измерьте, чего стоит ускорение речевой модели и что оно ломает: точность, время, память и операторы каждого варианта на вашем собственном аудио.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Show or hide the Issues dock</source>
        <translation>Показать или скрыть панель проблем</translation>
    </message>
    <message>
        <source>Errors: %1 · Warnings: %2</source>
        <translation>Ошибок: %1 · Предупреждений: %2</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Открыть проект…</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Открыть проект</translation>
    </message>
    <message>
        <source>VoxBench projects (*.voxbench);;All files (*)</source>
        <translation>Проекты VoxBench (*.voxbench);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Открывается %1…</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>Не удалось открыть %1</translation>
    </message>
    <message>
        <source>Could not open the project: %1</source>
        <translation>Не удалось открыть проект: %1</translation>
    </message>
    <message>
        <source>%1 — VoxBench</source>
        <translation>%1 — VoxBench</translation>
    </message>
    <message>
        <source>Datasets: %1 · utterances: %2 · %3</source>
        <translation>Наборов данных: %1 · высказываний: %2 · %3</translation>
    </message>
    <message>
        <source>Variants: %1 · hover over a row for its package folder and source</source>
        <translation>Вариантов: %1 · наведите курсор на строку, чтобы увидеть папку пакета и источник</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo models.&lt;/b&gt; The variants marked (demo) are small models VoxBench trained here on synthetic speech (espeak-ng, flite and Festival voices). They are not Whisper checkpoints and know only the demo&apos;s little vocabulary; bring real checkpoints through tools/whisper/export.py.</source>
        <translation>&lt;b&gt;Демо-модели.&lt;/b&gt; Варианты с пометкой (демо) — небольшие модели, которые VoxBench обучил здесь на синтетической речи (голоса espeak-ng, flite и Festival). Это не контрольные точки Whisper, и они знают только небольшой словарь демо; настоящие контрольные точки подключаются через tools/whisper/export.py.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Открыт %1</translation>
    </message>
    <message>
        <source>libtorch&apos;s BLAS</source>
        <translation>BLAS в libtorch</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Открыть &amp;недавний</translation>
    </message>
</context>
<context>
    <name>vox::ui::Pages</name>
    <message>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Audio sets with reference transcripts: import a dataset, browse and play its utterances.</source>
        <translation>Наборы аудио с эталонными расшифровками: импорт набора, просмотр и прослушивание его фраз.</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Варианты</translation>
    </message>
    <message>
        <source>Model variants to compare (fp32, int8, fp16, pruned, distilled) and the settings each runs with.</source>
        <translation>Варианты модели для сравнения (fp32, int8, fp16, прореженные, дистиллированные) и настройки запуска каждого.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Запуски</translation>
    </message>
    <message>
        <source>The run queue: progress, pause and cancel, and the run card of every run.</source>
        <translation>Очередь запусков: ход выполнения, пауза и отмена, карточка каждого запуска.</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Результаты</translation>
    </message>
    <message>
        <source>Per-utterance results and corpus WER/CER of each variant, with confidence intervals.</source>
        <translation>Результаты по фразам и WER/CER корпуса для каждого варианта с доверительными интервалами.</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>Сравнение</translation>
    </message>
    <message>
        <source>Word-level alignment of the reference against each variant&apos;s hypothesis.</source>
        <translation>Пословное выравнивание эталона с гипотезой каждого варианта.</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Графики</translation>
    </message>
    <message>
        <source>Accuracy, time, memory and real-time-factor charts, ready to export.</source>
        <translation>Графики точности, времени, памяти и коэффициента реального времени, готовые к экспорту.</translation>
    </message>
    <message>
        <source>Profiler</source>
        <translation>Профилировщик</translation>
    </message>
    <message>
        <source>The top operators of each variant, and what changed between two variants.</source>
        <translation>Самые затратные операторы каждого варианта и что изменилось между двумя вариантами.</translation>
    </message>
</context>
</TS>
