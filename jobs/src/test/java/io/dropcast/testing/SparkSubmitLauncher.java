package io.dropcast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Launches the application jar the way a cluster's spark-submit does: plain java running
 * org.apache.spark.deploy.SparkSubmit with the jar and a stock Spark classpath (spark-runtime), nothing else.
 * For integration tests (*IT), which run after the jar is packaged.
 */
public final class SparkSubmitLauncher {
  /** Exit code and combined output of a finished launch. */
  public record Result(int exitCode, String output) {}

  private SparkSubmitLauncher() {}

  public static Path applicationJar() {
    Path jar = Repo.root().resolve("jobs/target/dropcast-jobs.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the application jar " + jar + " is missing: run this test with `mvn verify`");
    }
    return jar;
  }

  public static Result submit(String master, Path workDir, List<String> appArgs, long timeoutSeconds)
      throws IOException, InterruptedException {
    return submit(master, workDir, java.util.Map.of(), appArgs, timeoutSeconds);
  }

  /** As {@link #submit(String, Path, List, long)}, with Spark settings given to spark-submit as --conf K=V. */
  public static Result submit(String master, Path workDir, java.util.Map<String, String> sparkConf, List<String> appArgs,
      long timeoutSeconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "spark-submit", ".log");
    Process process = start(master, workDir, sparkConf, appArgs, log);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("spark-submit did not finish in " + timeoutSeconds + " s; log: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Starts spark-submit as a child process without waiting, its output going to {@code log}. */
  public static Process start(String master, Path workDir, java.util.Map<String, String> sparkConf,
      List<String> appArgs, Path log) throws IOException {
    Path root = Repo.root();
    String sparkClasspath = Files.readString(root.resolve("spark-runtime/target/spark-classpath.txt")).trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : Files.readAllLines(root.resolve("bin/jvm-flags"))) {
      if (!flag.isBlank()) {
        command.add(flag.trim());
      }
    }
    command.add("-Xmx2g");
    command.add("-XX:+UseParallelGC"); // as bin/dropcast's driver
    command.add("-cp");
    command.add(applicationJar() + java.io.File.pathSeparator + sparkClasspath);
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.add("--master");
    command.add(master);
    command.add("--conf");
    command.add("spark.ui.enabled=false");
    for (var e : new java.util.TreeMap<>(sparkConf).entrySet()) {
      command.add("--conf");
      command.add(e.getKey() + "=" + e.getValue());
    }
    command.add("--class");
    command.add("io.dropcast.cli.Dropcast");
    command.add(applicationJar().toString());
    command.addAll(appArgs);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }
}
