<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>vox::app::BaselineVerdictModel</name>
    <message>
        <source>nothing to compare</source>
        <translation>нечего сравнивать</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>хуже</translation>
    </message>
    <message>
        <source>better</source>
        <translation>лучше</translation>
    </message>
    <message>
        <source>no significant difference</source>
        <translation>значимой разницы нет</translation>
    </message>
    <message>
        <source>%1: broken or fixed</source>
        <translation>%1: сломанные или исправленные</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Against the baseline</source>
        <translation>Против базы</translation>
    </message>
    <message>
        <source>ΔWER [95% CI]</source>
        <translation>ΔWER [95% ДИ]</translation>
    </message>
    <message>
        <source>p (bootstrap)</source>
        <translation>p (бутстреп)</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Сегменты</translation>
    </message>
    <message>
        <source>Z</source>
        <translation>Z</translation>
    </message>
    <message>
        <source>p (MAPSSWE)</source>
        <translation>p (MAPSSWE)</translation>
    </message>
    <message>
        <source>ΔCER [95% CI]</source>
        <translation>ΔCER [95% ДИ]</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Сломано</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Исправлено</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Тесты</translation>
    </message>
    <message>
        <source>The run&apos;s rate minus the baseline&apos;s on the utterances both scored, with a paired bootstrap interval</source>
        <translation>Доля ошибок прогона минус доля базы на высказываниях, оценённых обоими, с парным бутстреп-интервалом</translation>
    </message>
    <message>
        <source>Two-sided: how often the resampled difference crosses zero</source>
        <translation>Двусторонний: как часто разница в повторных выборках переходит через ноль</translation>
    </message>
    <message>
        <source>sc_stats&apos; matched-pairs sentence-segment word error test (MAPSSWE)</source>
        <translation>тест sc_stats по парным сегментам предложений (MAPSSWE)</translation>
    </message>
    <message>
        <source>Utterances right in the baseline and wrong in this run</source>
        <translation>Высказывания, верные в базе и ошибочные в этом прогоне</translation>
    </message>
    <message>
        <source>Utterances wrong in the baseline and right in this run</source>
        <translation>Высказывания, ошибочные в базе и верные в этом прогоне</translation>
    </message>
</context>
<context>
    <name>vox::app::BreakdownModel</name>
    <message>
        <source>This run&apos;s WER on the group minus the baseline&apos;s</source>
        <translation>WER этого прогона на группе минус WER базы</translation>
    </message>
    <message>
        <source>WER over the group&apos;s utterances the run scored, with a 95 % bootstrap interval</source>
        <translation>WER по оценённым прогоном высказываниям группы, с 95 % бутстреп-интервалом</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
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
        <source>Δ %1</source>
        <translation>Δ %1</translation>
    </message>
    <message>
        <source>WER %1</source>
        <translation>WER %1</translation>
    </message>
</context>
<context>
    <name>vox::app::ChangeTexts</name>
    <message>
        <source>Created %1</source>
        <translation>Создан %1</translation>
    </message>
    <message>
        <source>%1 already exists; open it instead</source>
        <translation>%1 уже существует; откройте его</translation>
    </message>
    <message>
        <source>Read %1 lines…</source>
        <translation>Прочитано строк: %1…</translation>
    </message>
    <message>
        <source>Writing %1 utterances into the project…</source>
        <translation>Запись %1 высказываний в проект…</translation>
    </message>
    <message>
        <source>Nothing to import from %1</source>
        <translation>В %1 нечего импортировать</translation>
    </message>
    <message>
        <source>Imported %1 utterances as &quot;%2&quot; (%3 lines skipped)</source>
        <translation>Импортировано высказываний: %1 как «%2» (пропущено строк: %3)</translation>
    </message>
    <message numerus="yes">
        <source>Added %n package(s)</source>
        <translation>
            <numerusform>Добавлен %n пакет</numerusform>
            <numerusform>Добавлено %n пакета</numerusform>
            <numerusform>Добавлено %n пакетов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to import from %1: %n line(s) skipped, the first: %2</source>
        <translation>
            <numerusform>В %1 нечего импортировать: пропущена %n строка, первая: %2</numerusform>
            <numerusform>В %1 нечего импортировать: пропущены %n строки, первая: %2</numerusform>
            <numerusform>В %1 нечего импортировать: пропущено %n строк, первая: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the import was cancelled; the project is unchanged</source>
        <translation>импорт отменён; проект не изменился</translation>
    </message>
    <message numerus="yes">
        <source>%n package(s) may be loaded on this machine</source>
        <translation>
            <numerusform>%n пакет можно загружать на этой машине</numerusform>
            <numerusform>%n пакета можно загружать на этой машине</numerusform>
            <numerusform>%n пакетов можно загружать на этой машине</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vox::app::ComparisonSession</name>
    <message>
        <source>Choose the runs to export first</source>
        <translation>Сначала выберите прогоны для экспорта</translation>
    </message>
</context>
<context>
    <name>vox::app::ConfusionModel</name>
    <message>
        <source>substitution</source>
        <translation>замена</translation>
    </message>
    <message>
        <source>insertion</source>
        <translation>вставка</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>удаление</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (база)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <source>The baseline never makes this error</source>
        <translation>База никогда не делает эту ошибку</translation>
    </message>
    <message>
        <source>inserted &quot;%1&quot;</source>
        <translation>вставлено «%1»</translation>
    </message>
    <message>
        <source>deleted &quot;%1&quot;</source>
        <translation>удалено «%1»</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Эталон</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>Гипотеза</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>In the baseline</source>
        <translation>В базе</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новая</translation>
    </message>
</context>
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
    <name>vox::app::DiffTexts</name>
    <message>
        <source>no errors</source>
        <translation>без ошибок</translation>
    </message>
    <message>
        <source>%1 substituted, %2 deleted, %3 inserted of %4 words</source>
        <translation>замен: %1, пропусков: %2, вставок: %3 на %4 слов</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 против %2</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>результата ещё нет</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Эталон</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#fde2b8&apos;&gt;substitution&lt;/span&gt; &lt;span style=&apos;background:#f8c4c4;text-decoration:line-through&apos;&gt;deletion&lt;/span&gt; &lt;span style=&apos;background:#c8ecc8&apos;&gt;insertion&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:#fde2b8&apos;&gt;замена&lt;/span&gt; &lt;span style=&apos;background:#f8c4c4;text-decoration:line-through&apos;&gt;пропуск&lt;/span&gt; &lt;span style=&apos;background:#c8ecc8&apos;&gt;вставка&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>vox::app::HallucinationModel</name>
    <message>
        <source>much longer than the reference</source>
        <translation>намного длиннее эталона</translation>
    </message>
    <message>
        <source>repeated n-gram</source>
        <translation>повтор n-граммы</translation>
    </message>
    <message>
        <source>text where there is no speech</source>
        <translation>текст там, где нет речи</translation>
    </message>
    <message>
        <source>Reference: %1</source>
        <translation>Эталон: %1</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Utterance</source>
        <translation>Высказывание</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Признак</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>Гипотеза</translation>
    </message>
    <message>
        <source>Words are counted after the comparison&apos;s normalizer (%1)</source>
        <translation>Слова считаются после нормализатора сравнения (%1)</translation>
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
    <name>vox::app::KernelTableModel</name>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Ядро</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Вызовы</translation>
    </message>
    <message>
        <source>Device ms</source>
        <translation>Устройство, мс</translation>
    </message>
    <message>
        <source>Device ms / utt.</source>
        <translation>Устройство, мс / выск.</translation>
    </message>
