package io.dropcast.generate;

import java.util.List;

/** The generator's default categories, loosely modelled on a European city's micro-drop directory. */
public final class Categories {
  private Categories() {}

  private static int[] window(int hour, int minute, int lengthMinutes) {
    return new int[] {hour * 60 + minute, lengthMinutes};
  }

  /** Bakery, grocery, produce, beauty, electronics, home, fashion and meals. */
  public static List<CategorySpec> defaults() {
    return DEFAULTS;
  }

  private static final List<CategorySpec> DEFAULTS = List.of(
      CategorySpec.of("bakery", 0.18,
          new double[] {0.85, 0.80, 0.80, 0.85, 0.95, 1.65, 1.15},
          new double[][] {{8.5, 1.2, 1.0}, {11.0, 1.5, 0.4}},
          new int[][] {window(7, 0, 300), window(8, 0, 240)},
          1.2, new double[] {3, 12}, new double[] {0.20, 0.50}, 1.45, 0.05, 355,
          List.of("Sourdough loaf 800 g", "Pastéis de nata (6)", "Croissant box", "Rye bread",
              "Bolo de arroz (4)", "Focaccia", "Cinnamon rolls (4)", "Baguette")),
      CategorySpec.of("grocery", 0.16,
          new double[] {0.90, 0.85, 0.85, 0.90, 1.10, 1.35, 1.05},
          new double[][] {{11.0, 2.0, 0.6}, {18.0, 1.5, 1.0}},
          new int[][] {window(9, 0, 600), window(10, 0, 480)},
          1.0, new double[] {4, 25}, new double[] {0.10, 0.35}, 0.85, 0.08, 355,
          List.of("Olive oil 750 ml", "Coffee beans 500 g", "Tinned sardines (3)", "Pasta & sauce kit",
              "Carolino rice 1 kg", "Honey 500 g", "Granola 400 g", "Breakfast box")),
      CategorySpec.of("produce", 0.12,
          new double[] {0.90, 0.90, 0.95, 1.00, 1.10, 1.30, 0.85},
          new double[][] {{9.5, 1.5, 1.0}, {12.5, 1.5, 0.5}},
          new int[][] {window(8, 0, 360), window(9, 0, 300)},
          0.8, new double[] {5, 20}, new double[] {0.15, 0.45}, 1.10, 0.12, 200,
          List.of("Seasonal fruit box", "Salad box", "Rocha pears 1 kg", "Tomatoes 1 kg", "Berries 500 g",
              "Veg box", "Citrus box", "Herb bundle")),
      CategorySpec.of("beauty", 0.07,
          new double[] {0.90, 0.90, 0.95, 1.00, 1.15, 1.20, 0.90},
          new double[][] {{13.0, 2.0, 0.8}, {20.0, 1.5, 1.0}},
          new int[][] {window(11, 0, 600), window(12, 0, 480)},
          0.5, new double[] {8, 45}, new double[] {0.10, 0.40}, 1.10, 0.10, 350,
          List.of("Hand cream", "Face serum 30 ml", "Olive soap set", "Shampoo bar", "Lip balm trio",
              "Sun cream SPF50", "Face mask set")),
      CategorySpec.of("electronics", 0.08,
          new double[] {0.85, 0.85, 0.90, 1.00, 1.20, 1.30, 0.90},
          new double[][] {{13.0, 1.5, 0.6}, {21.0, 1.5, 1.0}},
          new int[][] {window(12, 0, 600), window(18, 0, 240)},
          0.4, new double[] {15, 120}, new double[] {0.10, 0.35}, 1.25, 0.30, 340,
          List.of("Wireless earbuds", "USB-C charger 65 W", "Power bank 10,000 mAh", "Smart plug (2)",
              "Bluetooth speaker", "Phone case", "LED desk lamp")),
      CategorySpec.of("home", 0.08,
          new double[] {0.85, 0.85, 0.90, 0.95, 1.05, 1.30, 1.10},
          new double[][] {{11.0, 2.0, 0.7}, {19.0, 2.0, 1.0}},
          new int[][] {window(10, 0, 600), window(14, 0, 420)},
          0.5, new double[] {8, 60}, new double[] {0.15, 0.45}, 1.15, 0.15, 345,
          List.of("Scented candle", "Linen tea towels (2)", "Ceramic mug", "Plant pot", "Cork coasters (4)",
              "Throw blanket", "Azulejo tile print")),
      CategorySpec.of("fashion", 0.09,
          new double[] {0.80, 0.80, 0.85, 0.95, 1.20, 1.40, 1.00},
          new double[][] {{13.0, 2.0, 0.8}, {19.5, 1.5, 1.0}},
          new int[][] {window(11, 0, 600), window(17, 0, 300)},
          0.5, new double[] {15, 90}, new double[] {0.20, 0.50}, 1.35, 0.20, 330,
          List.of("Linen shirt", "Canvas tote", "Wool socks (3)", "Cotton tee", "Cork wallet", "Sneakers",
              "Scarf \"Tejo\"")),
      CategorySpec.of("meals", 0.22,
          new double[] {0.85, 0.85, 0.90, 0.95, 1.35, 1.30, 0.80},
          new double[][] {{12.75, 0.8, 1.0}, {20.0, 1.0, 1.2}},
          new int[][] {window(11, 30, 180), window(18, 30, 240)},
          1.4, new double[] {7, 18}, new double[] {0.10, 0.35}, 1.60, 0.10, 15,
          List.of("Bacalhau à Brás", "Chicken piri-piri", "Vegan bowl", "Sushi box", "Bifana & fries",
              "Caldo verde + bread", "Pizza margherita", "Ramen kit")));
}
