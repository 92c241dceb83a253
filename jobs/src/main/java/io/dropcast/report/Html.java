package io.dropcast.report;

import java.util.Locale;

/**
 * Escaping and number formatting for the report page. Every string that reaches the page goes through
 * {@link #text} (element content) or {@link #attr} (attribute values): drop titles, hub names, SKU ids and
 * rule names are merchant- or operator-supplied and may hold markup.
 */
public final class Html {
  private Html() {}

  /** Escapes text for element content and for double-quoted attribute values alike. */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab/newline have no business on a page; show them as U+FFFD.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Same as {@link #text}; named for call sites that build attribute values. */
  public static String attr(Object value) {
    return text(value);
  }

  /** A number with {@code decimals} digits after the point, '.' as separator whatever the locale. */
  public static String num(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** A share in [0, 1] as a percentage with no decimals. */
  public static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * share);
  }

  /** A number as the plain machine-readable value in data-value attributes (no grouping). */
  public static String raw(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