</context>
<context>
    <name>vox::app::KwsClipModel</name>
    <message>
        <source> (keyword)</source>
        <translation> (ключевое слово)</translation>
    </message>
    <message>
        <source>predicted: %1</source>
        <translation>предсказано: %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>верно</translation>
    </message>
    <message>
        <source>false alarm</source>
        <translation>ложная тревога</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>пропуск</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Клип</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>%1 p(keyword)</source>
        <translation>%1 p(ключ. слова)</translation>
    </message>
    <message>
        <source>%1 at threshold</source>
        <translation>%1 при пороге</translation>
    </message>
</context>
<context>
    <name>vox::app::KwsCostModel</name>
    <message>
        <source>%1 M</source>
        <translation>%1 млн</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 тыс.</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>база</translation>
    </message>
    <message>
        <source>%1 per clip</source>
        <translation>%1 на клип</translation>
    </message>
    <message>
        <source>%1 per chunk</source>
        <translation>%1 на фрагмент</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>MACs/s</source>
        <translation>MAC/с</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Parameter bytes</source>
        <translation>Байты параметров</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>На диске</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>Пиковая память</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>RTF</source>
        <translation>RTF</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Быстрее</translation>
    </message>
    <message>
        <source>Less memory</source>
        <translation>Меньше памяти</translation>
    </message>
    <message>
        <source>Fewer MACs</source>
        <translation>Меньше MAC</translation>
    </message>
    <message>
        <source>Δ area</source>
        <translation>Δ площади</translation>
    </message>
    <message>
        <source>Multiply-accumulates per second of audio, counted from the package&apos;s layers (int8 layers like their float versions)</source>
        <translation>Умножения с накоплением на секунду аудио, посчитанные по слоям пакета (слои int8 — как их версии с плавающей точкой)</translation>
    </message>
    <message>
        <source>The baseline&apos;s time per clip (or chunk) over this run&apos;s</source>
        <translation>Время базового варианта на клип (или фрагмент), делённое на время этого прогона</translation>
    </message>
    <message>
        <source>The baseline&apos;s peak memory over this run&apos;s</source>
        <translation>Пиковая память базового варианта, делённая на память этого прогона</translation>
    </message>
    <message>
        <source>The baseline&apos;s MACs per second over this run&apos;s</source>
        <translation>MAC в секунду базового варианта, делённые на MAC этого прогона</translation>
    </message>
    <message>
        <source>This run&apos;s area minus the baseline&apos;s (negative is better)</source>
        <translation>Площадь этого прогона минус площадь базового (отрицательное значение лучше)</translation>
    </message>
