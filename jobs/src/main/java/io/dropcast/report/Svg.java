package io.dropcast.report;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts and map as inline SVG, drawn in Java: no script, no library, no tile, nothing loaded
 * at view time, and they print as drawn. Every label passes through {@link Html#text}.
 */
public final class Svg {
  private Svg() {}

  static final String BAR = "#4e79a7";
  static final String OVER = "#e15759";
  static final String ACTUAL = "#333333";
  static final String FORECAST = "#f28e2b";
  static final String BAND = "#f28e2b33";

  /** Every chart has the same frame: 640 x 220 with room for the y axis on the left and labels below. */
  private static final int W = 640;
  private static final int H = 220;
  private static final int LEFT = 48;
  private static final int RIGHT = 28;
  private static final int TOP = 24;

  /** Opens a chart's svg element with its id, its accessible title and the y axis. */
  private static StringBuilder frame(String cssClass, String id, String title, int w, int h) {
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"").append(cssClass).append("\" data-chart=\"").append(Html.attr(id))
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" aria-label=\"")
        .append(Html.attr(title)).append("\">");
    s.append("<title>").append(Html.text(title)).append("</title>");
    return s;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A "nice" upper bound for an axis holding {@code max}. */
  static double niceMax(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /**
   * A bar chart with an optional horizontal limit line; bars above the limit are drawn in red.
   *
   * @param id value of the data-chart attribute (for tests and for links)
   */
  public static String bars(String id, String title, List<String> labels, double[] values, Double limit,
      String limitLabel, String unit) {
    int bottom = 52;
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    if (limit != null) {
      max = Math.max(max, limit);
    }
    double yMax = niceMax(max * 1.05);
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - bottom;
    StringBuilder s = frame("chart", id, title, W, H);
    axisY(s, LEFT, TOP, plotW, plotH, yMax, unit);
    int n = Math.max(values.length, 1);
    double slot = plotW / n;
    double barW = Math.min(48, Math.max(1, slot * 0.7));
    boolean rotate = n > 8;
    int labelEvery = Math.max(1, (int) Math.ceil(n / 16.0));
    for (int i = 0; i < values.length; i++) {
      double bh = values[i] / yMax * plotH;
      double x = LEFT + i * slot + (slot - barW) / 2;
      boolean over = limit != null && values[i] > limit + 1e-9;
      s.append("<rect class=\"bar").append(over ? " over" : "").append("\" x=\"").append(f(x)).append("\" y=\"")
          .append(f(TOP + plotH - bh)).append("\" width=\"").append(f(barW)).append("\" height=\"").append(f(bh))
          .append("\" fill=\"").append(over ? OVER : BAR).append("\"><title>").append(Html.text(labels.get(i)))
          .append(": ").append(Html.num(values[i], 1)).append(' ').append(Html.text(unit)).append("</title></rect>");
      if (i % labelEvery == 0) {
        double lx = LEFT + i * slot + slot / 2;
        s.append("<text class=\"tick\" x=\"").append(f(lx)).append("\" y=\"").append(f(TOP + plotH + 14));
        if (rotate) {
          s.append("\" text-anchor=\"end\" transform=\"rotate(-40 ").append(f(lx)).append(' ')
              .append(f(TOP + plotH + 14)).append(")");
        } else {
          s.append("\" text-anchor=\"middle");
        }
        s.append("\">").append(Html.text(labels.get(i))).append("</text>");
      }
    }
    if (limit != null) {
      double ly = TOP + plotH - limit / yMax * plotH;
      s.append("<line class=\"limit\" x1=\"").append(LEFT).append("\" x2=\"").append(f(LEFT + plotW))
          .append("\" y1=\"").append(f(ly)).append("\" y2=\"").append(f(ly))
          .append("\" stroke=\"").append(OVER).append("\" stroke-dasharray=\"6 3\" stroke-width=\"1.5\"/>");
      s.append("<text class=\"limit-label\" x=\"").append(f(LEFT + plotW)).append("\" y=\"").append(f(ly - 4))
          .append("\" text-anchor=\"end\" fill=\"").append(OVER).append("\">").append(Html.text(limitLabel))
          .append("</text>");
    }
    return s.append("</svg>").toString();
  }

  private static void axisY(StringBuilder s, int left, int top, double plotW, double plotH, double yMax, String unit) {
    for (int k = 0; k <= 4; k++) {
      double v = yMax * k / 4;
      double y = top + plotH - plotH * k / 4;
      s.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(f(left + plotW))
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#ddd\"/>");
      s.append("<text class=\"tick\" x=\"").append(left - 4).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(Html.num(v, v < 10 && yMax <= 10 ? 1 : 0)).append("</text>");
    }
    s.append("<text class=\"unit\" x=\"").append(left).append("\" y=\"").append(top - 8).append("\">")
        .append(Html.text(unit)).append("</text>");
  }

  /** One series of a line chart; null values are gaps. */
  public record Series(String name, Double[] values, String color, boolean dashed) {}

  /**
   * A daily line chart: actuals and forecasts over the same dates, an optional p10–p90 band, and a vertical
   * rule after index {@code splitAfter} (the run date).
   */
  public static String lines(String id, String title, List<String> dates, List<Series> series, Double[] bandLow,
      Double[] bandHigh, int splitAfter, String unit) {
    int bottom = 40;
    double max = 0;
    for (Series se : series) {
      for (Double v : se.values()) {
        if (v != null) {
          max = Math.max(max, v);
        }
      }
    }
    if (bandHigh != null) {
      for (Double v : bandHigh) {
        if (v != null) {
          max = Math.max(max, v);
        }
      }
    }
    double yMax = niceMax(max * 1.05);
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - bottom;
    int n = dates.size();
    java.util.function.IntToDoubleFunction x = i -> LEFT + (n <= 1 ? plotW / 2 : plotW * i / (n - 1));
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH - v / yMax * plotH;
    StringBuilder s = frame("chart", id, title, W, H);
    axisY(s, LEFT, TOP, plotW, plotH, yMax, unit);
    if (bandLow != null && bandHigh != null) {
      List<String> upper = new ArrayList<>();
      List<String> lower = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (bandLow[i] != null && bandHigh[i] != null) {
          upper.add(f(x.applyAsDouble(i)) + "," + f(y.applyAsDouble(bandHigh[i])));
          lower.add(0, f(x.applyAsDouble(i)) + "," + f(y.applyAsDouble(bandLow[i])));
        }
      }
      if (!upper.isEmpty()) {
        upper.addAll(lower);
        s.append("<polygon class=\"band\" fill=\"").append(BAND).append("\" points=\"")
            .append(String.join(" ", upper)).append("\"/>");
      }
    }
    if (splitAfter >= 0 && splitAfter < n - 1) {
      double sx = (x.applyAsDouble(splitAfter) + x.applyAsDouble(splitAfter + 1)) / 2;
      s.append("<line class=\"split\" x1=\"").append(f(sx)).append("\" x2=\"").append(f(sx)).append("\" y1=\"")
          .append(TOP).append("\" y2=\"").append(f(TOP + plotH)).append("\" stroke=\"#999\" stroke-dasharray=\"2 2\"/>");
    }
    for (Series se : series) {
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < n; i++) {
        Double v = se.values()[i];
        if (v == null) {
          pen = false;
          continue;
        }
        d.append(pen ? " L" : " M").append(f(x.applyAsDouble(i))).append(',').append(f(y.applyAsDouble(v)));
        pen = true;
      }
      // A point with no neighbour draws no segment: mark it with a dot.
      for (int i = 0; i < n; i++) {
        Double v = se.values()[i];
        boolean alone = (i == 0 || se.values()[i - 1] == null) && (i == n - 1 || se.values()[i + 1] == null);
        if (v != null && alone) {
          s.append("<circle class=\"point\" cx=\"").append(f(x.applyAsDouble(i))).append("\" cy=\"")
              .append(f(y.applyAsDouble(v))).append("\" r=\"3\" fill=\"").append(se.color()).append("\"/>");
        }
      }
      if (d.length() > 0) {
        s.append("<path class=\"line\" data-series=\"").append(Html.attr(se.name())).append("\" d=\"")
            .append(d.toString().trim()).append("\" fill=\"none\" stroke=\"").append(se.color())
            .append("\" stroke-width=\"1.8\"").append(se.dashed() ? " stroke-dasharray=\"5 3\"" : "")
            .append("><title>").append(Html.text(se.name())).append("</title></path>");
      }
    }
    int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int i = 0; i < n; i += labelEvery) {
      s.append("<text class=\"tick\" x=\"").append(f(x.applyAsDouble(i))).append("\" y=\"")
          .append(f(TOP + plotH + 16)).append("\" text-anchor=\"middle\">").append(Html.text(dates.get(i)))
          .append("</text>");
    }
    return s.append("</svg>").toString();
  }

  /** A neighbourhood on the map: its H3 cell, the value that colours it and its tooltip. */
  public record Cell(String h3, double value, String tooltip) {}

  /** A hub on the map. */
  public record Pin(String id, String label, double lat, double lng) {}

  /**
   * H3 hexagons from their cell boundaries (computed with H3 here, in Java), coloured on a sequential scale
   * by value, and hubs as labelled dots. An equirectangular projection scaled by cos(latitude) keeps a city
   * undistorted; no map tiles.
   */
  public static String hexMap(String id, String title, H3Core h3, List<Cell> cells, List<Pin> pins, String unit) {
    int w = 640;
    int h = 480;
    int pad = 20;
    List<List<LatLng>> shapes = new ArrayList<>();
    double minLat = Double.MAX_VALUE;
    double maxLat = -Double.MAX_VALUE;
    double minLng = Double.MAX_VALUE;
    double maxLng = -Double.MAX_VALUE;
    for (Cell c : cells) {
      List<LatLng> b = h3.cellToBoundary(c.h3());
      shapes.add(b);
      for (LatLng p : b) {
        minLat = Math.min(minLat, p.lat);
        maxLat = Math.max(maxLat, p.lat);
        minLng = Math.min(minLng, p.lng);
        maxLng = Math.max(maxLng, p.lng);
      }
    }
    for (Pin p : pins) {
      minLat = Math.min(minLat, p.lat());
      maxLat = Math.max(maxLat, p.lat());
      minLng = Math.min(minLng, p.lng());
      maxLng = Math.max(maxLng, p.lng());
    }
    StringBuilder s = frame("map", id, title, w, h);
    if (shapes.isEmpty() && pins.isEmpty()) {
      return s.append("<text x=\"20\" y=\"40\">No neighbourhood or hub to draw.</text></svg>").toString();
    }
    double cosLat = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double spanX = Math.max((maxLng - minLng) * cosLat, 1e-6);
    double spanY = Math.max(maxLat - minLat, 1e-6);
    double scale = Math.min((w - 2 * pad - 120) / spanX, (h - 2 * pad) / spanY);
    double x0 = minLng;
    double y0 = maxLat;
    java.util.function.DoubleUnaryOperator px = lng -> pad + (lng - x0) * cosLat * scale;
    java.util.function.DoubleUnaryOperator py = lat -> pad + (y0 - lat) * scale;
    double vMax = 0;
    for (Cell c : cells) {
      vMax = Math.max(vMax, c.value());
    }
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      StringBuilder pts = new StringBuilder();
      for (LatLng p : shapes.get(i)) {
        pts.append(f(px.applyAsDouble(p.lng))).append(',').append(f(py.applyAsDouble(p.lat))).append(' ');
      }
      s.append("<polygon class=\"hex\" data-cell=\"").append(Html.attr(c.h3())).append("\" data-value=\"")
          .append(Html.raw(c.value())).append("\" points=\"").append(pts.toString().trim()).append("\" fill=\"")
          .append(shade(vMax == 0 ? 0 : c.value() / vMax)).append("\" stroke=\"#fff\" stroke-width=\"1\"><title>")
          .append(Html.text(c.tooltip())).append("</title></polygon>");
    }
    for (Pin p : pins) {
      double cx = px.applyAsDouble(p.lng());
      double cy = py.applyAsDouble(p.lat());
      s.append("<g class=\"hub\" data-hub=\"").append(Html.attr(p.id())).append("\"><circle cx=\"").append(f(cx))
          .append("\" cy=\"").append(f(cy)).append("\" r=\"6\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"2\"/>")
          .append("<text x=\"").append(f(cx + 9)).append("\" y=\"").append(f(cy + 4))
          .append("\" class=\"pin\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">")
          .append(Html.text(p.label())).append("</text></g>");
    }
    // Legend: five steps of the scale.
    int lx = w - 110;
    s.append("<g class=\"legend\"><text x=\"").append(lx).append("\" y=\"").append(pad + 4).append("\">")
        .append(Html.text(unit)).append("</text>");
    for (int k = 0; k < 5; k++) {
      double share = k / 4.0;
      int ly = pad + 14 + k * 20;
      s.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"16\" height=\"14\" fill=\"")
          .append(shade(share)).append("\"/><text x=\"").append(lx + 22).append("\" y=\"").append(ly + 11)
          .append("\">").append(Html.num(vMax * share, 1)).append("</text>");
    }
    return s.append("</g></svg>").toString();
  }

  /** Sequential colour from pale yellow (0) to dark blue (1); prints legibly in grey as well. */
  static String shade(double share) {
    double t = Math.max(0, Math.min(1, share));
    int[] a = {255, 247, 188};
    int[] b = {8, 48, 107};
    return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(a[0] + (b[0] - a[0]) * t),
        (int) Math.round(a[1] + (b[1] - a[1]) * t), (int) Math.round(a[2] + (b[2] - a[2]) * t));
  }
}
