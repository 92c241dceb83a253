package io.dropcast.generate;

import io.dropcast.contract.AvroContract;
import java.time.LocalDate;
import java.util.Map;

/**
 * Renders {@code truth/world.json}: the params and seed, the demand model's constants, the neighbourhoods,
 * hubs, categories (with merchants and SKUs), the holidays inside the history, the bad rows injected per kind
 * and the totals. Deterministic: no clock time, numbers with at most 6 decimals.
 */
final class WorldJson {
  private WorldJson() {}

  static String render(World world, Generator.Summary summary) {
    WorldParams p = world.params();
    JsonWriter j = new JsonWriter().beginObject();
    j.field("generator", "dropcast generate");
    j.field("contract_version", AvroContract.VERSION);
    j.field("seed", p.seed());

    j.name("params").beginObject()
        .field("start", p.start().toString())
        .field("end", p.end().toString())
        .field("days", p.days())
        .field("neighbourhoods", p.neighbourhoods())
        .field("hubs", p.hubs())
        .field("seed", p.seed())
        .field("orders_per_day", p.ordersPerDay())
        .field("format", p.format().extension())
        .field("time_zone", p.timeZone().getId())
        .field("dirty_ratio", p.dirtyRatio())
        .field("h3_resolution", p.h3Resolution())
        .field("centre_latitude", p.centreLatitude())
        .field("centre_longitude", p.centreLongitude())
        .field("holidays", p.holidaysName())
        .endObject();

    j.name("model").beginObject()
        .field("centre_cell", world.centreCell())
        .field("demand_scale", world.demandScale())
        .field("growth_per_year", world.growthPerYear())
        .field("reach_km", world.reachKm())
        .field("min_reach", DemandModel.MIN_REACH)
        .field("recovery_effect", DemandModel.RECOVERY_EFFECT)
        .field("discount_elasticity", DemandModel.DISCOUNT_ELASTICITY)
        .field("reference_discount", DemandModel.REFERENCE_DISCOUNT)
        .field("push_effect", DemandModel.PUSH_EFFECT)
        .field("sms_effect", DemandModel.SMS_EFFECT)
        .field("august_dip", DemandModel.AUGUST_DIP)
        .field("opening_ramp_days", DemandModel.OPENING_RAMP_DAYS)
        .field("drop_shock_gamma_shape", DemandModel.DROP_SHOCK_SHAPE)
        .name("units_per_order_probabilities").inline(DemandModel.UNITS_PROBABILITIES)
        .field("mean_units_per_order", DemandModel.MEAN_UNITS)
        .field("formula", "lambda(n, drop) = scale x base(n) x affinity(n, c) x share(c) x weekly(c) x yearly(c)"
            + " x holiday(c) x trend x opening(n) x reach allocation x discount x channels x recovery;"
            + " attempts ~ Poisson(lambda x drop shock), drop shock ~ Gamma(shape, 1/shape)")
        .endObject();

    j.name("categories").beginArray();
    for (int c = 0; c < world.categories().size(); c++) {
      CategorySpec s = world.categories().get(c);
      j.beginObject()
          .field("slug", s.slug())
          .field("share", s.share())
          .name("weekly_profile_mon_to_sun").inline(s.weekly())
          .name("hourly_profile").inline(s.hourly())
          .field("drops_per_day_per_3_hubs", s.dropsPerDay())
          .name("list_price_range").inline(s.listPriceRange())
          .name("discount_range").inline(s.discountRange())
          .field("holiday_effect", s.holidayEffect())
          .field("yearly_amplitude", s.yearlyAmplitude())
          .field("yearly_peak_day_of_year", s.yearlyPeakDay());
      j.name("windows").beginArray();
      for (int[] w : s.windows()) {
        j.value(String.format(java.util.Locale.ROOT, "%02d:%02d+%dmin", w[0] / 60, w[0] % 60, w[1]));
      }
      j.endArray();
      j.name("merchants").beginArray();
      for (int m : world.merchantsOf(c)) {
        World.Merchant merchant = world.merchants().get(m);
        j.beginObject()
            .field("merchant_id", merchant.merchantId())
            .field("home_hub", world.hubs().get(merchant.homeHub()).hubId());
        j.name("skus").beginArray();
        for (World.Sku sku : merchant.skus()) {
          j.beginObject()
              .field("sku_id", sku.skuId())
              .field("title", sku.title())
              .field("list_price", sku.listPriceCents() / 100.0)
              .endObject();
        }
        j.endArray().endObject();
      }
      j.endArray().endObject();
    }
    j.endArray();

    j.name("neighbourhoods").beginArray();
    for (World.Neighbourhood n : world.neighbourhoods()) {
      j.beginObject()
          .field("index", n.index())
          .field("cell", n.address())
          .field("ring", n.ring())
          .field("latitude", n.latitude())
          .field("longitude", n.longitude())
          .field("base_demand", n.baseDemand());
      j.name("category_affinity").beginObject();
      for (int c = 0; c < world.categories().size(); c++) {
        j.field(world.categories().get(c).slug(), n.affinity()[c]);
      }
      j.endObject();
      j.field("opened_on", n.openedOn() == null ? null : n.openedOn().toString())
          .field("customers", n.customers())
          .endObject();
    }
    j.endArray();

    j.name("hubs").beginArray();
    for (World.Hub h : world.hubs()) {
      j.beginObject()
          .field("hub_id", h.hubId())
          .field("name", h.name())
          .field("cell", world.neighbourhoods().get(h.neighbourhood()).address())
          .field("latitude", h.latitude())
          .field("longitude", h.longitude())
          .field("capacity_units", h.capacityUnits())
          .field("pick_pack_per_hour", h.pickPackPerHour())
          .field("pickup_sla_hours", h.pickupSlaHours())
          .field("opens_at", h.opensAt().toString())
          .field("closes_at", h.closesAt().toString())
          .field("opened_on", h.openedOn() == null ? null : h.openedOn().toString())
          .field("changed_on", h.changedOn() == null ? null : h.changedOn().toString())
          .field("capacity_units_after_change", h.capacityUnitsAfterChange())
          .endObject();
    }
    j.endArray();

    j.name("hub_snapshot_dates").beginArray();
    for (LocalDate d : world.hubSnapshotDates()) {
      j.value(d.toString());
    }
    j.endArray();

    j.name("holidays").beginObject().field("calendar", p.holidaysName());
    j.name("in_history").beginArray();
    for (LocalDate d : p.holidays().holidaysBetween(p.start(), p.end())) {
      j.value(d.toString());
    }
    j.endArray().endObject();

    j.name("bad_rows").beginObject();
    for (Map.Entry<DirtyKind, Long> e : summary.badRows().entrySet()) {
      j.field(e.getKey().slug(), e.getValue());
    }
    j.field("total", summary.badRowsTotal());
    j.endObject();

    j.name("totals").beginObject()
        .field("files", summary.files() + 1)
        .field("drop_records", summary.dropRows())
        .field("drops", summary.drops())
        .field("batches", summary.batches())
        .field("sold_out_drops", summary.soldOutDrops())
        .field("sold_out_share", summary.soldOutShare())
        .field("sold_out_batches", summary.soldOutBatches())
        .field("orders_created", summary.ordersCreated())
        .field("order_records", summary.orderRows())
        .field("order_update_records", summary.updateRows())
        .field("hub_records", summary.hubRows())
        .field("latent_demand_rows", summary.latentRows())
        .field("latent_orders", summary.latentOrders())
        .field("latent_units", summary.latentUnits())
        .field("sold_units", summary.soldUnits())
        .endObject();
    return j.endObject().toString();
  }
}