</context>
<context>
    <name>vox::app::KwsSummaryModel</name>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (база)</translation>
    </message>
    <message>
        <source>%1 clips (%2 keyword)</source>
        <translation>клипов: %1 (с ключевым словом: %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n поток</numerusform>
            <numerusform>%n потока</numerusform>
            <numerusform>%n потоков</numerusform>
        </translation>
    </message>
    <message>
        <source>pass</source>
        <translation>проходит</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>не проходит</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 of %2 hit, %3 false</source>
        <translation>найдено %1 из %2, ложных %3</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Набор данных</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Оценено</translation>
    </message>
    <message>
        <source>Area [95% CI]</source>
        <translation>Площадь [95% ДИ]</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Порог прохождения</translation>
    </message>
    <message>
        <source>FRR at target FA</source>
        <translation>FRR при целевом FA</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>FA rate</source>
        <translation>Доля FA</translation>
    </message>
    <message>
        <source>FR rate</source>
        <translation>Доля FR</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Точность</translation>
    </message>
    <message>
        <source>Stream detections</source>
        <translation>Срабатывания в потоке</translation>
    </message>
    <message>
        <source>FA/hour</source>
        <translation>FA/час</translation>
    </message>
    <message>
        <source>Miss rate</source>
        <translation>Доля пропусков</translation>
    </message>
    <message>
        <source>Miss at target FA/h</source>
        <translation>Пропуски при целевом FA/ч</translation>
    </message>
    <message>
        <source>Area under the false-alarm / false-reject curve over the clips (lower is better), with a 95 % bootstrap interval over clips</source>
        <translation>Площадь под кривой ложных тревог / ложных отказов по клипам (меньше — лучше), с 95-процентным бутстреп-интервалом по клипам</translation>
    </message>
    <message>
        <source>The area at or below the pass mark passes</source>
        <translation>Площадь не выше порога прохождения проходит</translation>
    </message>
    <message>
        <source>The lowest false-reject rate at a clip false-alarm rate at or below the target</source>
        <translation>Наименьшая доля ложных отказов при доле ложных тревог по клипам не выше целевой</translation>
    </message>
    <message>
        <source>Non-keyword clips at or above the threshold (how many)</source>
        <translation>Клипы без ключевого слова на пороге или выше (сколько)</translation>
    </message>
    <message>
        <source>Keyword clips below the threshold (how many)</source>
        <translation>Клипы с ключевым словом ниже порога (сколько)</translation>
    </message>
    <message>
        <source>The lowest miss rate with at most the target false alarms per hour on the streams</source>
        <translation>Наименьшая доля пропусков при не более чем целевом числе ложных тревог в час на потоках</translation>
    </message>
</context>
<context>
    <name>vox::app::OperatorTableModel</name>
    <message>
        <source>Time in TorchScript frames outside any operator: the interpreter&apos;s own work</source>
        <translation>Время в кадрах TorchScript вне операторов: работа самого интерпретатора</translation>
    </message>
    <message>
        <source>Time inside a stage but in no operator: the engine&apos;s own code between calls</source>
        <translation>Время внутри этапа, но вне операторов: собственный код движка между вызовами</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Input shapes</source>
        <translation>Формы входов</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Вызовы</translation>
    </message>
    <message>
        <source>Self ms</source>
        <translation>Собств., мс</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>Total ms</source>
        <translation>Всего, мс</translation>
    </message>
    <message>
        <source>MFLOP</source>
        <translation>MFLOP</translation>
    </message>
    <message>
        <source>Features ms</source>
        <translation>Признаки, мс</translation>
    </message>
    <message>
        <source>Encoder ms</source>
        <translation>Кодировщик, мс</translation>
    </message>
    <message>
        <source>Decoder ms</source>
        <translation>Декодер, мс</translation>
    </message>
</context>
<context>
    <name>vox::app::ProfileComparisonModel</name>
    <message>
        <source>removed</source>
        <translation>удалён</translation>
    </message>
    <message>
        <source>added</source>
        <translation>добавлен</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Calls A / utt.</source>
        <translation>Вызовы A / выск.</translation>
    </message>
    <message>
        <source>Calls B / utt.</source>
        <translation>Вызовы B / выск.</translation>
    </message>
    <message>
        <source>Self ms A / utt.</source>
        <translation>Собств. мс A / выск.</translation>
    </message>
    <message>
        <source>Self ms B / utt.</source>
        <translation>Собств. мс B / выск.</translation>
    </message>
    <message>
        <source>Δ ms / utt.</source>
        <translation>Δ мс / выск.</translation>
    </message>
    <message>
        <source>Share A</source>
        <translation>Доля A</translation>
    </message>
    <message>
        <source>Share B</source>
        <translation>Доля B</translation>
    </message>
</context>
<context>
    <name>vox::app::ProfileSession</name>
    <message numerus="yes">
        <source>%n run(s) executing in VoxBench</source>
        <translation>
            <numerusform>в VoxBench выполняется %n прогон</numerusform>
            <numerusform>в VoxBench выполняются %n прогона</numerusform>
            <numerusform>в VoxBench выполняются %n прогонов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vox::app::ProfileSummary</name>
    <message>
        <source>no profile yet: press Profile</source>
        <translation>профиля ещё нет: нажмите «Профилировать»</translation>
    </message>
    <message>
        <source>measured while %1</source>
        <translation>измерено, пока: %1</translation>
    </message>
    <message>
        <source>%1 ms per utterance profiled (%2 without the profiler: overhead %3 %) · self times %4 % of the total · %5 utterances · %6, %7, %8</source>
        <translation>%1 мс на высказывание под профилировщиком (%2 без него: накладные расходы %3 %) · собственное время — %4 % от общего · высказываний: %5 · %6, %7, %8</translation>
    </message>
    <message>
        <source>&lt;b&gt;B − A&lt;/b&gt;: WER %1 · CER %2 · time %3 ms per utterance</source>
        <translation>&lt;b&gt;B − A&lt;/b&gt;: WER %1 · CER %2 · время %3 мс на высказывание</translation>
    </message>
    <message>
        <source>%1: %2, %3; %4 utterances; profiler overhead %5 %</source>
        <translation>%1: %2, %3; высказываний: %4; накладные расходы профилировщика %5 %</translation>
    </message>
    <message>
        <source>accuracy %1</source>
        <translation>точность %1</translation>
    </message>
    <message>
        <source>FA/FR area %1</source>
        <translation>площадь FA/FR %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;B − A&lt;/b&gt;: accuracy %1 · time %2 ms per clip</source>
        <translation>&lt;b&gt;B − A&lt;/b&gt;: точность %1 · время %2 мс на клип</translation>
    </message>
</context>
<context>
    <name>vox::app::ProjectSession</name>
    <message>
        <source>Could not open the project: %1</source>
        <translation>Не удалось открыть проект: %1</translation>
    </message>
    <message>
        <source>Could not read the project&apos;s runs: %1</source>
        <translation>Не удалось прочитать прогоны проекта: %1</translation>
    </message>
    <message>
        <source>… and %1 more lines skipped</source>
        <translation>… и ещё пропущено строк: %1</translation>
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
    <name>vox::app::RunListModel</name>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>прерван</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>не начат</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>нет: %1</translation>
    </message>
    <message>
        <source>Same settings and environment as the first run over this dataset</source>
        <translation>Те же настройки и окружение, что у первого прогона на этом наборе</translation>
    </message>
    <message>
        <source>Differs from the first run over this dataset in: %1</source>
        <translation>Отличается от первого прогона на этом наборе: %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Набор</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Ход</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибок</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>RTF</source>
        <translation>RTF</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Comparable</source>
        <translation>Сравним</translation>
    </message>
    <message>
        <source>running in another process</source>
        <translation>выполняется в другом процессе</translation>
    </message>
</context>
<context>
    <name>vox::app::RunSummaryModel</name>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (база)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Corpus rate under %1 with a 95 % bootstrap interval (1,000 resamples of utterances)</source>
        <translation>Доля по корпусу с нормализатором %1 и 95-процентным бутстреп-интервалом (1000 перевыборок высказываний)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Оценено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибок</translation>
    </message>
    <message>
        <source>WER [95% CI]</source>
        <translation>WER [95% ДИ]</translation>
    </message>
    <message>
        <source>CER [95% CI]</source>
        <translation>CER [95% ДИ]</translation>
    </message>
    <message>
        <source>WER none</source>
        <translation>WER none</translation>
    </message>
    <message>
        <source>WER basic</source>
        <translation>WER basic</translation>
    </message>
    <message>
        <source>WER whisper-en</source>
        <translation>WER whisper-en</translation>
    </message>
    <message>
        <source>ms/utt</source>
        <translation>мс/выск.</translation>
    </message>
    <message>
        <source>median ms</source>
        <translation>медиана, мс</translation>
    </message>
    <message>
        <source>p90 ms</source>
        <translation>p90, мс</translation>
    </message>
    <message>
        <source>RTF</source>
        <translation>RTF</translation>
    </message>
    <message>
        <source>Peak MB</source>
        <translation>Пик, МБ</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
</context>
<context>
    <name>vox::app::RunTexts</name>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n поток</numerusform>
            <numerusform>%n потока</numerusform>
            <numerusform>%n потоков</numerusform>
        </translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>пакет %1</translation>
    </message>
    <message>
        <source>beam %1</source>
        <translation>луч %1</translation>
    </message>
    <message>
        <source>warm-up %1</source>
        <translation>прогрев %1</translation>
    </message>
    <message>
        <source>repeats %1</source>
        <translation>повторов %1</translation>
    </message>
    <message>
        <source>optimized</source>
        <translation>оптимизирован</translation>
    </message>
    <message>
        <source>first %1</source>
        <translation>первые %1</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is unknown to this VoxBench (a newer one wrote it)</source>
        <translation>состояние «%1» неизвестно этой версии VoxBench (его записала более новая)</translation>
    </message>
    <message>
        <source>chunk %1</source>
        <translation>фрагмент %1</translation>
    </message>
    <message>
        <source>the package&apos;s chunk</source>
        <translation>фрагмент пакета</translation>
    </message>
    <message>
        <source>no speech above %1</source>
        <translation>нет речи выше %1</translation>
    </message>
</context>
<context>
    <name>vox::app::UtteranceChangeModel</name>
    <message>
        <source>broken</source>
        <translation>сломано</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>исправлено</translation>
    </message>
    <message>
        <source>Right in the baseline, wrong in this run</source>
        <translation>Верно в базе, ошибочно в этом прогоне</translation>
    </message>
    <message>
        <source>Wrong in the baseline, right in this run</source>
        <translation>Ошибочно в базе, верно в этом прогоне</translation>
    </message>
    <message>
        <source>%1: broken</source>
        <translation>%1: сломанные</translation>
    </message>
    <message>
        <source>%1: fixed</source>
        <translation>%1: исправленные</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Utterances</source>
        <translation>Высказывания</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>First ones</source>
        <translation>Первые</translation>
    </message>
</context>
<context>
    <name>vox::app::UtteranceResultsModel</name>
    <message>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>%1 correct, %2 substituted, %3 deleted, %4 inserted</source>
        <translation>верно: %1, замен: %2, пропусков: %3, вставок: %4</translation>
    </message>
    <message>
        <source>Utterance</source>
        <translation>Высказывание</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Эталон</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Секунды</translation>
    </message>
    <message>
        <source>%1 WER</source>
        <translation>WER %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1, мс</translation>
    </message>
    <message>
        <source>No speech detected (no-speech probability %1)</source>
        <translation>Речь не обнаружена (вероятность отсутствия речи %1)</translation>
    </message>
    <message>
        <source>No-speech probability %1</source>
        <translation>Вероятность отсутствия речи %1</translation>
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
    <name>vox::app::WriteTexts</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
</context>
<context>
    <name>vox::ui::AnalysisTabs</name>
    <message>
        <source>Only the errors the baseline never makes</source>
        <translation>Только ошибки, которых база никогда не делает</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Прогоны</translation>
    </message>
    <message>
        <source>Against the baseline</source>
        <translation>Против базы</translation>
    </message>
    <message>
        <source>Speaker, a field of the dataset&apos;s manifest, or the utterance&apos;s duration</source>
        <translation>Диктор, поле манифеста набора данных или длительность высказывания</translation>
    </message>
    <message>
        <source>WER by</source>
        <translation>WER по</translation>
    </message>
    <message>
        <source>Breakdowns</source>
        <translation>Разбивки</translation>
    </message>
    <message>
        <source>Broken and fixed</source>
        <translation>Сломанные и исправленные</translation>
    </message>
    <message>
        <source>Confusions</source>
        <translation>Путаницы</translation>
    </message>
    <message>
        <source>Hallucination signals</source>
        <translation>Признаки галлюцинаций</translation>
    </message>
    <message>
        <source>Click a row to show its utterances in the table below</source>
        <translation>Щёлкните строку, чтобы показать её высказывания в таблице ниже</translation>
    </message>
    <message>
        <source>Against the baseline (%1)</source>
        <translation>Против базы (%1)</translation>
    </message>
    <message>
        <source>Hallucination signals (%1)</source>
        <translation>Признаки галлюцинаций (%1)</translation>
    </message>
    <message>
        <source>Check a second run to compare it with the baseline, %1 (run %2).</source>
        <translation>Отметьте второй прогон, чтобы сравнить его с базой, %1 (прогон %2).</translation>
    </message>
    <message>
        <source>Baseline: %1 (run %2), normalizer %3; %4.</source>
        <translation>База: %1 (прогон %2), нормализатор %3; %4.</translation>
    </message>
    <message>
        <source>No hypothesis shows a signal. </source>
        <translation>Ни одна гипотеза не показывает признаков. </translation>
    </message>
    <message>
        <source>Signals: a hypothesis at least %1 times as long as its reference and %2 words longer; an n-gram of up to %3 words repeated %4 times or more in a row (more often than the reference repeats it); text where the reference is empty or Whisper&apos;s no-speech probability is above the run&apos;s threshold.</source>
        <translation>Признаки: гипотеза не менее чем в %1 раза длиннее эталона и на %2 слов длиннее; n-грамма до %3 слов, повторённая %4 раз или больше подряд (чаще, чем в эталоне); текст там, где эталон пуст или вероятность отсутствия речи Whisper выше порога прогона.</translation>
    </message>
    <message>
        <source>Check two or more runs above: each is compared with the first.</source>
        <translation>Отметьте выше два прогона или больше: каждый сравнивается с первым.</translation>
    </message>
</context>
<context>
    <name>vox::ui::AudioView</name>
    <message>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>Не удаётся воспроизвести: %1</translation>
    </message>
    <message>
        <source>Select an utterance to see and play it.</source>
        <translation>Выберите высказывание, чтобы увидеть и прослушать его.</translation>
    </message>
    <message>
        <source>Cannot read the audio: %1</source>
        <translation>Не удаётся прочитать аудио: %1</translation>
    </message>
    <message>
        <source>%1 · %2 s · %3 Hz · log-mel, %4 bins</source>
        <translation>%1 · %2 с · %3 Гц · лог-мел, %4 полос</translation>
    </message>
</context>
<context>
    <name>vox::ui::ChartsPage</name>
    <message>
        <source>Compare runs on the Results page; their charts appear here.</source>
        <translation>Сравните прогоны на странице «Результаты» — их графики появятся здесь.</translation>
    </message>
    <message>
        <source>Export %1…</source>
        <translation>Экспорт %1…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Экспорт отчёта…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Экспорт графика</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>Файлы %1 (*.%2)</translation>
    </message>
    <message>
        <source>Export report into a folder</source>
        <translation>Экспорт отчёта в папку</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) into %1</source>
        <translation>
            <numerusform>Записан %n файл в %1</numerusform>
            <numerusform>Записано %n файла в %1</numerusform>
            <numerusform>Записано %n файлов в %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vox::ui::ComparisonChartTabs</name>
    <message>
        <source>WER and CER</source>
        <translation>WER и CER</translation>
    </message>
    <message>
        <source>Time per utterance</source>
        <translation>Время на высказывание</translation>
    </message>
    <message>
        <source>Real-time factor</source>
        <translation>Коэффициент реального времени</translation>
    </message>
    <message>
        <source>Speed vs accuracy</source>
        <translation>Скорость и точность</translation>
    </message>
    <message>
        <source>Latency vs duration</source>
        <translation>Задержка и длительность</translation>
    </message>
    <message>
        <source>Time histogram</source>
        <translation>Гистограмма времени</translation>
    </message>
    <message>
        <source>%1, %2 (95 % interval)</source>
        <translation>%1, %2 (95-процентный интервал)</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Фронт Парето</translation>
    </message>
    <message>
        <source>mean time per utterance (ms)</source>
        <translation>среднее время на высказывание (мс)</translation>
    </message>
    <message>
        <source>WER (%)</source>
        <translation>WER (%)</translation>
    </message>
    <message>
        <source>audio duration (s)</source>
        <translation>длительность аудио (с)</translation>
    </message>
    <message>
        <source>time (ms)</source>
        <translation>время (мс)</translation>
    </message>
    <message>
        <source>time per utterance (ms)</source>
        <translation>время на высказывание (мс)</translation>
    </message>
    <message>
        <source>utterances</source>
        <translation>высказывания</translation>
    </message>
    <message>
        <source>WER and CER (%1 normalizer)</source>
        <translation>WER и CER (нормализатор %1)</translation>
    </message>
    <message>
        <source>Mean time per utterance</source>
        <translation>Среднее время на высказывание</translation>
    </message>
    <message>
        <source>Real-time factor (compute time / audio time)</source>
        <translation>Коэффициент реального времени (время вычислений / время аудио)</translation>
    </message>
    <message>
        <source>Speed against accuracy</source>
        <translation>Скорость против точности</translation>
    </message>
    <message>
        <source>Latency against audio duration</source>
        <translation>Задержка в зависимости от длительности аудио</translation>
    </message>
    <message>
        <source>Per-utterance time</source>
        <translation>Время по высказываниям</translation>
    </message>
    <message>
        <source>WER %</source>
        <translation>WER, %</translation>
    </message>
    <message>
        <source>CER %</source>
        <translation>CER, %</translation>
    </message>
    <message>
        <source>ms per utterance</source>
        <translation>мс на высказывание</translation>
    </message>
    <message>
        <source>real-time factor</source>
        <translation>коэффициент реального времени</translation>
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
    <message>
        <source>Datasets: %1 · utterances: %2 · %3</source>
        <translation>Наборов данных: %1 · высказываний: %2 · %3</translation>
    </message>
