package io.dropcast.cli;

import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.plan.EvaluationJob;
import io.dropcast.tables.Tables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast evaluate-plans --from D1 --to D2 [--truth DIR]}: past plans and baselines against reality. */
@Command(name = "evaluate-plans", mixinStandardHelpOptions = true,
    description = "Score the plans of a range of run dates, and two baselines on the same drops (equal split, split by recent sales), against the units ordered and, with --truth, a generated world's latent demand: fill rate, share within SLA, stockouts, leftover, cost h*leftover + p*shortage. Writes plan_evaluation.",
    footer = {"", "Example: dropcast evaluate-plans --from 2026-10-29 --to 2026-11-25 --truth data-samples/truth"})
public final class EvaluatePlansCommand extends DatedJobCommand {
  @Option(names = "--truth", paramLabel = "DIR",
      description = "A generated world's truth folder (holding latent_demand/): also score against latent demand. Only the evaluation reads it.")
  String truth;

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    String truthDir = truth == null ? null
        : truth.contains("://") ? truth : Path.of(truth).toAbsolutePath().normalize().toString();
    EvaluationJob.Result r = EvaluationJob.run(context, dates.first(), dates.last(), truthDir);
    PrintWriter out = spec.commandLine().getOut();
    List<String> table = EvaluationJob.describe(r.totals());
    table.forEach(out::println);
    String summary = String.format(Locale.ROOT, "Evaluated plans %s .. %s%s; plan_evaluation v%d. %.1f s.",
        dates.first(), dates.last(), truthDir == null ? "" : " (with latent demand from " + truthDir + ")",
        r.version(), (System.nanoTime() - started) / 1e9);
    out.println(summary);
    out.flush();
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null,
        Map.of(Tables.PLAN_EVALUATION.name(), r.version()), summary + "\n" + String.join("\n", table));
  }
}
