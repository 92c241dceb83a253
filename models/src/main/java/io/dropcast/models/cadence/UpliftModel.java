package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multiplicative effect of announcement channels and discount depth on a drop's demand:
 * <pre>  log(demand / baseline) = b0 + bPush push + bSms sms + bDisc (depth - meanDepth) + noise</pre>
 * fitted by ordinary least squares, with the classical standard errors {@code sqrt(s^2 (X'X)^-1)} on the log
 * scale. Push and SMS effects are {@code exp(b)}; the discount elasticity is {@code bDisc} (demand multiplies by
 * {@code exp(bDisc x 0.1)} for 10 more points of discount). A feature that never varies in the data is not
 * identified: its effect is reported as 1 (elasticity 0) with a NaN standard error. Drops with zero demand are
 * skipped (their log is undefined) and counted.
 *
 * <p>Used as evidence (how much a channel moves demand) and by the replay to put past drops on a common level.
 */
public final class UpliftModel {
  private UpliftModel() {}

  /**
   * The fitted effects.
   *
   * @param drops drops used
   * @param dropsSkipped drops skipped for zero demand
   * @param intercept {@code exp(b0)}: demand over baseline with no channel at the mean depth
   * @param pushEffect {@code exp(bPush)}
   * @param pushStdError standard error of {@code bPush} (log scale), NaN when not identified
   * @param smsEffect {@code exp(bSms)}
   * @param smsStdError standard error of {@code bSms}, NaN when not identified
   * @param discountElasticity {@code bDisc}, log demand per unit of depth
   * @param discountStdError standard error of {@code bDisc}, NaN when not identified
   * @param meanDiscount the depth the elasticity is centred on
   * @param residualStdDev residual standard deviation on the log scale (NaN without degrees of freedom)
   */
  public record UpliftEstimate(int drops, int dropsSkipped, double intercept, double pushEffect,
      double pushStdError, double smsEffect, double smsStdError, double discountElasticity,
      double discountStdError, double meanDiscount, double residualStdDev) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The demand multiplier of a drop announced and priced so, relative to no channel at the mean depth. */
    public double multiplier(boolean push, boolean sms, double discountDepth) {
      return (push ? pushEffect : 1) * (sms ? smsEffect : 1)
          * Math.exp(discountElasticity * (discountDepth - meanDiscount));
    }
  }

  /** Fits the model on the drops (any order). */
  public static UpliftEstimate fit(List<DropOutcome> outcomes) {
    Objects.requireNonNull(outcomes, "outcomes");
    List<DropOutcome> used = new ArrayList<>();
    // Sorted, so the floating-point sums (and the fit) do not depend on the order the drops come in.
    List<DropOutcome> sorted = outcomes.stream()
        .sorted(java.util.Comparator.comparing(DropOutcome::dropId, java.util.Comparator.nullsFirst(
                java.util.Comparator.<String>naturalOrder()))
            .thenComparingDouble(DropOutcome::demand).thenComparingDouble(DropOutcome::baseline)
            .thenComparing(DropOutcome::push).thenComparing(DropOutcome::sms)
            .thenComparingDouble(DropOutcome::discountDepth))
        .toList();
    for (DropOutcome o : sorted) {
      if (o.demand() > 0) {
        used.add(o);
      }
    }
    int n = used.size();
    int skipped = outcomes.size() - n;
    if (n == 0) {
      return new UpliftEstimate(0, skipped, 1, 1, Double.NaN, 1, Double.NaN, 0, Double.NaN, 0, Double.NaN);
    }
    double meanDepth = 0;
    for (DropOutcome o : used) {
      meanDepth += o.discountDepth() / n;
    }
    double[] y = new double[n];
    double[][] features = new double[n][3];
    boolean[] varies = new boolean[3];
    for (int i = 0; i < n; i++) {
      DropOutcome o = used.get(i);
      y[i] = Math.log(o.demand() / o.baseline());
      features[i][0] = o.push() ? 1 : 0;
      features[i][1] = o.sms() ? 1 : 0;
      features[i][2] = o.discountDepth() - meanDepth;
      for (int j = 0; j < 3; j++) {
        varies[j] |= features[i][j] != features[0][j];
      }
    }
    int[] columns = java.util.stream.IntStream.range(0, 3).filter(j -> varies[j]).toArray();
    int p = columns.length + 1;
    double[][] xtx = new double[p][p];
    double[] xty = new double[p];
    double[] row = new double[p];
    for (int i = 0; i < n; i++) {
      row[0] = 1;
      for (int k = 0; k < columns.length; k++) {
        row[k + 1] = features[i][columns[k]];
      }
      for (int a = 0; a < p; a++) {
        xty[a] += row[a] * y[i];
        for (int b = 0; b < p; b++) {
          xtx[a][b] += row[a] * row[b];
        }
      }
    }
    double[][] inverse = invert(xtx);
    if (inverse == null) {
      throw CadenceErrors.invalid("The uplift features of " + n + " drops are collinear",
          "push, SMS and discount depth cannot be told apart (e.g. every push drop is also an SMS drop)",
          "fit on more varied drops, or read the joint effect from the intercept");
    }
    double[] beta = new double[p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        beta[a] += inverse[a][b] * xty[b];
      }
    }
    double sse = 0;
    for (int i = 0; i < n; i++) {
      double fitted = beta[0];
      for (int k = 0; k < columns.length; k++) {
        fitted += beta[k + 1] * features[i][columns[k]];
      }
      sse += (y[i] - fitted) * (y[i] - fitted);
    }
    double s2 = n > p ? sse / (n - p) : Double.NaN;
    double[] coef = {0, 0, 0};
    double[] se = {Double.NaN, Double.NaN, Double.NaN};
    for (int k = 0; k < columns.length; k++) {
      coef[columns[k]] = beta[k + 1];
      se[columns[k]] = Math.sqrt(s2 * inverse[k + 1][k + 1]);
    }
    return new UpliftEstimate(n, skipped, Math.exp(beta[0]), Math.exp(coef[0]), se[0], Math.exp(coef[1]), se[1],
        coef[2], se[2], meanDepth, Math.sqrt(s2));
  }

  /** Gauss-Jordan inverse with partial pivoting; null when the matrix is (numerically) singular. */
  static double[][] invert(double[][] m) {
    int p = m.length;
    double[][] a = new double[p][2 * p];
    double scale = 0;
    for (int i = 0; i < p; i++) {
      System.arraycopy(m[i], 0, a[i], 0, p);
      a[i][p + i] = 1;
      scale = Math.max(scale, Math.abs(m[i][i]));
    }
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][c]) <= 1e-12 * Math.max(scale, 1e-300)) {
        return null;
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      double d = a[c][c];
      for (int k = 0; k < 2 * p; k++) {
        a[c][k] /= d;
      }
      for (int r = 0; r < p; r++) {
        if (r != c && a[r][c] != 0) {
          double f = a[r][c];
          for (int k = 0; k < 2 * p; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] inv = new double[p][p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(a[i], p, inv[i], 0, p);
    }
    return inv;
  }
}
