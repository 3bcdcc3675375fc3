package io.mcpbridge.dr.drctl.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's chart: well-formed SVG, one bar per measured figure, coloured by its target, names escaped. */
class RecoveryChartTest {

    private static final Instant AT = Instant.parse("2026-12-01T04:15:00Z");

    @Test
    void eachMeasuredFigureIsABarGreenWithinItsTargetRedOverItAndGreyWithoutOne() throws Exception {
        List<RecoveryRecord> records = List.of(
                record("drill-full-1", "full", Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(2)),
                record("inc-gateway-1", "gateway", Duration.ofMinutes(40), Duration.ofMinutes(15), null),
                new RecoveryRecord(
                        "drill",
                        "drill-backup-verification-1",
                        "backup-verification",
                        AT,
                        null,
                        null,
                        Duration.ofHours(1),
                        null,
                        true,
                        "passed"));

        Document svg = parse(RecoveryChart.svg("Q4 <drills> & incidents", records));

        List<String> bars = fills(svg);
        // RTO: the full drill within, the incident over; RPO: the full drill within, the verification without a target.
        assertThat(bars).containsExactly("#2e7d32", "#c62828", "#2e7d32", "#9e9e9e");
        assertThat(svg.getDocumentElement().getTextContent())
                .contains("Q4 <drills> & incidents", "5m00s of 15m00s", "40m00s of 15m00s", "1h00m (no target)");
    }

    @Test
    void aBarOverItsTargetIsLongerThanTheTargetLineAndOneWithinShorter() throws Exception {
        Document svg = parse(RecoveryChart.svg(
                "t",
                List.of(
                        record("a", "full", Duration.ofMinutes(30), Duration.ofMinutes(15), null),
                        record("b", "full", Duration.ofMinutes(3), Duration.ofMinutes(15), null))));

        Element targetLine = (Element) svg.getElementsByTagName("line").item(0);
        double target = Double.parseDouble(targetLine.getAttribute("x1"));
        List<Double> ends = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 1; i < rects.getLength(); i++) { // the first is the background
            Element bar = (Element) rects.item(i);
            ends.add(Double.parseDouble(bar.getAttribute("x")) + Double.parseDouble(bar.getAttribute("width")));
        }
        assertThat(ends.get(0)).isGreaterThan(target);
        assertThat(ends.get(1)).isLessThan(target);
    }

    @Test
    void withNothingMeasuredEachPanelSaysSo() throws Exception {
        Document svg = parse(RecoveryChart.svg("empty", List.of()));

        assertThat(svg.getDocumentElement().getTextContent()).contains("nothing measured in this period");
        assertThat(fills(svg)).isEmpty();
    }

    private static RecoveryRecord record(String id, String subject, Duration rto, Duration rtoTarget, Duration rpo) {
        boolean drill = id.startsWith("drill");
        return new RecoveryRecord(
                drill ? "drill" : "incident",
                id,
                subject,
                AT,
                rto,
                rtoTarget,
                rpo,
                rpo == null ? null : Duration.ofHours(12),
                rto.compareTo(rtoTarget) <= 0,
                drill ? "passed" : "resolved");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The colours of the bars, in order (the background left out). */
    private static List<String> fills(Document svg) {
        List<String> fills = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 1; i < rects.getLength(); i++) {
            fills.add(((Element) rects.item(i)).getAttribute("fill"));
        }
        return fills;
    }
}