</context>
<context>
    <name>vox::ui::DiffView</name>
    <message>
        <source>the reference</source>
        <translation>эталона</translation>
    </message>
    <message>
        <source>the baseline run</source>
        <translation>базового прогона</translation>
    </message>
    <message>
        <source>Select an utterance in the results to see each variant&apos;s words aligned.</source>
        <translation>Выберите высказывание в результатах, чтобы увидеть выравнивание слов каждого варианта.</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>Копировать текстом</translation>
    </message>
    <message>
        <source>Copy as HTML</source>
        <translation>Копировать как HTML</translation>
    </message>
    <message>
        <source>Align against</source>
        <translation>Выравнивать относительно</translation>
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
    <message>
        <source>Reading the libtorch environment…</source>
        <translation>Чтение окружения libtorch…</translation>
    </message>
</context>
<context>
    <name>vox::ui::FirstContact</name>
    <message>
        <source>Run the demo comparison</source>
        <translation>Запустить демо-сравнение</translation>
    </message>
    <message>
        <source>Go to the Runs page</source>
        <translation>Перейти на страницу «Прогоны»</translation>
    </message>
    <message>
        <source>Runs whisper-demo-fp32 (the baseline), whisper-demo-int8 and whisper-demo-student over &quot;demo clean&quot; with the default settings</source>
        <translation>Запускает whisper-demo-fp32 (база), whisper-demo-int8 и whisper-demo-student на «demo clean» с настройками по умолчанию</translation>
    </message>
    <message>
        <source>Open a project (File ▸ Open Project…) or create one (File ▸ New Project…).</source>
        <translation>Откройте проект (Файл ▸ Открыть проект…) или создайте его (Файл ▸ Новый проект…).</translation>
    </message>
    <message>
        <source>Nothing has run in this project yet. Run the demo comparison: the demo Whisper in full precision (the baseline), its int8 version and its distilled student over the 120 clean utterances, about a quarter of a minute on two cores. The demo models are tiny, trained here on synthetic speech; their figures show how VoxBench works, not how Whisper performs. Or choose variants and a dataset on the Runs page.</source>
        <translation>В этом проекте ещё ничего не запускалось. Запустите демо-сравнение: демо-Whisper в полной точности (база), его int8-версия и дистиллированный ученик на 120 чистых высказываниях, около четверти минуты на двух ядрах. Демо-модели крошечные, обучены здесь на синтетической речи; их цифры показывают, как работает VoxBench, а не качество Whisper. Или выберите варианты и набор данных на странице «Прогоны».</translation>
    </message>
    <message>
        <source>Nothing has run over a speech dataset yet. On the Runs page, check the variants to compare and a dataset, then press Run; the results appear here as they come.</source>
        <translation>На речевом наборе данных ещё ничего не запускалось. На странице «Прогоны» отметьте варианты для сравнения и набор данных, затем нажмите «Запустить»; результаты появятся здесь по мере готовности.</translation>
    </message>
    <message>
        <source>Nothing has run in this project yet. On the Runs page, check the variants to compare and a dataset, then press Run.</source>
        <translation>В этом проекте ещё ничего не запускалось. На странице «Прогоны» отметьте варианты для сравнения и набор данных, затем нажмите «Запустить».</translation>
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
    <name>vox::ui::KwsChartTabs</name>
    <message>
        <source>FA/FR curves</source>
        <translation>Кривые FA/FR</translation>
    </message>
    <message>
        <source>Stream timeline</source>
        <translation>Поток во времени</translation>
    </message>
    <message>
        <source>false-alarm rate (non-keyword clips)</source>
        <translation>доля ложных тревог (клипы без ключевого слова)</translation>
    </message>
    <message>
        <source>false-reject rate (keyword clips)</source>
        <translation>доля ложных отказов (клипы с ключевым словом)</translation>
    </message>
    <message>
        <source>%1 (area %2)</source>
        <translation>%1 (площадь %2)</translation>
    </message>
    <message>
        <source>Dots: each run at its threshold (%1). Pass mark: area at most %2.</source>
        <translation>Точки: каждый прогон при своём пороге (%1). Порог прохождения: площадь не больше %2.</translation>
    </message>
    <message>
        <source>the package&apos;s</source>
        <translation>порог пакета</translation>
    </message>
    <message>
        <source>Rates of 0 are drawn at %1.</source>
        <translation>Нулевые доли показаны на уровне %1.</translation>
    </message>
    <message>
        <source>False-alarm / false-reject curves over the clips</source>
        <translation>Кривые ложных тревог / ложных отказов по клипам</translation>
    </message>
    <message>
        <source>stream time (s)</source>
        <translation>время потока (с)</translation>
    </message>
    <message>
        <source>keyword score</source>
        <translation>оценка ключевого слова</translation>
    </message>
    <message>
        <source>missed keyword</source>
        <translation>пропущенное ключевое слово</translation>
    </message>
    <message>
        <source>%1: detections at threshold %2 (green: hit, red: false alarm; ✕: missed keyword; shaded: keyword spoken).
