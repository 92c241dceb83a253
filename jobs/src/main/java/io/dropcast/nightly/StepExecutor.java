package io.dropcast.nightly;

/**
 * Runs one command line of Dropcast in this driver (same SparkSession) and returns its exit code. The
 * production executor is {@code io.dropcast.cli.Dropcast::run}; tests wrap it to make a step fail for real.
 */
@FunctionalInterface
public interface StepExecutor {
  int execute(String... commandLine);
}
