// The decoder session of a loaded Whisper package: one batch of decoder rows for the search
// (docs/MODEL-PACKAGE.md, "Decoder"), with the key/value caches and the engine's vocabulary
// projection where the runner set one up.
#include "core/torch/op_profiler.h"
#include "core/whisper/memory_probe.h"
#include "core/whisper/runner_state.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace vox::whisper::detail {

namespace {

class TorchSession final : public DecoderSession {
public:
    TorchSession(RunnerState& e, RssProbe& probe) : m_e(e), m_probe(probe) {}

    // cross_kv, init_self_kv and the prompt call.
    Expected<Done> start(const torch::Tensor& audio, const std::vector<int64_t>& prompt, int64_t maxLen)
    {
        return guarded("cross_kv/init_self_kv/step", [&] {
            {
                ForwardTimer timer(m_e.forwardMs);
                m_cross1 = m_e.decoder.run_method("cross_kv", audio).toTensor();
                m_cross = m_cross1;
                m_self = m_e.decoder.run_method("init_self_kv", m_cross, maxLen).toTensor();
            }
            const torch::Tensor tokens = prompTensor(prompt, audio.size(0), m_e.device);
            const torch::Tensor logits = m_e.projection ? projectedPrompt(tokens) : run(tokens, 0);
            // The prompt starts with start-of-transcript: its position's next-token distribution.
            const auto atStart = torch::softmax(logits.select(1, 0).to(torch::kFloat32), -1)
                                     .select(-1, m_e.info.special.noSpeech)
                                     .to(torch::kCPU)
                                     .contiguous();
            m_noSpeech.assign(atStart.data_ptr<float>(), atStart.data_ptr<float>() + atStart.numel());
        });
    }

    std::vector<float> noSpeechProbabilities() const override { return m_noSpeech; }

    Expected<std::vector<int64_t>> argmax(bool firstStep) override
    {
        // One row after step_hidden: the projection's argmax, which computes exactly only the
        // logits that can be the largest.
        if (!m_last.defined() && m_hidden.defined() && m_hidden.size(0) == 1) {
            std::optional<int64_t> id;
            auto ok = guarded("argmax", [&] {
                ForwardTimer timer(m_e.forwardMs);
                profile::Scope scope(kProjectionScope);
                id = m_e.projection->argmax(m_hidden.data_ptr<float>(), firstStep ? m_e.blockedFirst : m_e.blocked);
            });
            if (!ok)
                return ok.error();
            if (id)
                return std::vector<int64_t>{*id};
        }
        std::vector<int64_t> out;
        auto ok = guarded("argmax", [&] {
            auto ids = torch::argmax(modified(firstStep), -1).to(torch::kCPU).contiguous();
            out.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
        });
        if (!ok)
            return ok.error();
        return out;
    }

    Expected<std::vector<std::vector<TokenLogProb>>> best(bool firstStep, int count) override
    {
        std::vector<std::vector<TokenLogProb>> out;
        auto ok = guarded("log_softmax", [&] {
            auto logp = torch::log_softmax(modified(firstStep).to(torch::kFloat32), -1).to(torch::kCPU).contiguous();
            const int64_t vocab = logp.size(1);
            std::vector<int64_t> ids(static_cast<size_t>(vocab));
            for (int64_t r = 0; r < logp.size(0); ++r) {
                const float* v = logp.data_ptr<float>() + r * vocab;
                for (int64_t i = 0; i < vocab; ++i)
                    ids[static_cast<size_t>(i)] = i;
                const auto n = std::min<int64_t>(count, vocab);
                // Descending, ties by lower id: what a stable descending sort puts first.
                std::partial_sort(ids.begin(), ids.begin() + n, ids.end(), [v](int64_t a, int64_t b) {
                    return v[a] > v[b] || (v[a] == v[b] && a < b);
                });
                std::vector<TokenLogProb> row;
                for (int64_t k = 0; k < n; ++k)
                    row.push_back({v[ids[static_cast<size_t>(k)]], ids[static_cast<size_t>(k)]});
                out.push_back(std::move(row));
            }
        });
        if (!ok)
            return ok.error();
        return out;
    }