Double-click to play that moment; drag or zoom for the rest.</source>
        <translation>%1: срабатывания при пороге %2 (зелёные: попадание, красные: ложная тревога; ✕: пропущенное ключевое слово; заливка: ключевое слово произнесено).
Двойной щелчок воспроизводит этот момент; остальное — перетаскиванием или масштабом.</translation>
    </message>
    <message>
        <source>Keyword score over the stream</source>
        <translation>Оценка ключевого слова по потоку</translation>
    </message>
    <message>
        <source>Drawn up to the FA rate where every curve reaches FR 0.</source>
        <translation>Показано до доли ложных срабатываний, при которой все кривые достигают FR 0.</translation>
    </message>
</context>
<context>
    <name>vox::ui::KwsPage</name>
    <message>
        <source>Run a keyword-spotting variant on the Runs page (a KWS package over a clip set or a stream, such as the demo&apos;s), then compare the variants here.</source>
        <translation>Запустите вариант распознавания ключевых слов на странице «Прогоны» (пакет KWS на наборе клипов или на потоке, например демонстрационных), затем сравните варианты здесь.</translation>
    </message>
    <message>
        <source>Each package&apos;s own</source>
        <translation>Свой у каждого пакета</translation>
    </message>
    <message>
        <source>Log axes</source>
        <translation>Логарифмические оси</translation>
    </message>
    <message>
        <source>A variant whose area is at or below this passes</source>
        <translation>Вариант с площадью не выше этой проходит</translation>
    </message>
    <message>
        <source>FRR is read at this clip false-alarm rate</source>
        <translation>FRR берётся при этой доле ложных тревог по клипам</translation>
    </message>
    <message>
        <source>Re-scores the stored probabilities and stream scores: no run again</source>
        <translation>Пересчитывает сохранённые вероятности и оценки потока: без повторного прогона</translation>
    </message>
    <message>
        <source>Score every run at its package&apos;s detection threshold</source>
        <translation>Оценивать каждый прогон при пороге обнаружения его пакета</translation>
    </message>
    <message>
        <source>All clips</source>
        <translation>Все клипы</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>Ложные тревоги</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Пропуски</translation>
    </message>
    <message>
        <source>The run whose detections the timeline shows</source>
        <translation>Прогон, чьи срабатывания показаны на шкале времени</translation>
    </message>
    <message>
        <source>Runs to compare (the first checked is the baseline)</source>
        <translation>Прогоны для сравнения (первый отмеченный — базовый)</translation>
    </message>
    <message>
        <source>&amp;Pass mark (area)</source>
        <translation>&amp;Порог прохождения (площадь)</translation>
    </message>
    <message>
        <source>FRR at &amp;FA rate</source>
        <translation>FRR при доле &amp;FA</translation>
    </message>
    <message>
        <source>&amp;Threshold</source>
        <translation>П&amp;орог</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Затраты</translation>
    </message>
    <message>
        <source>Clips (as filtered)</source>
        <translation>Клипы (с фильтром)</translation>
    </message>
    <message>
        <source>Filter by clip or label</source>
        <translation>Фильтр по клипу или метке</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Клипы</translation>
    </message>
    <message>
        <source>Cost and ratios</source>
        <translation>Затраты и отношения</translation>
    </message>
    <message>
        <source>Stream run</source>
        <translation>Прогон потока</translation>
    </message>
    <message>
        <source>Reading the runs…</source>
        <translation>Чтение прогонов…</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Прогон %1: %2</translation>
    </message>
    <message>
        <source>%1 (package&apos;s)</source>
        <translation>%1 (пакета)</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) compared</source>
        <translation>
            <numerusform>сравнивается %n прогон</numerusform>
            <numerusform>сравниваются %n прогона</numerusform>
            <numerusform>сравниваются %n прогонов</numerusform>
        </translation>
    </message>
    <message>
        <source>Playing the stream from %1 s</source>
        <translation>Воспроизведение потока с %1 с</translation>
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
        <source>%1 — VoxBench</source>
        <translation>%1 — VoxBench</translation>
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
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Новый проект…</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Новый проект</translation>
    </message>
    <message>
        <source>VoxBench projects (*.voxbench)</source>
        <translation>Проекты VoxBench (*.voxbench)</translation>
    </message>
    <message>
        <source>Import Dataset &amp;Folder…</source>
        <translation>Импорт &amp;папки набора…</translation>
    </message>
    <message>
        <source>Import a dataset folder (audio folder, LibriSpeech, Kaldi)</source>
        <translation>Импорт папки набора (папка аудио, LibriSpeech, Kaldi)</translation>
    </message>
    <message>
        <source>Import Dataset &amp;Manifest…</source>
        <translation>Импорт &amp;манифеста набора…</translation>
    </message>
    <message>
        <source>Import a manifest or table (NeMo, Common Voice, CSV/TSV)</source>
        <translation>Импорт манифеста или таблицы (NeMo, Common Voice, CSV/TSV)</translation>
    </message>
    <message>
        <source>Manifests and tables (*.json *.jsonl *.tsv *.csv *.txt);;All files (*)</source>
        <translation>Манифесты и таблицы (*.json *.jsonl *.tsv *.csv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Add Model &amp;Package…</source>
        <translation>Добавить &amp;пакет модели…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop the import; the project stays as it was</source>
        <translation>Остановить импорт; проект останется прежним</translation>
    </message>
    <message>
        <source>Add a model package folder — a package is code: add only packages from someone you trust</source>
        <translation>Добавить папку пакета модели — пакет является кодом: добавляйте только пакеты от тех, кому доверяете</translation>
    </message>
    <message>
        <source>Register a model package folder as a variant; loading a package runs its code (TorchScript), so add only packages from someone you trust</source>
        <translation>Зарегистрировать папку пакета модели как вариант; загрузка пакета выполняет его код (TorchScript), поэтому добавляйте только пакеты от тех, кому доверяете</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <source>Opened %1 read-only, for viewing: %2</source>
        <translation>%1 открыт только для чтения, для просмотра: %2</translation>
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
    <message>
        <source>Keyword spotting</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <source>Keyword spotters side by side: the FA/FR area, detections on a stream, MACs, memory and speed, and ratios to the baseline.</source>
        <translation>Детекторы ключевых слов рядом: площадь FA/FR, срабатывания в потоке, MAC, память, скорость и отношения к базовому.</translation>
    </message>
</context>
<context>
    <name>vox::ui::PlotExport</name>
    <message>
        <source>Choose a .png, .svg or .pdf file name</source>
        <translation>Выберите имя файла .png, .svg или .pdf</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Не удалось записать %1</translation>
    </message>
</context>
<context>
    <name>vox::ui::ProfileChartTabs</name>
    <message>
        <source>Top operators</source>
        <translation>Главные операторы</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <source>self time, ms per utterance</source>
        <translation>собственное время, мс на высказывание</translation>
    </message>
    <message>
        <source>Top operators by self time</source>
        <translation>Главные операторы по собственному времени</translation>
    </message>
    <message>
        <source>ms per utterance</source>
        <translation>мс на высказывание</translation>
    </message>
    <message>
        <source>features</source>
        <translation>признаки</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>кодировщик</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>декодер</translation>
    </message>
    <message>
        <source>outside stages</source>
        <translation>вне этапов</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>Время по этапам</translation>
    </message>
</context>
<context>
    <name>vox::ui::ProfilerPage</name>
    <message>
        <source>Group by input shapes</source>
        <translation>Группировать по формам входов</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профилировать</translation>
    </message>
    <message>
        <source>The run&apos;s first utterances are profiled, after two warm-up calls</source>
        <translation>Профилируются первые высказывания прогона, после двух прогревочных вызовов</translation>
    </message>
    <message>
        <source>Top </source>
        <translation>Первые </translation>
    </message>
    <message>
        <source>Capture a profile of each chosen run that has none yet (with the run&apos;s variant and settings)</source>
        <translation>Снять профиль каждого выбранного прогона, у которого его ещё нет (с вариантом и настройками прогона)</translation>
    </message>
    <message>
        <source>Operators A</source>
        <translation>Операторы A</translation>
    </message>
    <message>
        <source>Operators B</source>
        <translation>Операторы B</translation>
    </message>
    <message>
        <source>A → B</source>
        <translation>A → B</translation>
    </message>
    <message>
        <source>Run &amp;A</source>
        <translation>Прогон &amp;A</translation>
    </message>
    <message>
        <source>compared with &amp;B</source>
        <translation>в сравнении с &amp;B</translation>
    </message>
    <message>
        <source>&amp;Utterances</source>
        <translation>&amp;Высказывания</translation>
    </message>
    <message>
        <source>Export trace…</source>
        <translation>Экспорт трассы…</translation>
    </message>
    <message>
        <source>Run A&apos;s profile as a Chrome trace (JSON) for Perfetto or chrome://tracing</source>
        <translation>Профиль прогона A как трасса Chrome (JSON) для Perfetto или chrome://tracing</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>Экспорт трассы</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Run %1: %2 on %3</source>
        <translation>Прогон %1: %2 на %3</translation>
    </message>
    <message>
        <source>Run a variant on the Runs page, then profile it here.</source>
        <translation>Запустите вариант на странице «Запуски», затем профилируйте его здесь.</translation>
    </message>
    <message>
        <source>Profiled.</source>
        <translation>Профиль снят.</translation>
    </message>
    <message numerus="yes">
        <source>Profiling run %1 on %n utterance(s)…</source>
        <translation>
            <numerusform>Профилирование прогона %1 на %n высказывании…</numerusform>
            <numerusform>Профилирование прогона %1 на %n высказываниях…</numerusform>
            <numerusform>Профилирование прогона %1 на %n высказываниях…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not profiled: %1</source>
        <translation>Профиль не снят: %1</translation>
    </message>
    <message>
        <source>Cannot read the profiles: %1</source>
        <translation>Не удалось прочитать профили: %1</translation>
    </message>
    <message>
        <source>Run A has no profile to export</source>
        <translation>У прогона A нет профиля для экспорта</translation>
    </message>
    <message>
        <source>Device kernels</source>
        <translation>Ядра устройства</translation>
    </message>
    <message>
        <source>Device time per kernel (CUDA builds of libtorch with Kineto); empty on CPU</source>
        <translation>Время устройства по ядрам (сборки libtorch с CUDA и Kineto); на CPU пусто</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop profiling; profiles captured before it stay</source>
        <translation>Остановить профилирование; уже снятые профили останутся</translation>
    </message>
</context>
<context>
    <name>vox::ui::ReportWriter</name>
    <message>
        <source>Compare runs on the Results page first</source>
        <translation>Сначала сравните прогоны на странице «Результаты»</translation>
    </message>
    <message>
        <source>Could not create %1</source>
        <translation>Не удалось создать %1</translation>
    </message>
    <message>
        <source>Could not write into %1</source>
        <translation>Не удалось записать в %1</translation>
    </message>
    <message>
        <source># VoxBench report

Normalizer: %1

</source>
        <translation># Отчёт VoxBench

Нормализатор: %1

</translation>
    </message>
    <message>
        <source>
## Keyword spotting

</source>
        <translation>
## Распознавание ключевых слов

</translation>
    </message>
    <message>
        <source># VoxBench report
</source>
        <translation># Отчёт VoxBench
</translation>
    </message>
    <message>
        <source>
## Against the baseline

</source>
        <translation>
## Против базы

</translation>
    </message>
    <message>
        <source>
### WER by %1

</source>
        <translation>
### WER по %1

</translation>
    </message>
    <message>
        <source>
## Confusions

</source>
        <translation>
## Путаницы

</translation>
    </message>
</context>
<context>
    <name>vox::ui::ResultsPage</name>
    <message>
        <source>How texts are normalized before scoring; the other normalizers&apos; WER is shown too</source>
        <translation>Как тексты нормализуются перед оценкой; WER с другими нормализаторами тоже показан</translation>
    </message>
    <message>
        <source>All utterances</source>
        <translation>Все высказывания</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Только с ошибками</translation>
    </message>
    <message>
        <source>Changed against the baseline</source>
        <translation>Изменившиеся относительно базы</translation>
    </message>
    <message>
        <source>Worst N</source>
        <translation>Худшие N</translation>
    </message>
    <message>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <source>Filter by id, reference or hypothesis</source>
        <translation>Фильтр по id, эталону или гипотезе</translation>
    </message>
    <message>
        <source>Runs to compare (the first checked is the baseline)</source>
        <translation>Прогоны для сравнения (первый отмеченный — базовый)</translation>
    </message>
    <message>
        <source>&amp;Normalizer</source>
        <translation>&amp;Нормализатор</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>Оценка…</translation>
    </message>
    <message numerus="yes">
        <source>%n utterance(s)</source>
        <translation>
            <numerusform>%n высказывание</numerusform>
            <numerusform>%n высказывания</numerusform>
            <numerusform>%n высказываний</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Not comparable:&lt;/b&gt; these runs differ in more than the variant, so their differences are not the variants&apos; alone.&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Несравнимо:&lt;/b&gt; эти прогоны различаются не только вариантом, поэтому разница между ними — не только заслуга вариантов.&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Utterances (as filtered)</source>
        <translation>Высказывания (с учётом фильтра)</translation>
    </message>
    <message>
        <source>No speech detected</source>
        <translation>Речь не обнаружена</translation>
    </message>
    <message>
        <source>Utterances in which a Whisper run&apos;s no-speech probability is above its threshold (0.6 where the run set none), or whose text the threshold dropped</source>
        <translation>Высказывания, в которых вероятность отсутствия речи в прогоне Whisper выше его порога (0,6, если прогон его не задал), или чей текст отброшен порогом</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Показать все</translation>
    </message>
    <message>
        <source>Against the baseline</source>
        <translation>Против базы</translation>
    </message>
    <message>
        <source>Breakdown (the field shown)</source>
        <translation>Разбивка (показанное поле)</translation>
    </message>
    <message>
        <source>Broken and fixed</source>
        <translation>Сломанные и исправленные</translation>
    </message>
    <message>
        <source>Confusions</source>
        <translation>Путаницы</translation>
    </message>
    <message>
        <source>Hallucination signals</source>
        <translation>Признаки галлюцинаций</translation>
    </message>
    <message>
        <source>sclite files…</source>
        <translation>Файлы sclite…</translation>
    </message>
    <message>
        <source>Write each compared run&apos;s .pra (aligned utterances) and .dtl (confusion pairs, insertions, deletions) into a folder</source>
        <translation>Записать в папку .pra (выровненные высказывания) и .dtl (пары путаниц, вставки, удаления) каждого сравниваемого прогона</translation>
    </message>
    <message>
        <source>Write sclite-style files into</source>
        <translation>Записать файлы в стиле sclite в</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s)</source>
        <translation>
            <numerusform>Записан %n файл</numerusform>
            <numerusform>Записано %n файла</numerusform>
            <numerusform>Записано %n файлов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 (%n utterance(s))</source>
        <translation>
            <numerusform>Показано: %1 (%n высказывание)</numerusform>
            <numerusform>Показано: %1 (%n высказывания)</numerusform>
            <numerusform>Показано: %1 (%n высказываний)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vox::ui::RunChecklist</name>
    <message>
        <source>Run %1: %2 on %3 — %4</source>
        <translation>Прогон %1: %2 на %3 — %4</translation>
    </message>
