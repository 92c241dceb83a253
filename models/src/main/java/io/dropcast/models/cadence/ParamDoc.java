package io.dropcast.models.cadence;

import java.io.Serializable;

/**
 * One configuration parameter of the cadence models, declared once: its name (the record component), default,
 * rule and one line of help. The job maps its configuration keys onto these names and logs the resolved values.
 *
 * @param name the record component, e.g. {@code overCapacityWeight}
 * @param defaultValue the default, as text
 * @param rule what a valid value is, e.g. {@code a finite number >= 0}
 * @param doc one line of help
 */
public record ParamDoc(String name, String defaultValue, String rule, String doc) implements Serializable {
  private static final long serialVersionUID = 1L;
}
