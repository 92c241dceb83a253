package io.dropcast.models.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Stable names of quantile columns: the prefix, then the level with at least two decimals and the dot
 * replaced by an underscore. With the default prefix {@code q_}: 0.1 &rarr; {@code q_0_10},
 * 0.5 &rarr; {@code q_0_50}, 0.9 &rarr; {@code q_0_90}, 0.975 &rarr; {@code q_0_975}.
 */
public final class QuantileColumns {
  private QuantileColumns() {}

  public static String name(String prefix, double level) {
    BigDecimal d = BigDecimal.valueOf(level).stripTrailingZeros();
    if (d.scale() < 2) {
      d = d.setScale(2);
    }
    return prefix + d.toPlainString().replace('.', '_');
  }

  public static List<String> names(String prefix, double[] levels) {
    List<String> out = new ArrayList<>(levels.length);
    for (double q : levels) {
      out.add(name(prefix, q));
    }
    return out;
  }
}