    Expected<Done> step(const std::vector<int64_t>& tokens, int offset, const std::vector<int64_t>& sourceRows) override
    {
        return guarded("step", [&] {
            const auto rows = static_cast<int64_t>(tokens.size());
            if (!sourceRows.empty()) {
                m_self = m_self.index_select(2, torch::tensor(sourceRows, torch::kInt64).to(m_e.device));
                if (m_cross.size(2) != rows)
                    m_cross = m_cross1.expand({-1, -1, rows, -1, -1}).contiguous();
            }
            const auto next = torch::tensor(tokens, torch::kInt64).view({rows, 1}).to(m_e.device);
            if (m_e.projection)
                runHidden(next, offset);
            else
                run(next, offset);
        });
    }

private:
    template <typename F>
    Expected<Done> guarded(const char* what, F&& body)
    {
        try {
            torch::InferenceMode guard;
            body();
            return Done{};
        } catch (const std::exception& e) {
            return makeError(std::string("decoder ") + what + ": " + torchMessage(e),
                             m_e.info.filePath(m_e.info.files.decoder).string());
        }
    }

    // Returns the logits of every position fed, [rows, tokens, n_vocab].
    torch::Tensor run(const torch::Tensor& tokens, int64_t offset)
    {
        c10::intrusive_ptr<c10::ivalue::Tuple> out;
        {
            ForwardTimer timer(m_e.forwardMs);
            out = m_e.decoder.run_method("step", tokens, m_cross, m_self, offset).toTuple();
        }
        torch::Tensor logits = out->elements()[0].toTensor();
        m_last = logits.select(1, -1);
        m_self = out->elements()[1].toTensor();
        m_hidden = torch::Tensor();
        m_probe.sample();
        return logits;
    }

    // The prompt through step_hidden, its logits [rows, tokens, n_vocab] from the engine's
    // projection: the package's product of rows x tokens rows, which OpenBLAS runs by copying the
    // whole weight first (2.6 of the demo model's 44 ms per utterance), or the packed kernel
    // where it has matched that product for this row count (VocabProjection::logits).
    torch::Tensor projectedPrompt(const torch::Tensor& tokens)
    {
        const torch::Tensor hidden = stepHidden(tokens, 0);
        const int64_t rows = hidden.size(0), count = hidden.size(1);
        const torch::Tensor logits = project(hidden.reshape({rows * count, hidden.size(2)}).contiguous())
                                         .view({rows, count, m_e.projection->vocab()});
        m_last = logits.select(1, count - 1);
        m_hidden = torch::Tensor();
        return logits;
    }

    // step_hidden (one token per row); the logits come from the engine's projection when asked.
    void runHidden(const torch::Tensor& tokens, int64_t offset)
    {
        m_hidden = stepHidden(tokens, offset).select(1, -1).contiguous();
        m_last = torch::Tensor();
    }

    // step_hidden: the hidden states of every position fed, [rows, tokens, D]; the cache kept.
    torch::Tensor stepHidden(const torch::Tensor& tokens, int64_t offset)
    {
        torch::Tensor hidden;
        {
            ForwardTimer timer(m_e.forwardMs);
            auto out = m_e.decoder.run_method("step_hidden", tokens, m_cross, m_self, offset).toTuple();
            m_self = out->elements()[1].toTensor();
            hidden = out->elements()[0].toTensor();
        }
        m_probe.sample();
        return hidden;
    }

    // The engine's projection of `hidden` ([rows, D], contiguous float32): [rows, n_vocab].
    torch::Tensor project(const torch::Tensor& hidden)
    {
        ForwardTimer timer(m_e.forwardMs);
        profile::Scope scope(kProjectionScope);
        torch::Tensor logits = torch::empty({hidden.size(0), m_e.projection->vocab()}, torch::kFloat32);
        m_e.projection->logits(hidden.data_ptr<float>(), hidden.size(0), logits.data_ptr<float>());
        return logits;
    }

    // The last logits [rows, n_vocab], projected from m_hidden on first use after step_hidden.
    const torch::Tensor& last()
    {
        if (!m_last.defined())
            m_last = project(m_hidden);
        return m_last;
    }

    torch::Tensor modified(bool firstStep)
    {
        constexpr float ninf = -std::numeric_limits<float>::infinity();
        auto logits = last().clone();
        logits.index_fill_(-1, m_e.suppress, ninf);
        if (firstStep)
            logits.index_fill_(-1, m_e.beginSuppress, ninf);
        return logits;
    }

    RunnerState& m_e;
    RssProbe& m_probe;
    torch::Tensor m_cross1, m_cross, m_self, m_last, m_hidden; // m_hidden: [rows, D] after step_hidden
    std::vector<float> m_noSpeech;
};

} // namespace

Expected<std::unique_ptr<DecoderSession>> startSession(RunnerState& e, RssProbe& probe, const torch::Tensor& audio,
                                                       const std::vector<int64_t>& prompt, int64_t maxLen)
{
    auto session = std::make_unique<TorchSession>(e, probe);
    if (auto ok = session->start(audio, prompt, maxLen); !ok)
        return ok.error();
    return std::unique_ptr<DecoderSession>(std::move(session));
}

} // namespace vox::whisper::detail
