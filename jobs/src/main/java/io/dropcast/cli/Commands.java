package io.dropcast.cli;

import java.util.List;
import java.util.function.Supplier;

/**
 * The table of commands: the name a scheduler, the launcher or a test uses, and the class that runs it.
 * One line per command; {@code dropcast --help} lists them in this order with their one-line description.
 */
public final class Commands {
  private Commands() {}

  /** A registered command: its name and a factory for a fresh picocli command object. */
  public record Entry(String name, Supplier<Object> factory) {}

  public static final List<Entry> ALL = List.of(
      new Entry("nightly", NightlyCommand::new),
      new Entry("generate", GenerateCommand::new),
      new Entry("ingest", IngestCommand::new),
      new Entry("import-history", ImportHistoryCommand::new),
      new Entry("train", io.dropcast.forecast.TrainCommand::new),
      new Entry("forecast", io.dropcast.forecast.ForecastCommand::new),
      new Entry("backtest", io.dropcast.forecast.BacktestCommand::new),
      new Entry("plan", PlanCommand::new),
      new Entry("evaluate-plans", EvaluatePlansCommand::new),
      new Entry("pack", io.dropcast.act.PackCommand::new),
      new Entry("deliver", io.dropcast.act.DeliverCommand::new),
      new Entry("push-targets", io.dropcast.act.PushTargetsCommand::new),
      new Entry("drop-kpis", DropKpisCommand::new),
      new Entry("cadence", CadenceCommand::new),
      new Entry("evaluate-cadence", EvaluateCadenceCommand::new),
      new Entry("report", io.dropcast.report.ReportCommand::new),
      new Entry("maintain", io.dropcast.maintain.MaintainCommand::new),
      new Entry("sql", SqlCommand::new));
}
