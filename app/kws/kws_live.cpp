#include "app/kws/kws_live.h"

namespace vox::app {

std::vector<kws::ScoredClip> scoredClips(const run::KwsRunData& data)
{
    std::vector<kws::ScoredClip> out;
    out.reserve(data.clips.size());
    for (const auto& c : data.clips)
        if (c.error.empty())
            out.push_back({c.keywordProbability, c.isKeyword});
    return out;
}

KwsLive scoreAt(const run::KwsRunData& data, double threshold)
{
    KwsLive live;
    live.threshold = threshold;
    if (!data.clips.empty()) {
        live.hasClips = true;
        live.clips = kws::operatingPoint(scoredClips(data), threshold);
    }
    kws::DetectionSettings settings = data.package.detection;
    settings.threshold = threshold;
    for (const auto& s : data.streams) {
        StreamDetections d;
        if (s.error.empty()) {
            d.detections = kws::detectKeyword(s.scores, s.chunkSeconds, settings);
            d.match = kws::matchDetections(d.detections, s.keywords, settings.toleranceSeconds);
            d.keywordHit.assign(s.keywords.size(), false);
            for (int k : d.match.matchedKeyword)
                if (k >= 0 && size_t(k) < d.keywordHit.size())
                    d.keywordHit[size_t(k)] = true;
            d.falseAlarmsPerHour = s.seconds > 0 ? d.match.falseAlarms / (s.seconds / 3600.0) : 0;
            live.hits += d.match.hits;
            live.misses += d.match.misses;
            live.falseAlarms += d.match.falseAlarms;
            live.keywords += d.match.keywords;
            live.streamSeconds += s.seconds;
        }
        live.streams.push_back(std::move(d));
    }
    return live;
}

} // namespace vox::app
