package io.dropcast.generate;

import io.dropcast.errors.DropcastException;
import io.dropcast.errors.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a generation: builds the {@link World}, simulates the days on a small thread pool (a few days ahead),
 * and writes each date's files as soon as every earlier day has been simulated (a date's orders file also
 * holds the later versions of earlier orders). Memory stays bounded by the days in flight and the pending
 * late versions (two weeks at most), so histories of tens of millions of orders stream through.
 *
 * <p>Files are byte-identical for the same params whatever the number of threads: every day draws from its
 * own random streams and every file is written from one day's data in a fixed order.
 */
public final class Generator {
  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

  private Generator() {}

  /** What a run wrote. {@code elapsedNanos} is wall time; it never goes into the files. */
  public record Summary(World world, Path out, int files, long dropRows, long drops, long soldOutDrops,
      long batches, long soldOutBatches, long ordersCreated, long orderRows, long updateRows, long hubRows,
      long latentRows, long latentOrders, long latentUnits, long soldUnits, Map<DirtyKind, Long> badRows,
      long elapsedNanos) {

    /** Share of drops with at least one batch sold out. */
    public double soldOutShare() {
      return drops == 0 ? 0 : (double) soldOutDrops / drops;
    }

    /** Orders created per second of wall time. */
    public double ordersPerSecond() {
      return elapsedNanos == 0 ? 0 : ordersCreated / (elapsedNanos / 1e9);
    }

    public long badRowsTotal() {
      return badRows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Generates the world described by {@code params} into {@code out}.
   *
   * @param threads simulation and writer threads (1 or more); does not change the output
   * @param overwrite whether to delete earlier generator output (landing/ and truth/ folders) first
   */
  public static Summary run(WorldParams params, Path out, int threads, boolean overwrite) {
    long started = System.nanoTime();
    prepare(out, overwrite);
    World world = World.build(params);
    LOG.info("World: {} neighbourhoods around {} (H3 res {}), {} hubs, {} merchants; demand scale {}",
        world.neighbourhoods().size(), world.centreCell(), params.h3Resolution(), world.hubs().size(),
        world.merchants().size(), JsonWriter.number(world.demandScale()));
    OrderSimulator simulator = new OrderSimulator(world);
    DayWriter writer = new DayWriter(world, out);

    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "dropcast-generate-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Totals totals = new Totals();
    try {
      int lookahead = Math.max(2, threads * 2);
      Deque<Future<OrderSimulator.DayResult>> simulations = new ArrayDeque<>();
      Deque<Future<DayWriter.DayOutput>> writes = new ArrayDeque<>();
      TreeMap<LocalDate, List<OrderRows>> pending = new TreeMap<>();
      DayWriter.DuplicateSource previous = null;
      int submitted = 0;
      for (; submitted < Math.min(params.days(), lookahead); submitted++) {
        LocalDate date = params.start().plusDays(submitted);
        simulations.add(pool.submit(() -> simulator.simulate(date)));
      }
      int every = Math.max(1, params.days() / 10);
      for (int d = 0; d < params.days(); d++) {
        LocalDate date = params.start().plusDays(d);
        OrderSimulator.DayResult day = await(simulations.poll(), date);
        if (submitted < params.days()) {
          LocalDate next = params.start().plusDays(submitted++);
          simulations.add(pool.submit(() -> simulator.simulate(next)));
        }
        for (int offset = 1; offset < day.updates().length; offset++) {
          OrderRows later = day.updates()[offset];
          LocalDate target = date.plusDays(offset);
          if (later != null && !target.isAfter(params.end())) {
            pending.computeIfAbsent(target, t -> new ArrayList<>()).add(later);
          }
        }
        List<OrderRows> updates = pending.remove(date);
        OrderRows merged = merge(updates);
        DayWriter.DuplicateSource duplicates = previous;
        writes.add(pool.submit(() -> writer.write(day, merged, duplicates)));
        if (day.orders().size > 0) {
          previous = new DayWriter.DuplicateSource((int) date.toEpochDay(), day.orders().size);
        }
        totals.add(day.stats());
        while (writes.size() > lookahead) {
          totals.add(await(writes.poll(), date));
        }
        if ((d + 1) % every == 0 || d + 1 == params.days()) {
          LOG.info("Simulated {} ({}/{}): {} drops, {} sold out, {} orders", date, d + 1, params.days(),
              day.stats().drops(), day.stats().soldOutDrops(), day.stats().soldOrders());
        }
      }
      while (!writes.isEmpty()) {
        totals.add(await(writes.poll(), params.end()));
      }
    } finally {
      pool.shutdownNow();
    }
    Summary summary = totals.summary(world, out, System.nanoTime() - started);
    Path json = LandingLayout.worldJson(out);
    try {
      Files.createDirectories(json.getParent());
      Files.writeString(json, WorldJson.render(world, summary), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.ioFailure("write", json.toString(), e);
    }
    return new Summary(world, out, summary.files() + 1, summary.dropRows(), summary.drops(), summary.soldOutDrops(),
        summary.batches(), summary.soldOutBatches(), summary.ordersCreated(), summary.orderRows(),
        summary.updateRows(), summary.hubRows(), summary.latentRows(), summary.latentOrders(),
        summary.latentUnits(), summary.soldUnits(), summary.badRows(), System.nanoTime() - started);
  }

  /** One part holding the later versions from several earlier days, in the order those days came. */
  private static OrderRows merge(List<OrderRows> parts) {
    if (parts == null) {
      return null;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    OrderRows all = new OrderRows(parts.stream().mapToInt(p -> p.size).sum());
    for (OrderRows p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private static <T> T await(Future<T> future, LocalDate date) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.internal("Generation was interrupted at " + date, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DropcastException de) {
        throw de;
      }
      if (cause instanceof IOException io) {
        throw Errors.ioFailure("write the files of", date.toString(), io);
      }
      throw Errors.internal("Generating " + date + " failed", cause);
    }
  }

  /** The folders a run owns; with {@code overwrite} they are removed first, without it they must be empty. */
  static void prepare(Path out, boolean overwrite) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw Errors.badArgument("--out", out.toString(), "the output must be a folder, and this is a file",
          "give a folder path (it is created if missing)");
    }
    List<Path> owned = List.of(
        LandingLayout.landing(out).resolve(LandingLayout.DROPS),
        LandingLayout.landing(out).resolve(LandingLayout.ORDERS),
        LandingLayout.landing(out).resolve(LandingLayout.HUBS),
        LandingLayout.truth(out).resolve(LandingLayout.LATENT_DEMAND),
        LandingLayout.worldJson(out));
    for (Path p : owned) {
      if (!Files.exists(p)) {
        continue;
      }
      if (!overwrite) {
        throw Errors.outputExists(p.toString(), "--overwrite");
      }
      deleteRecursively(p);
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw Errors.ioFailure("create the output folder", out.toString(), e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException | UncheckedIOException e) {
      throw Errors.ioFailure("delete the earlier output", root.toString(),
          e instanceof UncheckedIOException u ? u.getCause() : e);
    }
  }

  /** Running totals, added in date order. */
  private static final class Totals {
    int files;
    long dropRows;
    long drops;
    long soldOutDrops;
    long batches;
    long soldOutBatches;
    long ordersCreated;
    long orderRows;
    long updateRows;
    long hubRows;
    long latentRows;
    long latentOrders;
    long latentUnits;
    long soldUnits;
    final long[] bad = new long[DirtyKind.values().length];

    void add(OrderSimulator.DayStats s) {
      drops += s.drops();
      soldOutDrops += s.soldOutDrops();
      batches += s.batches();
      soldOutBatches += s.soldOutBatches();
      ordersCreated += s.soldOrders();
      latentOrders += s.latentOrders();
      latentUnits += s.latentUnits();
      soldUnits += s.soldUnits();
    }

    void add(DayWriter.DayOutput o) {
      files += o.files();
      dropRows += o.dropRows();
      orderRows += o.orderRows();
      updateRows += o.updateRows();
      hubRows += o.hubRows();
      latentRows += o.latentRows();
      for (int k = 0; k < bad.length; k++) {
        bad[k] += o.badRows()[k];
      }
    }

    Summary summary(World world, Path out, long elapsed) {
      Map<DirtyKind, Long> badRows = new EnumMap<>(DirtyKind.class);
      for (DirtyKind k : DirtyKind.values()) {
        badRows.put(k, bad[k.ordinal()]);
      }
      return new Summary(world, out, files, dropRows, drops, soldOutDrops, batches, soldOutBatches, ordersCreated,
          orderRows, updateRows, hubRows, latentRows, latentOrders, latentUnits, soldUnits, badRows, elapsed);
    }
  }
}
