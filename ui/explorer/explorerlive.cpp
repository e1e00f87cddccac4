// The live path of the explorer (docs/explorer.md "Live"): every change
// submits the exact recompute to the main engine and, for large per-tensor
// data, a preview of a 2^18-value subsample to the preview engine. The
// preview is drawn first (labelled "preview"); the exact result always
// replaces it, so the figure ends on the exact numbers.
#include "explorer/calibrationpanel.h"
#include "explorer/explorerview.h"
#include "explorer/formula.h"
#include "session/engine.h"
#include "session/session.h"

#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <algorithm>

#include <mutex>

namespace qs {

// The subsample of one data set, made once by the first preview job that
// needs it (on the worker, never the GUI thread).
struct PreviewSampleCache
{
    std::once_flag once;
    Tensor sample;
};

namespace {

bool previewedKind(FigureKind k)
{
    // Plots whose figure is the main result alone; the others wait for
    // extras computed from the exact result.
    return k == FigureKind::Histogram || k == FigureKind::Error || k == FigureKind::Transfer;
}

} // namespace

void ExplorerView::onDataChanged()
{
    m_previewCache.reset(); // made again, lazily, for the new data
    requestMain();
}

void ExplorerView::requestMain()
{
    m_problem->clear();
    const Tensor x = m_session->tensor();
    const QuantConfig c = m_session->config();
    const quint64 request = ++m_requestCount;
    EngineJob job;
    job.run = [x, c, request](EngineOutput& out, const std::atomic<bool>& cancel, const std::function<void(double)>&) {
        FigureInputs in = computeMainInputs(x, c, &cancel);
        if (in.result && !in.result->cancelled) {
            out.results.push_back(in.result);
            out.values = {double(request)};
            out.extra = std::move(in);
        }
    };
    m_engine->submit(std::move(job));

    if (!previewedKind(currentKind()) || !previewApplies(x, c))
        return;
    if (!m_previewCache)
        m_previewCache = std::make_shared<PreviewSampleCache>();
    EngineJob preview;
    preview.run = [x, c, request, cache = m_previewCache](EngineOutput& out, const std::atomic<bool>& cancel,
                                                          const std::function<void(double)>&) {
        std::call_once(cache->once, [&] { cache->sample = previewSample(x); });
        FigureInputs in = computePreviewInputs(cache->sample, x.size(), c, &cancel);
        if (in.result && !in.result->cancelled) {
            out.values = {double(request)};
            out.extra = std::move(in);
        }
    };
    m_previewEngine->submit(std::move(preview));
}

void ExplorerView::onPreviewFinished(const std::shared_ptr<const EngineOutput>& out)
{
    const auto* in = std::any_cast<FigureInputs>(&out->extra);
    if (!out->error.isEmpty() || !in || out->values.empty())
        return; // the exact job reports errors
    const auto request = quint64(out->values.front());
    // Stale, or the exact result of this (or a newer) change is already shown.
    if (request != m_requestCount || m_exactRequest >= request || !previewedKind(currentKind()))
        return;
    m_inputs.result = in->result;
    m_inputs.transfer = in->transfer;
    m_inputs.scatterX = in->scatterX;
    m_inputs.scatterError = in->scatterError;
    m_inputs.preview = true;
    m_inputs.previewValues = in->previewValues;
    m_inputs.fullValues = in->fullValues;
    std::fill(std::begin(m_extrasValid), std::end(m_extrasValid), false);
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    const QLocale loc;
    m_previewLabel->setText(
        tr("preview: %1 of %2 values, exact result follows")
            .arg(loc.toString(qlonglong(in->previewValues)), loc.toString(qlonglong(in->fullValues))));
    m_previewLabel->show();
    rebuildCurrent();
    updateMetricsSoon();
}

void ExplorerView::onMainFinished(const std::shared_ptr<const EngineOutput>& out)
{
    if (!out->error.isEmpty()) {
        m_problem->setText(out->error);
        m_previewLabel->hide();
        return;
    }
    const auto* in = std::any_cast<FigureInputs>(&out->extra);
    if (!in)
        return;
    if (!out->values.empty())
        m_exactRequest = quint64(out->values.front());
    m_inputs.result = in->result;
    m_inputs.transfer = in->transfer;
    m_inputs.scatterX = in->scatterX;
    m_inputs.scatterError = in->scatterError;
    m_inputs.preview = false;
    m_previewLabel->hide();
    std::fill(std::begin(m_extrasValid), std::end(m_extrasValid), false);
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    m_calibrationPanel->showRange(m_inputs.result->calibration.clipMin, m_inputs.result->calibration.clipMax);
    requestExtra();
    rebuildCurrent();
    updateMetricsSoon();
}

// The Metrics text after the figure, at most ten times a second. Laying out
// the rich-text panel costs a few ms per result at 1600x1000 (a quarter of the
// GUI thread's time in --bench-ui before this), which would compete with the
// next recompute while a student drags a control. The queued replot is already
// posted, so the plot never waits for the text; the text always ends on the
// newest result (it reads m_inputs when it runs), and waitForIdle() flushes it.
void ExplorerView::updateMetricsSoon()
{
    constexpr qint64 kMinIntervalMs = 100;
    if (!m_metricsTimer) {
        m_metricsTimer = new QTimer(this);
        m_metricsTimer->setSingleShot(true);
        connect(m_metricsTimer, &QTimer::timeout, this, [this] {
            m_metricsShown.start();
            updateMetrics();
        });
    }
    if (m_metricsTimer->isActive())
        return;
    const qint64 since = m_metricsShown.isValid() ? m_metricsShown.elapsed() : kMinIntervalMs;
    m_metricsTimer->start(int(std::max<qint64>(0, kMinIntervalMs - since)));
}

void ExplorerView::flushMetrics()
{
    if (m_metricsTimer && m_metricsTimer->isActive()) {
        m_metricsTimer->stop();
        m_metricsShown.start();
        updateMetrics();
    }
}

void ExplorerView::requestExtra()
{
    const FigureKind k = currentKind();
    if (!m_inputs.result || m_inputs.preview || m_extrasValid[int(k)])
        return;
    if (k != FigureKind::Calibration && k != FigureKind::Channels && k != FigureKind::Compare && k != FigureKind::Sweep)
        return;
    const Tensor x = m_session->tensor();
    FigureInputs base;
    base.result = m_inputs.result;
    const int channel = m_session->view().channel;
    const std::vector<CompareEntry> compare = m_session->view().compare; // a copy: the worker must not read the session
    EngineJob job;
    job.run = [x, base, k, channel, compare](EngineOutput& out, const std::atomic<bool>& cancel,
                                             const std::function<void(double)>&) mutable {
        computeExtraInputs(k, x, base, channel, &cancel, &compare);
        if (!cancel)
            out.extra = std::move(base);
        out.values = {double(int(k))};
    };
    m_auxEngine->submit(std::move(job));
}

void ExplorerView::onExtraFinished(const std::shared_ptr<const EngineOutput>& out)
{
    if (!out->error.isEmpty()) {
        m_problem->setText(out->error);
        return;
    }
    const auto* in = std::any_cast<FigureInputs>(&out->extra);
    if (!in || in->result != m_inputs.result || out->values.empty())
        return; // computed for an older result
    const auto k = FigureKind(int(out->values.front()));
    switch (k) {
    case FigureKind::Calibration: m_inputs.choices = in->choices; break;
    case FigureKind::Channels: m_inputs.channels = in->channels; break;
    case FigureKind::Compare:
        m_inputs.compare = in->compare;
        updateCompareTable();
        break;
    case FigureKind::Sweep: m_inputs.sweep = in->sweep; break;
    default: break;
    }
    m_extrasValid[int(k)] = true;
    m_dirty[int(k)] = true;
    if (k == currentKind())
        rebuild(k);
}

} // namespace qs
