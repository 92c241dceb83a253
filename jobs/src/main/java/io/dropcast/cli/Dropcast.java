package io.dropcast.cli;

import io.dropcast.errors.DropcastException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code bin/dropcast}, spark-submit, Airflow and tests all call jobs through it.
 * Commands come from the table in {@link Commands}.
 */
@Command(name = "dropcast",
    mixinStandardHelpOptions = true,
    versionProvider = Dropcast.Version.class,
    description = "Dropcast: predictive fulfilment for micro-drops (ingest, forecasts, hub plans, drop cadence).",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'dropcast COMMAND --help' for a command's options."})
public final class Dropcast implements Runnable {
  /** Exit code of a run whose input or configuration was rejected before any work started. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of a run that started and failed. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args);
    // SparkSubmit expects main() to return; a non-zero code must still reach the scheduler.
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command line and returns its exit code, without exiting (what tests call). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command tree, with the shared error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Dropcast());
    for (Commands.Entry entry : Commands.ALL) {
      cli.addSubcommand(entry.name(), entry.factory().get());
    }
    cli.setExecutionExceptionHandler(Dropcast::handle);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String command = cli.getCommandName();
    if (e instanceof DropcastException de) {
      err.println("dropcast " + command + ": " + de.getMessage());
      if (de.getCause() != null) {
        err.println("  caused by: " + de.getCause());
      }
      err.flush();
      return de.code().startsWith("CONFIG_") || de.code().equals("BAD_ARGUMENT") ? EXIT_USAGE : EXIT_FAILURE;
    }
    err.println("dropcast " + command + ": unexpected failure, this is a bug in Dropcast; report it with this log.");
    e.printStackTrace(err);
    err.flush();
    return EXIT_FAILURE;
  }

  /** Version from the jar's manifest (or "development" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Dropcast.class.getPackage().getImplementationVersion();
      return new String[] {"dropcast " + (v == null ? "development" : v)};
    }
  }
}