</context>
<context>
    <name>vox::ui::RunSettingsForm</name>
    <message>
        <source>Utterances decoded together (greedy only)</source>
        <translation>Высказывания, декодируемые вместе (только жадный поиск)</translation>
    </message>
    <message>
        <source>Beam size; 1 is greedy</source>
        <translation>Ширина луча; 1 — жадный поиск</translation>
    </message>
    <message>
        <source>New tokens per window; -1: the package&apos;s</source>
        <translation>Новых токенов на окно; -1: как в пакете</translation>
    </message>
    <message>
        <source>Untimed decodes before timing starts</source>
        <translation>Декодирования без замера перед началом замеров</translation>
    </message>
    <message>
        <source>Timed decodes per batch; the median is kept</source>
        <translation>Замеряемых декодирований на пакет; берётся медиана</translation>
    </message>
    <message>
        <source>The dataset&apos;s first N utterances; 0: all</source>
        <translation>Первые N высказываний набора; 0: все</translation>
    </message>
    <message>
        <source>Freeze and optimize at load</source>
        <translation>Заморозить и оптимизировать при загрузке</translation>
    </message>
    <message>
        <source>package&apos;s (auto)</source>
        <translation>как в пакете (auto)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <source>package&apos;s</source>
        <translation>как в пакете</translation>
    </message>
    <message>
        <source>CPU, float32 packages: weights become constants and linear layers are prepacked</source>
        <translation>CPU, пакеты float32: веса становятся константами, линейные слои упаковываются заранее</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>&amp;Устройство</translation>
    </message>
    <message>
        <source>D&amp;type</source>
        <translation>&amp;Тип данных</translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation>П&amp;отоки</translation>
    </message>
    <message>
        <source>&amp;Utterances</source>
        <translation>&amp;Высказывания</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Пакет</translation>
    </message>
    <message>
        <source>B&amp;eam</source>
        <translation>&amp;Луч</translation>
    </message>
    <message>
        <source>&amp;Warm-up</source>
        <translation>П&amp;рогрев</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>Пов&amp;торы</translation>
    </message>
    <message>
        <source>&amp;Max tokens</source>
        <translation>&amp;Макс. токенов</translation>
    </message>
    <message>
        <source>Keyword spotting: samples per stream step, a multiple of the package&apos;s hop; 0: the package&apos;s</source>
        <translation>Ключевые слова: отсчётов на шаг потока, кратно шагу пакета; 0: как в пакете</translation>
    </message>
    <message>
        <source>C&amp;hunk</source>
        <translation>Ф&amp;рагмент</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>Whisper: a window whose no-speech probability is above this gives no text (OpenAI&apos;s no_speech_threshold, e.g. 0.60); off: text is always kept. The probability is stored either way.</source>
        <translation>Whisper: окно, вероятность отсутствия речи в котором выше этого значения, не даёт текста (no_speech_threshold OpenAI, например 0,60); выкл.: текст сохраняется всегда. Вероятность сохраняется в любом случае.</translation>
    </message>
    <message>
        <source>&amp;No speech above</source>
        <translation>&amp;Нет речи выше</translation>
    </message>
    <message>
        <source>CPU threads the run uses over all its workers (0: libtorch&apos;s default)</source>
        <translation>Потоки процессора, которые прогон использует на всех своих исполнителях (0: по умолчанию libtorch)</translation>
    </message>
    <message>
        <source>Whisper: batches decoded at once over the one loaded model, each with threads / parallel threads; automatic: one per thread on the CPU, one on a GPU</source>
        <translation>Whisper: пакеты, декодируемые одновременно одной загруженной моделью, у каждого потоки / parallel потоков; автоматически: по одному на поток на CPU, один на GPU</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>автоматически</translation>
    </message>
    <message>
        <source>&amp;Parallel</source>
        <translation>&amp;Параллельно</translation>
    </message>
