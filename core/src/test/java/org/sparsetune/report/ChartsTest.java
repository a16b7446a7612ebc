package org.sparsetune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.report.Charts.LineChart;
import org.sparsetune.report.Charts.Series;

/** {@link Charts}: PNG output of the requested size, headless, validation of series. */
class ChartsTest {

  @TempDir Path dir;

  private static LineChart twoSeries() {
    double[] x = {0, 1, 2, 3};
    return LineChart.of("title", "x", "y")
        .with(Series.line("a", x, new double[] {1, 2, 4, 8}))
        .with(Series.lineAndMarkers("b", x, new double[] {8, 4, 2, 1}).withColor(Color.RED))
        .with(Series.markers("c", new double[] {1.5}, new double[] {3}).hiddenFromLegend());
  }

  /** The PNG decodes and has the chart's size (default 900 × 600, or as asked). */
  @Test
  void writesAReadablePngOfTheRequestedSize() throws IOException {
    Path file = Charts.writePng(twoSeries(), dir.resolve("c.png"));
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img);
    assertEquals(Charts.DEFAULT_WIDTH, img.getWidth());
    assertEquals(Charts.DEFAULT_HEIGHT, img.getHeight());
    BufferedImage small = ImageIO.read(Charts.writePng(twoSeries().withSize(400, 300).withLogY(true),
        dir.resolve("small.png")).toFile());
    assertEquals(400, small.getWidth());
    assertEquals(300, small.getHeight());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("c.png", "small.png"),
          s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
  }

  /** The picture is not blank: the series colour appears somewhere. */
  @Test
  void drawsTheSeries() {
    BufferedImage img = Charts.render(twoSeries());
    int red = 0;
    for (int i = 0; i < img.getWidth(); i++) {
      for (int j = 0; j < img.getHeight(); j++) {
        if ((img.getRGB(i, j) & 0xFFFFFF) == 0xFF0000) {
          red++;
        }
      }
    }
    assertTrue(red > 100, "red pixels: " + red);
  }

  /** Loading the class turns headless mode on unless it was set explicitly. */
  @Test
  void runsHeadless() {
    Charts.render(twoSeries());
    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  /** Bad charts are refused with a message. */
  @Test
  void refusesBadCharts() {
    double[] x = {1, 2};
    assertThrows(IllegalArgumentException.class, () -> Series.line("s", x, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Series.line("s", x, new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class,
        () -> LineChart.of("t", "x", "y").with(Series.line("s", x, new double[] {0, 1})).withLogY(true));
    assertThrows(IllegalArgumentException.class,
        () -> LineChart.of("t", "x", "y").with(Series.line("s", x, x)).with(Series.line("s", x, x)));
    assertThrows(IllegalArgumentException.class, () -> Charts.render(LineChart.of("t", "x", "y")));
    assertThrows(IllegalArgumentException.class, () -> LineChart.of("t", "x", "y").withSize(10, 600));
  }
}
