package io.dropcast.generate;

import java.util.SplittableRandom;

/**
 * Seeded randomness for the generator: stream derivation and the few distributions it needs, all
 * computed with {@link StrictMath} so that the same seed gives the same numbers on every JVM and CPU.
 *
 * <p>Every random stream is a {@link SplittableRandom} seeded by {@link #seed(long, long, long)} from the
 * world seed, a day and a stream id, so a day can be generated on any thread, in any order, and
 * still give the same records.
 */
public final class Rand {
  private Rand() {}

  /** Stream ids: one independent sequence per purpose and day. */
  static final long WORLD = 0x57_4F_52_4C_44L;
  static final long SCHEDULE = 0x53_43_48_45_44L;
  static final long DEMAND = 0x44_45_4D_41_4EL;
  static final long DIRTY = 0x44_49_52_54_59L;
  static final long CUSTOMER = 0x43_55_53_54_4FL;

  /** SplitMix64's finalizer: a bijection of 64-bit values with good avalanche. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for one stream of one day: a hash of (seed, day, stream). */
  public static long seed(long seed, long day, long stream) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    h = mix(h ^ (day * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    return mix(h ^ stream);
  }

  /** A new stream for (seed, day, stream). */
  public static SplittableRandom stream(long seed, long day, long stream) {
    return new SplittableRandom(seed(seed, day, stream));
  }

  /** A uniform double in [0, 1) from a 64-bit hash. */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** Standard normal by Box-Muller (one value per call, two uniforms consumed). */
  public static double normal(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** Exponential with the given mean. */
  public static double exponential(SplittableRandom r, double mean) {
    return -mean * StrictMath.log(1.0 - r.nextDouble());
  }

  /** Lognormal with the given median and log-scale standard deviation. */
  public static double lognormal(SplittableRandom r, double median, double sigma) {
    return median * StrictMath.exp(sigma * normal(r));
  }

  /** Gamma(shape, scale 1) by Marsaglia and Tsang; shapes below 1 use the boost u^(1/shape). */
  public static double gamma(SplittableRandom r, double shape) {
    if (shape < 1.0) {
      double u = r.nextDouble();
      return gamma(r, shape + 1.0) * StrictMath.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(r);
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1.0 - 0.0331 * x * x * x * x) {
        return d * v;
      }
      if (StrictMath.log(u) < 0.5 * x * x + d * (1.0 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /** Poisson with the given mean: multiplication method below 10, Hörmann's PTRS above. */
  public static int poisson(SplittableRandom r, double mean) {
    if (!(mean > 0.0)) {
      return 0;
    }
    if (mean < 10.0) {
      double limit = StrictMath.exp(-mean);
      double p = r.nextDouble();
      int k = 0;
      while (p > limit) {
        p *= r.nextDouble();
        k++;
      }
      return k;
    }
    double slam = StrictMath.sqrt(mean);
    double loglam = StrictMath.log(mean);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2.0);
    while (true) {
      double u = r.nextDouble() - 0.5;
      double v = r.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2.0 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return (int) k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (StrictMath.log(v) + StrictMath.log(invalpha) - StrictMath.log(a / (us * us) + b)
          <= -mean + k * loglam - logFactorial(k)) {
        return (int) k;
      }
    }
  }

  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    for (int i = 1; i < LOG_FACTORIAL.length; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + StrictMath.log(i);
    }
  }

  /** ln(k!): a table below 256, Stirling's series above. */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double x = k;
    return x * StrictMath.log(x) - x + 0.5 * StrictMath.log(2.0 * StrictMath.PI * x)
        + 1.0 / (12.0 * x) - 1.0 / (360.0 * x * x * x);
  }

  /** Index drawn from non-negative weights (linear scan; weights need not sum to 1). */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