</context>
<context>
    <name>vox::ui::RunsPage</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Запустить</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>П&amp;родолжить</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>Новый прогон</translation>
    </message>
    <message>
        <source>D&amp;ataset</source>
        <translation>&amp;Набор</translation>
    </message>
    <message>
        <source>Variants (each becomes a run)</source>
        <translation>Варианты (каждый становится прогоном)</translation>
    </message>
    <message>
        <source>Select a run to read its card: every setting and environment fact it was measured with.</source>
        <translation>Выберите прогон, чтобы прочитать его карточку: все настройки и факты об окружении, с которыми он измерен.</translation>
    </message>
    <message>
        <source>Selected run:</source>
        <translation>Выбранный прогон:</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Не удалось запустить: %1</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n run(s)…</source>
        <translation>
            <numerusform>Запуск %n прогона…</numerusform>
            <numerusform>Запуск %n прогонов…</numerusform>
            <numerusform>Запуск %n прогонов…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued or running</source>
        <translation>
            <numerusform>%n прогон в очереди или выполняется</numerusform>
            <numerusform>%n прогона в очереди или выполняются</numerusform>
            <numerusform>%n прогонов в очереди или выполняются</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: %1

</source>
        <translation>Остановлен: %1

</translation>
    </message>
    <message>
        <source>Not comparable with the first run over %1: %2

