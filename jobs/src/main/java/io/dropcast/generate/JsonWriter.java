package io.dropcast.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small pretty-printing JSON writer for world.json. Doubles are written with at most 6 decimals from their
 * exact binary value, so the text is the same on every JVM.
 */
final class JsonWriter {
  private final StringBuilder sb = new StringBuilder(1 << 16);
  private final Deque<int[]> stack = new ArrayDeque<>();
  private boolean afterName;

  JsonWriter beginObject() {
    prefix();
    sb.append('{');
    stack.push(new int[] {0});
    return this;
  }

  JsonWriter endObject() {
    close('}');
    return this;
  }

  JsonWriter beginArray() {
    prefix();
    sb.append('[');
    stack.push(new int[] {0});
    return this;
  }

  JsonWriter endArray() {
    close(']');
    return this;
  }

  JsonWriter name(String name) {
    prefix();
    TextSink.appendJsonString(name, sb);
    sb.append(": ");
    afterName = true;
    return this;
  }

  JsonWriter value(String v) {
    prefix();
    if (v == null) {
      sb.append("null");
    } else {
      TextSink.appendJsonString(v, sb);
    }
    return this;
  }

  JsonWriter value(long v) {
    prefix();
    sb.append(v);
    return this;
  }

  JsonWriter value(double v) {
    prefix();
    sb.append(number(v));
    return this;
  }

  JsonWriter value(boolean v) {
    prefix();
    sb.append(v);
    return this;
  }

  /** An array of numbers on one line. */
  JsonWriter inline(double[] values) {
    prefix();
    sb.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(number(values[i]));
    }
    sb.append(']');
    return this;
  }

  JsonWriter field(String name, String v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, long v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, double v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, boolean v) {
    return name(name).value(v);
  }

  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    BigDecimal d = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  private void prefix() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (stack.isEmpty()) {
      return;
    }
    int[] count = stack.peek();
    if (count[0]++ > 0) {
      sb.append(',');
    }
    newline(stack.size());
  }

  private void close(char bracket) {
    int[] count = stack.pop();
    if (count[0] > 0) {
      newline(stack.size());
    }
    sb.append(bracket);
  }

  private void newline(int depth) {
    sb.append('\n');
    for (int i = 0; i < depth; i++) {
      sb.append("  ");
    }
  }

  @Override
  public String toString() {
    return sb + "\n";
  }
}
