package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real headless browser whose only way out is a proxy that records every
 * request.
 */
class HtmlReportBrowserTest {

    private static final Pattern BAR_PATH = Pattern.compile("M[-0-9.]+,([-0-9.]+)V([-0-9.]+)H");

    @TempDir Path work;

    private static List<RunRecord> records() {
        return List.of(
                TestRecords.ok("ft", "mnli", 1, 0.871).build(),
                TestRecords.ok("ft", "sst2", 1, 0.945).build(),
                TestRecords.ok("lora", "sst2", 1, 0.80).syntheticData(true).build(),
                TestRecords.ok("lora", "sst2", 2, 0.82).build(),
                TestRecords.ok("lora", "rte", 1, 0.70).build(),
                TestRecords.failed("lor2c", "rte", 1).build(),
                TestRecords.ok("lor2c", "cola", 1, 0.61).build());
    }

    @Test
    void reportOpensOfflineWithTablesAndBothChartsDrawn() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.debian();
        Reports.ReportFiles files =
                Reports.writeAll(records(), work.resolve("out"), ReportOptions.defaults());

        String dom;
        List<String> requests;
        try (RecordingProxy proxy = new RecordingProxy()) {
            dom = chromium.dumpDom(files.html(), proxy.port(), work);
            requests = proxy.requests();
        }
        Document page = Jsoup.parse(dom);

        assertThat(requests)
                .as(
                        "requests from the page (Chromium's own service requests set apart: %s)",
                        requests)
                .filteredOn(r -> !HeadlessChromium.isBrowserServiceRequest(r))
                .isEmpty();

        assertThat(page.title())
                .contains("Table 1")
                .contains("scale quick")
                .contains("fidelity paper")
                .contains(ReportHeading.SYNTHETIC_WARNING);
        Element results = page.getElementById(HtmlReport.RESULTS_TABLE_ID);
        assertThat(results).isNotNull();
        assertThat(results.select("thead th").eachText())
                .containsExactly(
                        "Method", "MNLI", "SST-2", "MRPC", "CoLA", "QNLI", "QQP", "RTE", "STS-B",
                        "Avg", "Params");
        assertThat(results.select("tbody tr")).hasSize(3);
        assertThat(results.select("tbody tr").get(1).select("td").eachText())
                .startsWith("LoRA", "–", "81.0 ± 1.4", "–", "–", "–", "–", "70.0", "–", "75.5");
        Element published = page.getElementById(HtmlReport.PUBLISHED_TABLE_ID);
        assertThat(published).isNotNull();
        assertThat(published.text()).contains("Hu et al. 2021 (LoRA), Table 2").contains("n/a");

        Element bars = page.getElementById(HtmlReport.BAR_CHART_ID);
        assertThat(bars).isNotNull();
        assertThat(bars.select(".main-svg")).as("plotly's svg in the bar chart").isNotEmpty();
        // One bar trace per method (FT, LoRA, LoR2C), each drawing a bar per task with a score.
        assertThat(bars.select("g.trace.bars")).hasSize(3);
        // plotly draws a flat path for a task without a score; five cells have one: FT 2, LoRA 2,
        // LoR2C 1.
        assertThat(
                        bars.select("g.trace.bars g.point path").stream()
                                .filter(HtmlReportBrowserTest::hasHeight))
                .hasSize(5);
        assertThat(bars.select(".gtitle").text()).contains(ReportHeading.SYNTHETIC_WARNING);

        Element heatmap = page.getElementById(HtmlReport.HEATMAP_ID);
        assertThat(heatmap).isNotNull();
        assertThat(heatmap.select(".main-svg")).as("plotly's svg in the heatmap").isNotEmpty();
        assertThat(heatmap.select("g.hm image")).as("the heatmap's cells").isNotEmpty();
        assertThat(heatmap.select("g.ytick text").eachText())
                .containsExactlyInAnyOrder("FT", "LoRA", "LoR2C");
        assertThat(heatmap.select(".gtitle").text()).contains(ReportHeading.SYNTHETIC_WARNING);

        assertThat(page.select(".warning").eachText())
                .hasSizeGreaterThanOrEqualTo(4)
                .containsOnly(ReportHeading.SYNTHETIC_WARNING);
    }

    /** A bar path is "M x,base V top H x2 V base Z"; it has a height when top differs from base. */
    private static boolean hasHeight(Element path) {
        Matcher bar = BAR_PATH.matcher(path.attr("d"));
        return bar.find() && Double.parseDouble(bar.group(1)) != Double.parseDouble(bar.group(2));
    }

    @Test
    void theProxySeesWhatAPageFetches() throws Exception {
        // The check above is only worth something if a fetching page would be caught.
        HeadlessChromium chromium = HeadlessChromium.debian();
        Path page = work.resolve("fetching.html");
        Files.writeString(
                page,
                "<!DOCTYPE html><html><body><img src=\"http://probe.invalid/pixel.png\"></body></html>");

        List<String> requests;
        try (RecordingProxy proxy = new RecordingProxy()) {
            chromium.dumpDom(page, proxy.port(), work);
            requests = proxy.requests();
        }

        assertThat(requests)
                .filteredOn(r -> !HeadlessChromium.isBrowserServiceRequest(r))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("GET http://probe.invalid/pixel.png ");
    }

    @Test
    void requestLinesNameTheirHost() {
        assertThat(RecordingProxy.hostOf("CONNECT cdn.plot.ly:443 HTTP/1.1"))
                .isEqualTo("cdn.plot.ly");
        assertThat(RecordingProxy.hostOf("GET http://probe.invalid/pixel.png HTTP/1.1"))
                .isEqualTo("probe.invalid");
        assertThat(RecordingProxy.hostOf("POST http://update.googleapis.com/service?x=1 HTTP/1.1"))
                .isEqualTo("update.googleapis.com");
        assertThat(RecordingProxy.hostOf("<connection without a request>"))
                .isEqualTo("<connection without a request>");
    }

    @Test
    void aMissingBrowserFailsWithInstallInstructions() {
        assertThatThrownBy(() -> HeadlessChromium.at(work.resolve("no-such-chromium")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-chromium")
                .hasMessageContaining("apt-get update && apt-get install -y chromium");
    }

    @Test
    void pageInlinesPlotlyAndLinksNothing() throws IOException {
        String html = HtmlReport.render(ResultTable.from(records(), ReportOptions.defaults()));
        Document page = Jsoup.parse(html);

        assertThat(page.select("script[src], link[href], img[src], iframe")).isEmpty();
        assertThat(page.select("script").first().data())
                .contains("plotly.js " + PlotlyBundle.load().version());
        assertThat(page.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .startsWith("default-src 'none'");
    }
}