</source>
        <translation>Несравним с первым прогоном на %1: %2

</translation>
    </message>
    <message>
        <source>A keyword spotter: choose a clip set or a stream as the dataset</source>
        <translation>Детектор ключевых слов: выберите набор клипов или поток</translation>
    </message>
    <message>
        <source>A speech model: choose a speech dataset</source>
        <translation>Модель речи: выберите речевой набор данных</translation>
    </message>
    <message>
        <source>Not started: the packages from another machine were not allowed to load</source>
        <translation>Не запущено: загрузка пакетов с другой машины не разрешена</translation>
    </message>
</context>
<context>
    <name>vox::ui::TableExport</name>
    <message>
        <source>Export table…</source>
        <translation>Экспорт таблицы…</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Экспорт таблицы</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Экспорт графика…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Экспорт графика</translation>
    </message>
</context>
<context>
    <name>vox::ui::TrustTexts</name>
    <message>
        <source>Load packages from another machine?</source>
        <translation>Загрузить пакеты с другой машины?</translation>
    </message>
    <message>
        <source>These model packages were added to the project on another machine:

%1

Loading a model package runs its code (TorchScript is a program, not only weights). Load them only if they come from someone you trust. Your answer is kept for this machine.</source>
        <translation>Эти пакеты моделей были добавлены в проект на другой машине:

%1

Загрузка пакета модели выполняет его код (TorchScript — это программа, а не только веса). Загружайте их, только если они получены от тех, кому вы доверяете. Ваш ответ сохраняется для этой машины.</translation>
    </message>
    <message>
        <source>%1 (%2; added by an older VoxBench)</source>
        <translation>%1 (%2; добавлен более старой версией VoxBench)</translation>
    </message>
    <message>
        <source>%1 (%2; added on %3)</source>
        <translation>%1 (%2; добавлен на %3)</translation>
    </message>
</context>
<context>
    <name>vox::ui::VariantsPage</name>
    <message>
        <source>Variants: %1 · hover over a row for its package folder and source</source>
        <translation>Вариантов: %1 · наведите курсор на строку, чтобы увидеть папку пакета и источник</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo models.&lt;/b&gt; The variants marked (demo) are small models VoxBench trained here on synthetic speech (espeak-ng, flite and Festival voices). They are not Whisper checkpoints and know only the demo&apos;s little vocabulary; bring real checkpoints through tools/whisper/export.py.</source>
        <translation>&lt;b&gt;Демо-модели.&lt;/b&gt; Варианты с пометкой (демо) — небольшие модели, которые VoxBench обучил здесь на синтетической речи (голоса espeak-ng, flite и Festival). Это не контрольные точки Whisper, и они знают только небольшой словарь демо; настоящие контрольные точки подключаются через tools/whisper/export.py.</translation>
    </message>
</context>
</TS>
