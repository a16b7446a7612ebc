package org.sparsetune.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts with several series, drawn off-screen with XChart and saved as PNG.
 *
 * <p>A chart is an immutable {@link LineChart} (title, axis titles, series, optional logarithmic
 * y axis, legend position, size in pixels, default 900 × 600); {@link #render} draws it into a
 * {@link BufferedImage} and {@link #writePng} writes that image atomically ({@link AtomicFiles}).
 * Tick labels use {@link Locale#ROOT}, never the default locale.
 *
 * <p>Headless: loading this class sets {@code java.awt.headless=true} unless the property was set
 * explicitly, so charts render on servers and executors without a display. (The property only
 * takes effect if nothing has initialised AWT before; in a JVM that already opened a display the
 * charts still render, off-screen.)
 */
public final class Charts {
  /** Default width in pixels. */
  public static final int DEFAULT_WIDTH = 900;
  /** Default height in pixels. */
  public static final int DEFAULT_HEIGHT = 600;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** How a series is drawn. */
  public enum Style {
    /** A line through the points, no markers. */
    LINE,
    /** A line through the points with a marker at each point. */
    LINE_AND_MARKERS,
    /** Markers only (a scatter series), e.g. to mark minimizers on curves. */
    MARKERS
  }

  /** Where the legend goes. */
  public enum Legend {
    /** Inside the plot, top right. */
    INSIDE_NE(Styler.LegendPosition.InsideNE),
    /** Inside the plot, top left. */
    INSIDE_NW(Styler.LegendPosition.InsideNW),
    /** Inside the plot, bottom right. */
    INSIDE_SE(Styler.LegendPosition.InsideSE),
    /** Inside the plot, bottom left. */
    INSIDE_SW(Styler.LegendPosition.InsideSW),
    /** Right of the plot. */
    OUTSIDE_E(Styler.LegendPosition.OutsideE),
    /** Below the plot. */
    OUTSIDE_S(Styler.LegendPosition.OutsideS);

    private final Styler.LegendPosition position;

    Legend(Styler.LegendPosition position) {
      this.position = position;
    }
  }

  /**
   * One series of a line chart.
   *
   * @param name the legend label (unique within a chart)
   * @param x abscissae (finite), same length as y, at least one point
   * @param y ordinates (finite)
   * @param style how it is drawn
   * @param color its colour, or null for the next colour of the default palette
   * @param inLegend whether it appears in the legend
   */
  public record Series(String name, double[] x, double[] y, Style style, Color color, boolean inLegend) {
    /** Validates lengths and values; copies the arrays. */
    public Series {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a series needs a name");
      }
      if (x == null || y == null || x.length != y.length || x.length == 0) {
        throw new IllegalArgumentException("series '" + name + "': x and y must be non-empty and of equal length, got "
            + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
      }
      if (style == null) {
        throw new IllegalArgumentException("series '" + name + "': style must not be null");
      }
      x = x.clone();
      y = y.clone();
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException(
              "series '" + name + "': point " + i + " is (" + x[i] + ", " + y[i] + "), expected finite values");
        }
      }
    }

    /** A plain line in the default colour, shown in the legend. */
    public static Series line(String name, double[] x, double[] y) {
      return new Series(name, x, y, Style.LINE, null, true);
    }

    /** A line with markers in the default colour, shown in the legend. */
    public static Series lineAndMarkers(String name, double[] x, double[] y) {
      return new Series(name, x, y, Style.LINE_AND_MARKERS, null, true);
    }

    /** Markers only in the default colour, shown in the legend. */
    public static Series markers(String name, double[] x, double[] y) {
      return new Series(name, x, y, Style.MARKERS, null, true);
    }

    /** The same series in another colour. */
    public Series withColor(Color c) {
      return new Series(name, x, y, style, c, inLegend);
    }

    /** The same series without a legend entry. */
    public Series hiddenFromLegend() {
      return new Series(name, x, y, style, color, false);
    }

    /** A copy of the abscissae. */
    @Override
    public double[] x() {
      return x.clone();
    }

    /** A copy of the ordinates. */
    @Override
    public double[] y() {
      return y.clone();
    }
  }

  /**
   * A line chart.
   *
   * @param title the chart title
   * @param xAxisTitle the x-axis title
   * @param yAxisTitle the y-axis title
   * @param series the series, drawn in order (at least one; names unique)
   * @param logY whether the y axis is logarithmic (then every y must be positive)
   * @param legend the legend position
   * @param width the image width in pixels (at least 100)
   * @param height the image height in pixels (at least 100)
   */
  public record LineChart(
      String title,
      String xAxisTitle,
      String yAxisTitle,
      List<Series> series,
      boolean logY,
      Legend legend,
      int width,
      int height) {

    /** Validates titles, series, the log scale and the size. */
    public LineChart {
      if (title == null || xAxisTitle == null || yAxisTitle == null || legend == null) {
        throw new IllegalArgumentException("title, axis titles and legend must not be null");
      }
      series = List.copyOf(series == null ? List.of() : series);
      List<String> names = new ArrayList<>();
      for (Series s : series) {
        if (names.contains(s.name())) {
          throw new IllegalArgumentException("chart '" + title + "': two series are named '" + s.name() + "'");
        }
        names.add(s.name());
        if (logY) {
          for (double v : s.y) {
            if (!(v > 0.0)) {
              throw new IllegalArgumentException("chart '" + title + "': series '" + s.name()
                  + "' has y = " + v + ", a logarithmic axis needs y > 0");
            }
          }
        }
      }
      if (width < 100 || height < 100) {
        throw new IllegalArgumentException("chart size must be at least 100 × 100, got " + width + " × " + height);
      }
    }

    /** A chart with no series yet, linear axes, legend top right, 900 × 600. */
    public static LineChart of(String title, String xAxisTitle, String yAxisTitle) {
      return new LineChart(title, xAxisTitle, yAxisTitle, List.of(), false, Legend.INSIDE_NE,
          DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** The same chart with one more series. */
    public LineChart with(Series s) {
      List<Series> more = new ArrayList<>(series);
      more.add(s);
      return new LineChart(title, xAxisTitle, yAxisTitle, more, logY, legend, width, height);
    }

    /** The same chart with a logarithmic (or linear) y axis. */
    public LineChart withLogY(boolean log) {
      return new LineChart(title, xAxisTitle, yAxisTitle, series, log, legend, width, height);
    }

    /** The same chart with the legend elsewhere. */
    public LineChart withLegend(Legend where) {
      return new LineChart(title, xAxisTitle, yAxisTitle, series, logY, where, width, height);
    }

    /** The same chart at another size. */
    public LineChart withSize(int w, int h) {
      return new LineChart(title, xAxisTitle, yAxisTitle, series, logY, legend, w, h);
    }
  }

  /**
   * Draws the chart into an RGB image of its size.
   *
   * @throws IllegalArgumentException when the chart has no series
   */
  public static BufferedImage render(LineChart chart) {
    if (chart.series().isEmpty()) {
      throw new IllegalArgumentException("chart '" + chart.title() + "' has no series to draw");
    }
    XYChart xy = new XYChartBuilder()
        .width(chart.width())
        .height(chart.height())
        .title(chart.title())
        .xAxisTitle(chart.xAxisTitle())
        .yAxisTitle(chart.yAxisTitle())
        .build();
    var st = xy.getStyler();
    st.setLocale(Locale.ROOT);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.GRAY);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setLegendPosition(chart.legend().position);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setMarkerSize(8);
    st.setYAxisLogarithmic(chart.logY());
    if (chart.logY()) {
      // Label 2·10^k, 3·10^k, ... too: a range inside one decade would otherwise show one label.
      st.setYAxisLogarithmicDecadeOnly(false);
    }
    st.setAntiAlias(true);
    for (Series s : chart.series()) {
      XYSeries xs = xy.addSeries(s.name(), s.x, s.y);
      switch (s.style()) {
        case LINE:
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setMarker(SeriesMarkers.NONE);
          break;
        case LINE_AND_MARKERS:
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setMarker(SeriesMarkers.CIRCLE);
          break;
        case MARKERS:
        default:
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          xs.setMarker(SeriesMarkers.DIAMOND);
          break;
      }
      xs.setLineStyle(new BasicStroke(2.2f));
      if (s.color() != null) {
        xs.setLineColor(s.color());
        xs.setMarkerColor(s.color());
      }
      xs.setShowInLegend(s.inLegend());
    }
    return BitmapEncoder.getBufferedImage(xy);
  }

  /**
   * Renders the chart and writes it as PNG to {@code file}, atomically.
   *
   * @return {@code file}
   */
  public static Path writePng(LineChart chart, Path file) throws IOException {
    BufferedImage image = render(chart);
    return AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available in this JVM");
      }
    });
  }
}
