package io.dropcast.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.calendar.HolidayCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemandModelTest {
  private static final LocalDate HOLIDAY = LocalDate.of(2026, 6, 10);

  static World world;
  static DemandModel model;

  @BeforeAll
  static void build() {
    // A small world whose only holiday is 10 June.
    world = World.build(WorldParams.builder(LocalDate.of(2026, 5, 1), 120, 20, 4, 3)
        .holidays(HolidayCalendar.parse(List.of("06-10")), "custom").build());
    model = new DemandModel(world);
  }

  @Test
  void aHolidayMultipliesEachCategorysDemandByItsConfiguredEffect() {
    for (int c = 0; c < world.categories().size(); c++) {
      double ratio = model.dayFactor(c, HOLIDAY, true) / model.dayFactor(c, HOLIDAY, false);
      assertEquals(world.categories().get(c).holidayEffect(), ratio, 1e-12,
          world.categories().get(c).slug() + " on a holiday");
      assertEquals(1.0, model.holiday(c, HOLIDAY.plusDays(7)), 0.0, "an ordinary Wednesday has no holiday effect");
    }
  }

  @Test
  void weeklyProfilesAverageOneAndBakeryPeaksOnSaturday() {
    for (CategorySpec spec : world.categories()) {
      double sum = 0;
      for (double w : spec.weekly()) {
        sum += w;
      }
      assertEquals(7.0, sum, 1e-9, spec.slug() + "'s weekly profile must average 1");
    }
    CategorySpec bakery = world.categories().get(0);
    assertEquals("bakery", bakery.slug(), "bakery is the first category");
    double saturday = bakery.weekly()[5];
    for (int d = 0; d < 7; d++) {
      assertTrue(d == 5 || bakery.weekly()[d] < saturday, "bakery's Saturday beats day " + (d + 1));
    }
    assertTrue(bakery.hourly()[8] > 5 * bakery.hourly()[15], "bakery's 8 h is far busier than its 15 h");
  }

  @Test
  void aNeighbourhoodHasNoDemandBeforeItOpensThenRampsUp() {
    World.Neighbourhood late = world.neighbourhoods().stream().filter(n -> n.openedOn() != null).findFirst()
        .orElseThrow(() -> new AssertionError("10 % of 20 neighbourhoods open mid-history"));
    LocalDate opened = late.openedOn();
    assertEquals(0.0, model.opening(late.index(), opened.minusDays(1)), 0.0, "the day before opening");
    assertEquals(0.3, model.opening(late.index(), opened), 1e-12, "the opening day starts at 30 %");
    assertEquals(1.0, model.opening(late.index(), opened.plusDays(DemandModel.OPENING_RAMP_DAYS)), 1e-12,
        "full demand after the ramp");
    assertEquals(0.0, model.potential(late.index(), 0, opened.minusDays(1), true), 0.0, "no potential before");
  }

  @Test
  void discountAndChannelsRaiseADropsAppeal() {
    DropPlan plain = new DropPlan("d", 0, 0, 0, new int[] {0}, new long[] {0}, 1, 1000, 750, false, false, 1,
        new double[] {1});
    DropPlan loud = new DropPlan("d", 0, 0, 0, new int[] {0}, new long[] {0}, 1, 1000, 500, true, true, 1,
        new double[] {1});
    assertEquals(1.0, model.appeal(plain), 1e-12, "the reference discount (25 %) without channels is neutral");
    assertEquals(StrictMath.exp(DemandModel.DISCOUNT_ELASTICITY * 0.25) * 1.12 * 1.20, model.appeal(loud), 1e-12,
        "a 50 % discount with push and SMS");
  }

  @Test
  void theDemandScaleIsCalibratedToTheRequestedOrdersPerDay() {
    double total = 0;
    for (int d = 0; d < world.params().days(); d++) {
      LocalDate date = world.params().start().plusDays(d);
      for (DemandModel.DropDemand dd : model.forDay(date, DropSchedule.plan(world, date),
          DropSchedule.plan(world, date.minusDays(1)))) {
        for (double l : dd.lambda()) {
          total += l;
        }
      }
    }
    assertEquals(world.params().ordersPerDay(), total / world.params().days(), 1e-6 * world.params().ordersPerDay(),
        "mean expected attempts a day over the history");
  }

  @Test
  void poissonAndGammaDrawsHaveTheirMeans() {
    SplittableRandom rng = new SplittableRandom(1);
    for (double mean : new double[] {0.4, 3, 42}) {
      double sum = 0;
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        sum += Rand.poisson(rng, mean);
      }
      assertEquals(mean, sum / n, 0.01 * mean + 0.005, "Poisson(" + mean + ") mean");
    }
    double sum = 0;
    for (int i = 0; i < 200_000; i++) {
      sum += Rand.gamma(rng, DemandModel.DROP_SHOCK_SHAPE) / DemandModel.DROP_SHOCK_SHAPE;
    }
    assertEquals(1.0, sum / 200_000, 0.01, "the drop shock has mean 1");
  }
}
